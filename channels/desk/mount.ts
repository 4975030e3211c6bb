import type { Hono } from 'hono';
import { bundleScript, clientEntry } from '../web/bundle';
import { securityHeaders } from '../../platform/headers';
import { mountDeskApi, type DeskDeps } from './api';
import { DESK_CSS, renderDeskPage } from './page';
import { mountInsightApi } from './insight/routes';
import { renderInsightPage } from './insight/page';
import { lineSink, logger } from '../../platform/logger';
import { deskLocale } from './i18n';
import { addRoute, pageRoute } from '../http/openapi';

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
  const pages = ['desk pages'];
  addRoute(app, pageRoute('/desk/insight', 'The insight page (a login form; data only for analysts and admins)', 'text/html', pages), (c) => c.html(renderInsightPage(deskLocale(c.req.query('lang')))));
  addRoute(app, pageRoute('/assets/desk-insight.js', 'The insight page script', 'text/javascript', pages), async (c) => {
    const js = await bundleScript(clientEntry('desk', 'insight.ts'));
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  addRoute(app, pageRoute('/desk', 'The case-worker desk (a login form, no data)', 'text/html', pages), (c) => c.html(renderDeskPage(deskLocale(c.req.query('lang')))));
  addRoute(app, pageRoute('/assets/desk.css', 'Desk styles', 'text/css', pages), (c) => c.body(DESK_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  addRoute(app, pageRoute('/assets/desk.js', 'The desk script', 'text/javascript', pages), async (c) => {
    const js = await bundleScript(clientEntry('desk', 'desk.ts'));
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  mountDeskApi(app, deps);
  mountInsightApi(app, {
    engine: deps.engine, roles: deps.roles ?? new Map(), clock: deps.clock ?? Date.now,
    log: deps.log ?? lineSink(logger.child('desk')),
  });
}
