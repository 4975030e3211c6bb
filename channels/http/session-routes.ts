/** Citizen routes: create a session, send messages, ask for a person, cancel, view. */
import type { Context, MiddlewareHandler } from 'hono';
import { createRoute } from '@hono/zod-openapi';
import type { Engine, TurnResult } from '../../host/types';
import { authorizeSession } from './auth';
import { checkBodyHeaders, readJsonForValidator, readJsonObject } from './body';
import { engineErrorToHttp, HttpError } from './errors';
import { errorResponses, jsonResponse, type ApiApp } from './openapi';
import { CreatedSessionSchema, createSessionRequestSchema, MessageHeaders, MessageRequestSchema, RouteDecisionSchema, SessionIdParams, SessionViewSchema, TurnSchema } from './schemas';
import { refuseInvalid } from './validation';
import type { TokenBuckets } from './rate-limit';
import type { ServiceRouter } from '../../llm/routing';
import type { Locale } from '../../core/definition/schema';
import { routeBody } from './route-routes';

/** What the routes need besides the engine. */
export interface SessionRouteDeps {
  engine: Engine;
  /** Per-session limiter, or undefined when switched off. */
  sessionLimiter?: TokenBuckets;
  /** Session starts per client (`clientKey`), or undefined when switched off. */
  newSessionLimiter?: TokenBuckets;
  clientKey?: (c: Context) => string;
  maxBodyBytes: number;
  /** The one router: lets POST /api/sessions { text } start without a service. */
  router?: ServiceRouter;
}

/** The answer to a turn: status, the new messages, the outcome once there is one. */
export function turnBody(turn: TurnResult): Record<string, unknown> {
  const body: Record<string, unknown> = {
    status: turn.status,
    messages: turn.messages.map((m) => ({ role: m.role, text: m.text })),
  };
  if (turn.outcome) body.outcome = { id: turn.outcome.id, kind: turn.outcome.kind, values: turn.outcome.values };
  return body;
}

async function callEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw engineErrorToHttp(err) ?? err;
  }
}

function limitSession(deps: SessionRouteDeps, id: string): void {
  const verdict = deps.sessionLimiter?.take(id);
  if (verdict && !verdict.ok) {
    throw new HttpError(429, 'rate_limited',
      `Too many requests for this session. Wait ${verdict.retryAfterSeconds} s, then send again.`,
      { 'Retry-After': String(verdict.retryAfterSeconds) });
  }
}

/**
 * An authorised session request, before the schema sees the body: headers checked first, then
 * token, then the per-session limit, then the body read within its limits.
 */
function sessionRequest(deps: SessionRouteDeps, bodyRequired: boolean): MiddlewareHandler {
  return async (c, next) => {
    checkBodyHeaders(c, { required: bodyRequired, maxBytes: deps.maxBodyBytes });
    const id = await authorizeSession(c, deps.engine);
    limitSession(deps, id);
    if (bodyRequired) await readJsonForValidator(c, deps.maxBodyBytes);
    else await readJsonObject(c, deps.maxBodyBytes);
    await next();
  };
}

const bearer = [{ sessionToken: [] }];
const sessionErrors = [401, 404, 410, 429, 500, 503] as const;
const turnErrors = [...sessionErrors, 409, 413, 415] as const;

/** Session routes answer a turn; each links to the session's other operations for clients (and schemathesis). */
const sessionLinks = {
  getSession: { operationId: 'getSession', parameters: { id: '$response.body#/id' } },
  sendMessage: { operationId: 'sendMessage', parameters: { id: '$response.body#/id' } },
  requestHandoff: { operationId: 'requestHandoff', parameters: { id: '$response.body#/id' } },
  cancelSession: { operationId: 'cancelSession', parameters: { id: '$response.body#/id' } },
};

function turnRoute(path: 'handoff' | 'cancel', operationId: string, summary: string, deps: SessionRouteDeps) {
  return createRoute({
    method: 'post', path: `/api/sessions/{id}/${path}`, operationId, summary, tags: ['sessions'], security: bearer,
    description: 'Takes no body (an empty JSON object is accepted too).',
    middleware: [sessionRequest(deps, false)] as const,
    request: { params: SessionIdParams },
    responses: { 200: jsonResponse(summary, TurnSchema), ...errorResponses(...turnErrors) },
  });
}

/** Registers the session routes on `app`. */
export function registerSessionRoutes(app: ApiApp, deps: SessionRouteDeps): void {
  const { engine } = deps;
  const serviceIds = () => engine.services().map((s) => s.id);
  const routed = Boolean(deps.router);

  app.openapi(createRoute({
    method: 'post', path: '/api/sessions', operationId: 'createSession', summary: 'Start a session', tags: ['sessions'],
    description: routed
      ? 'With { service } the session starts with its greeting (AI disclosure). With { text } the service is found from the first message: '
        + 'a clear one starts (201, with "service"), else the routing decision comes back (200) and nothing is started.'
      : 'Starts the service; the first messages include the AI disclosure.',
    middleware: [async (c, next) => {
      checkBodyHeaders(c, { required: true, maxBytes: deps.maxBodyBytes });
      const started = deps.newSessionLimiter?.take(deps.clientKey?.(c) ?? 'all');
      if (started && !started.ok) {
        throw new HttpError(429, 'rate_limited',
          `Too many new sessions from your address. Wait ${started.retryAfterSeconds} s, or continue a session you have.`,
          { 'Retry-After': String(started.retryAfterSeconds) });
      }
      await readJsonForValidator(c, deps.maxBodyBytes);
      await next();
    }] as const,
    request: { body: { required: true, content: { 'application/json': { schema: createSessionRequestSchema(serviceIds(), routed) } } } },
    responses: {
      201: { ...jsonResponse('Session created', CreatedSessionSchema), links: sessionLinks },
      ...(routed ? { 200: jsonResponse('No single service: candidates and a question, none, or a person; nothing started', RouteDecisionSchema) } : {}),
      ...errorResponses(400, 413, 415, 429, 500, 503),
    },
  }), async (c) => {
    const body = c.req.valid('json') as { service?: string; text?: string; locale?: Locale; channel?: 'web' | 'api' };
    const input = { locale: body.locale, channel: body.channel ?? 'api' as const };
    if (body.service === undefined && body.text !== undefined && deps.router) {
      // { text } alone: route, start the service and hand it the first message, whose facts are used.
      const text = body.text;
      const decision = await deps.router.route(text, input.locale ?? 'de');
      if (!('service' in decision)) return c.json(routeBody(decision) as never, 200);
      const created = await callEngine(() => engine.createSession({ ...input, service: decision.service }));
      const turn = await callEngine(() => engine.sendMessage(created.id, text));
      const reply = turnBody(turn);
      return c.json({ id: created.id, token: created.token, service: decision.service, ...reply,
        // The greeting (AI disclosure) stays; its first question is already answered by the text.
        messages: [...created.messages.slice(0, 1).map((m) => ({ role: m.role, text: m.text })), ...(reply.messages as unknown[])] } as never, 201);
    }
    const created = await callEngine(() => engine.createSession({ ...input, service: body.service as string }));
    return c.json({ id: created.id, token: created.token, ...turnBody(created) } as never, 201);
  }, refuseInvalid({ serviceIds }));

  app.openapi(createRoute({
    method: 'post', path: '/api/sessions/{id}/messages', operationId: 'sendMessage', summary: 'Send a citizen message', tags: ['sessions'],
    security: bearer,
    middleware: [sessionRequest(deps, true)] as const,
    request: { params: SessionIdParams, headers: MessageHeaders, body: { required: true, content: { 'application/json': { schema: MessageRequestSchema } } } },
    responses: { 200: jsonResponse('The assistant\'s answer', TurnSchema), ...errorResponses(400, ...turnErrors) },
  }), async (c) => {
    const { text } = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    return c.json(turnBody(await callEngine(() => engine.sendMessage(c.req.valid('param').id, text, key !== undefined ? { key } : undefined))) as never, 200);
  }, refuseInvalid({ codes: { 'idempotency-key': 'invalid_idempotency_key' } }));

  app.openapi(turnRoute('handoff', 'requestHandoff', 'Hand the session to a person ("Mit einem Menschen sprechen")', deps), async (c) =>
    // A fixed reason: free text from the citizen would be personal data in the case list.
    c.json(turnBody(await callEngine(() => engine.requestHandoff(c.req.valid('param').id, 'citizen_request'))) as never, 200), refuseInvalid());

  app.openapi(turnRoute('cancel', 'cancelSession', 'Cancel the session', deps), async (c) =>
    c.json(turnBody(await callEngine(() => engine.cancel(c.req.valid('param').id))) as never, 200), refuseInvalid());

  app.openapi(createRoute({
    method: 'get', path: '/api/sessions/{id}', operationId: 'getSession', summary: 'The session as the citizen may see it', tags: ['sessions'],
    security: bearer,
    // Not limited per session: a chat page polls the view for a case worker's answer; the per-IP limit still applies.
    middleware: [async (c, next) => { await authorizeSession(c, engine); await next(); }] as const,
    request: { params: SessionIdParams },
    responses: { 200: jsonResponse('Session view', SessionViewSchema), ...errorResponses(...sessionErrors) },
  }), async (c) => c.json(await callEngine(() => engine.view(c.req.valid('param').id)) as never, 200), refuseInvalid());
}
