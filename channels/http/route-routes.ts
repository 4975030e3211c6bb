/**
 * POST /api/route { text, locale? } → { service } | { candidates, question } | { none: true, reason:
 * 'not_offered' | 'off_topic', message, referral? } | { handoff: true, message }: picks the service a
 * first message is about, by the definitions' keywords first and the LLM second (if configured).
 * Wire it with `createApp({ engine, mount: (app) => mountRouteRoutes(app, { router }) })`.
 */
import { createRoute } from '@hono/zod-openapi';
import type { RouteDecision, ServiceRouter } from '../../llm/routing';
import { checkBodyHeaders, readJsonForValidator } from './body';
import { errorResponses, jsonResponse, type ApiApp } from './openapi';
import { RouteDecisionSchema, RouteRequestSchema } from './schemas';
import { refuseInvalid } from './validation';

export interface RouteRoutesDeps { router: ServiceRouter }

/** The wire form of a decision: { service } | { candidates, question } | { none, reason, message } | { handoff, message }. */
export function routeBody(decision: RouteDecision): Record<string, unknown> {
  if ('service' in decision) return { service: decision.service };
  if ('candidates' in decision) return { candidates: decision.candidates, question: decision.question };
  if ('handoff' in decision) return { handoff: true, message: decision.message };
  return { none: true, reason: decision.reason, message: decision.message, ...(decision.referral ? { referral: decision.referral } : {}) };
}

/** Registers POST /api/route on `app`. */
export function mountRouteRoutes(app: ApiApp, deps: RouteRoutesDeps): void {
  app.openapi(createRoute({
    method: 'post', path: '/api/route', operationId: 'routeMessage', summary: 'Which service a first message is about', tags: ['services'],
    description: 'Answers one service, or candidates and a question to ask, or none (with a referral), or a person. Starts nothing.',
    middleware: [async (c, next) => {
      checkBodyHeaders(c, { required: true });
      await readJsonForValidator(c);
      await next();
    }] as const,
    request: { body: { required: true, content: { 'application/json': { schema: RouteRequestSchema } } } },
    responses: { 200: jsonResponse('The routing decision', RouteDecisionSchema), ...errorResponses(400, 413, 415, 429, 500) },
  }), async (c) => {
    const body = c.req.valid('json');
    return c.json(routeBody(await deps.router.route(body.text, body.locale ?? 'de')) as never, 200);
  }, refuseInvalid({ codes: { text: 'invalid_text', locale: 'invalid_locale' } }));
}
