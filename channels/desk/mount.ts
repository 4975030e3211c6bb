import type { Hono } from 'hono';
import { bundleScript, clientEntry } from '../web/bundle';
import { securityHeaders } from '../../platform/headers';
import { mountDeskApi, type DeskDeps } from './api';
import { DESK_CSS, renderDeskPage } from './page';

/**
 * Adds the case-worker desk: the page at `/desk` (a login form, no data) and the staff-only API
 * under `/desk/api` (listing, detail, take, answer, close).
 */
export function mountDesk(app: Hono, deps: DeskDeps): void {
  app.use('/desk', securityHeaders());
  app.use('/desk/*', securityHeaders());
  app.use('/assets/desk.*', securityHeaders());
  app.get('/desk', (c) => c.html(renderDeskPage()));
  app.get('/assets/desk.css', (c) => c.body(DESK_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/desk.js', async (c) => {
    const js = await bundleScript(clientEntry('desk', 'desk.ts'));
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  mountDeskApi(app, deps);
}
