/** Service catalogue, health and the OpenAPI document. */
import type { Hono } from 'hono';
import type { Engine, Readiness } from '../../host/types';
import { metricsText } from '../../platform/metrics';
import { pickLocale } from './input';
import { buildOpenApi } from './openapi';

/** Registers GET /api/services, GET /api/openapi.json, GET /healthz (alive), GET /readyz (engine ready) and GET /metrics (Prometheus). */
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

  // Alive: the process answers. Ready: the engine can take turns (database, Temporal, workers).
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Prometheus: codes and counts only, no session ids, no personal data.
  app.get('/metrics', async (c) => {
    const { contentType, body } = await metricsText();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
  app.get('/readyz', async (c) => {
    const r: Readiness = engine.readiness ? await engine.readiness().catch((e: unknown) => ({
      ready: false, checks: { engine: { ok: false, detail: e instanceof Error ? e.message.split('\n')[0] : 'readiness check failed' } },
    })) : { ready: true, checks: {} };
    if (!r.ready) c.header('Retry-After', '5');
    return c.json(r, r.ready ? 200 : 503);
  });
}
