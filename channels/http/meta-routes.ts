/** Service catalogue, health and the OpenAPI document. */
import type { Hono } from 'hono';
import type { Engine } from '../../host/types';
import { pickLocale } from './input';
import { buildOpenApi } from './openapi';

/** Registers GET /api/services, GET /api/openapi.json and GET /healthz. */
export function registerMetaRoutes(app: Hono, engine: Engine): void {
  app.get('/api/services', (c) => {
    const locale = pickLocale(c.req.query('locale'), c.req.header('accept-language'));
    const services = engine.services(locale).map((s) => ({ id: s.id, version: s.version, title: s.title }));
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language');
    return c.json(services);
  });

  const openapi = buildOpenApi();
  app.get('/api/openapi.json', (c) => c.json(openapi));

  app.get('/healthz', (c) => c.json({ ok: true }));
}
