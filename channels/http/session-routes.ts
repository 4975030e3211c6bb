/** Citizen routes: create a session, send messages, ask for a person, cancel, view. */
import type { Context, Hono } from 'hono';
import type { Engine, TurnResult } from '../../host/types';
import { authorizeSession } from './auth';
import { checkBodyHeaders, readJsonObject } from './body';
import { engineErrorToHttp, HttpError } from './errors';
import { parseCreateSession, parseMessage } from './input';
import type { TokenBuckets } from './rate-limit';
import type { ServiceRouter } from '../../llm/routing';
import { routeBody } from './route-routes';

/** What the routes need besides the engine. */
export interface SessionRouteDeps {
  engine: Engine;
  /** Per-session limiter, or undefined when switched off. */
  sessionLimiter?: TokenBuckets;
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

/** An authorised session request: headers checked first, then token, then the per-session limit, then the body. */
async function sessionRequest(c: Context, deps: SessionRouteDeps, bodyRequired: boolean) {
  checkBodyHeaders(c, { required: bodyRequired, maxBytes: deps.maxBodyBytes });
  const id = await authorizeSession(c, deps.engine);
  limitSession(deps, id);
  const body = await readJsonObject(c, deps.maxBodyBytes);
  return { id, body };
}

/** Registers the session routes on `app`. */
export function registerSessionRoutes(app: Hono, deps: SessionRouteDeps): void {
  const { engine } = deps;

  app.post('/api/sessions', async (c) => {
    checkBodyHeaders(c, { required: true, maxBytes: deps.maxBodyBytes });
    const body = await readJsonObject(c, deps.maxBodyBytes);
    if (body.service === undefined && body.text !== undefined && deps.router) {
      // { text } alone: route, start the service and hand it the first message, whose facts are used.
      const { text } = parseMessage(body);
      const input = parseCreateSession({ ...body, service: '', text: undefined }, [''], true);
      const decision = await deps.router.route(text, input.locale ?? 'de');
      if (!('service' in decision)) return c.json(routeBody(decision));
      const created = await callEngine(() => engine.createSession({ ...input, service: decision.service }));
      const turn = await callEngine(() => engine.sendMessage(created.id, text));
      const reply = turnBody(turn);
      return c.json({ id: created.id, token: created.token, service: decision.service, ...reply,
        // The greeting (AI disclosure) stays; its first question is already answered by the text.
        messages: [...created.messages.slice(0, 1).map((m) => ({ role: m.role, text: m.text })), ...(reply.messages as unknown[])] }, 201);
    }
    const input = parseCreateSession(body, engine.services().map((s) => s.id));
    const created = await callEngine(() => engine.createSession(input));
    return c.json({ id: created.id, token: created.token, ...turnBody(created) }, 201);
  });

  app.post('/api/sessions/:id/messages', async (c) => {
    const { id, body } = await sessionRequest(c, deps, true);
    const { text } = parseMessage(body);
    return c.json(turnBody(await callEngine(() => engine.sendMessage(id, text))));
  });

  app.post('/api/sessions/:id/handoff', async (c) => {
    const { id } = await sessionRequest(c, deps, false);
    // A fixed reason: free text from the citizen would be personal data in the case list.
    return c.json(turnBody(await callEngine(() => engine.requestHandoff(id, 'citizen_request'))));
  });

  app.post('/api/sessions/:id/cancel', async (c) => {
    const { id } = await sessionRequest(c, deps, false);
    return c.json(turnBody(await callEngine(() => engine.cancel(id))));
  });

  app.get('/api/sessions/:id', async (c) => {
    // Not limited per session: a chat page polls the view for a case worker's answer; the per-IP limit still applies.
    const id = await authorizeSession(c, engine);
    return c.json(await callEngine(() => engine.view(id)));
  });
}
