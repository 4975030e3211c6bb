/**
 * POST /api/route { text, locale? } → { service } | { candidates, question } | { none: true, reason:
 * 'not_offered' | 'off_topic', message, referral? } | { handoff: true, message }: picks the service a
 * first message is about, by the definitions' keywords first and the LLM second (if configured).
 * Wire it with `createApp({ engine, mount: (app) => mountRouteRoutes(app, { router }) })`.
 */
import type { Hono } from 'hono';
import type { RouteDecision, ServiceRouter } from '../../llm/routing';
import { checkBodyHeaders, readJsonObject } from './body';
import { HttpError } from './errors';
import { MESSAGE_LOCALES } from '../../core/session/messages';
import { isLocale, MAX_MESSAGE_BYTES } from './input';

export interface RouteRoutesDeps { router: ServiceRouter }

/** The wire form of a decision: { service } | { candidates, question } | { none, reason, message } | { handoff, message }. */
export function routeBody(decision: RouteDecision): Record<string, unknown> {
  if ('service' in decision) return { service: decision.service };
  if ('candidates' in decision) return { candidates: decision.candidates, question: decision.question };
  if ('handoff' in decision) return { handoff: true, message: decision.message };
  return { none: true, reason: decision.reason, message: decision.message, ...(decision.referral ? { referral: decision.referral } : {}) };
}

/** Registers POST /api/route on `app`. */
export function mountRouteRoutes(app: Hono, deps: RouteRoutesDeps): void {
  app.post('/api/route', async (c) => {
    checkBodyHeaders(c, { required: true });
    const body = await readJsonObject(c);
    if (typeof body.text !== 'string' || body.text.trim().length === 0) {
      throw new HttpError(400, 'invalid_text', 'Field "text" must be a non-empty string: the citizen\'s first message, e.g. {"text": "Mein Ausweis läuft ab"}.');
    }
    if (Buffer.byteLength(body.text, 'utf8') > MAX_MESSAGE_BYTES) {
      throw new HttpError(413, 'message_too_large', `Field "text" is longer than ${MAX_MESSAGE_BYTES} bytes (UTF-8). Send a shorter message.`);
    }
    if (body.locale !== undefined && !isLocale(body.locale)) {
      throw new HttpError(400, 'invalid_locale', `Field "locale" must be one of ${MESSAGE_LOCALES.join(', ')}.`);
    }
    const decision = await deps.router.route(body.text, (body.locale as string | undefined) ?? 'de');
    return c.json(routeBody(decision));
  });
}
