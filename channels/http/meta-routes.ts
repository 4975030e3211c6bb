/** Service catalogue, health, metrics and the OpenAPI document. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Engine, Readiness } from '../../host/types';
import { metricsText } from '../../platform/metrics';
import { pickLocale } from './input';
import { errorResponses, jsonResponse, openApiDocument, type OpenApiDocument, type ApiApp } from './openapi';
import { HealthSchema, ReadinessSchema, ServiceSchema, ServicesQuery } from './schemas';
import { refuseInvalid } from './validation';

const DocumentSchema = z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).catchall(z.unknown());

/**
 * Registers GET /api/services, GET /openapi.json and /api/openapi.json (the generated document),
 * GET /healthz (alive), GET /readyz (engine ready) and GET /metrics (Prometheus).
 */
export function registerMetaRoutes(app: ApiApp, engine: Engine): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/services', operationId: 'listServices', summary: 'List the services', tags: ['services'],
    description: 'Titles in the locale of ?locale= or Accept-Language, German by default.',
    request: { query: ServicesQuery },
    responses: { 200: jsonResponse('Services', z.array(ServiceSchema)), ...errorResponses(400, 429, 500) },
  }), (c) => {
    const locale = pickLocale(c.req.valid('query').locale, c.req.header('accept-language'));
    const services = engine.services(locale).map((s) => ({ id: s.id, version: s.version, title: s.title }));
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language');
    return c.json(services, 200);
  }, refuseInvalid());

  // Generated once, on the first request: by then every channel has mounted its routes.
  let doc: OpenApiDocument | undefined;
  for (const [path, operationId] of [['/openapi.json', 'openapi'], ['/api/openapi.json', 'openapiUnderApi']] as const) {
    app.openapi(createRoute({
      method: 'get', path, operationId, summary: 'This document (OpenAPI 3.1, generated from the request schemas)', tags: ['meta'],
      responses: { 200: jsonResponse('OpenAPI 3.1 document', DocumentSchema), ...errorResponses(...(path.startsWith('/api/') ? [429] as const : []), 500) },
    }), (c) => c.json((doc ??= openApiDocument(app)) as never, 200));
  }

  // Alive: the process answers. Ready: the engine can take turns (database, Temporal, workers).
  app.openapi(createRoute({
    method: 'get', path: '/healthz', operationId: 'health', summary: 'Liveness', tags: ['meta'],
    responses: { 200: jsonResponse('Alive', HealthSchema), ...errorResponses(500) },
  }), (c) => c.json({ ok: true as const }, 200));

  // Prometheus: codes and counts only, no session ids, no personal data.
  app.openapi(createRoute({
    method: 'get', path: '/metrics', operationId: 'metrics', summary: 'Prometheus metrics (codes and counts, no personal data)', tags: ['meta'],
    responses: { 200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: z.string() } } }, ...errorResponses(500) },
  }), async (c) => {
    const { contentType, body } = await metricsText();
    return c.text(body, 200, { 'Content-Type': contentType });
  });

  app.openapi(createRoute({
    method: 'get', path: '/readyz', operationId: 'ready', summary: 'Readiness: engine, database, Temporal and workers reachable', tags: ['meta'],
    responses: {
      200: jsonResponse('Ready', ReadinessSchema),
      503: { description: 'Not ready; each failing check names its cause (Retry-After: 5)', content: { 'application/json': { schema: ReadinessSchema } } },
      ...errorResponses(500),
    },
  }), async (c) => {
    const r: Readiness = engine.readiness ? await engine.readiness().catch((e: unknown) => ({
      ready: false, checks: { engine: { ok: false, detail: e instanceof Error ? e.message.split('\n')[0] : 'readiness check failed' } },
    })) : { ready: true, checks: {} };
    if (!r.ready) c.header('Retry-After', '5');
    return c.json(r, r.ready ? 200 : 503);
  });
}
