import type { Hono } from 'hono';
import { bundleScript, clientEntry } from '../web/bundle';
import { securityHeaders } from '../../platform/headers';
import { mountDeskApi, type DeskDeps } from './api';
import { DESK_CSS, renderDeskPage } from './page';
import { mountInsightApi } from './insight/routes';
import { renderInsightPage } from './insight/page';
import { lineSink, logger } from '../../platform/logger';
import { deskLocale } from './i18n';

/**
 * Adds the case-worker desk: the page at `/desk` (a login form, no data) and the staff-only API
 * under `/desk/api` (queue, detail, take, answer, correct, hand back, close), and the insight page
 * at `/desk/insight` (analysts and admins).
 */
export function mountDesk(app: Hono, deps: DeskDeps): void {
  app.use('/desk', securityHeaders());
  app.use('/desk/*', securityHeaders());
  app.use('/assets/desk.*', securityHeaders());
  app.use('/assets/desk-insight.js', securityHeaders());
  app.get('/desk/insight', (c) => c.html(renderInsightPage(deskLocale(c.req.query('lang')))));
  app.get('/assets/desk-insight.js', async (c) => {
    const js = await bundleScript(clientEntry('desk', 'insight.ts'));
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  app.get('/desk', (c) => c.html(renderDeskPage(deskLocale(c.req.query('lang')))));
  app.get('/assets/desk.css', (c) => c.body(DESK_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/desk.js', async (c) => {
    const js = await bundleScript(clientEntry('desk', 'desk.ts'));
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  mountDeskApi(app, deps);
  mountInsightApi(app, {
    engine: deps.engine, roles: deps.roles ?? new Map(), clock: deps.clock ?? Date.now,
    log: deps.log ?? lineSink(logger.child('desk')),
  });
}
