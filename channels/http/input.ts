/** Validation of request bodies and parameters; every refusal names the field and what to send. */
import type { Locale } from '../../core/definition/schema';
import { MESSAGE_LOCALES as LOCALES } from '../../core/session/messages';
import type { Channel } from '../../core/session/types';
import { HttpError } from './errors';

/** Largest message text in bytes (UTF-8), as the engine enforces it too. */
export const MAX_MESSAGE_BYTES = 4096;

/** Channels a client of the HTTP API may claim; e-mail and phone sessions are created by their own channels. */
export const HTTP_CHANNELS = ['web', 'api'] as const satisfies readonly Channel[];

const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_field', `Field "${field}" ${message}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** True if `value` is a locale amtsweg knows. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Body of POST /api/sessions. */
export interface CreateSessionBody { service: string; locale?: Locale; channel: Channel }

export function parseCreateSession(body: Record<string, unknown>, serviceIds: string[], routed = false): CreateSessionBody {
  const { service, locale, channel } = body;
  if (service === undefined) throw invalid('service', `is missing. Send the id of a service, one of: ${serviceIds.join(', ')}, or the citizen's first message as {"text": "..."} to route it.`);
  if (!routed && (typeof service !== 'string' || service.length === 0)) throw invalid('service', `must be a non-empty string, got ${describe(service)}.`);
  if (typeof service !== 'string') throw invalid('service', `must be a string, got ${describe(service)}.`);
  if (!serviceIds.includes(service)) {
    throw new HttpError(400, 'unknown_service',
      `Field "service" names no known service. Use one of: ${serviceIds.join(', ')} (GET /api/services lists them with titles).`);
  }
  if (locale !== undefined && !isLocale(locale)) throw invalid('locale', `must be one of ${LOCALES.join(', ')}.`);
  if (channel !== undefined && (typeof channel !== 'string' || !(HTTP_CHANNELS as readonly string[]).includes(channel))) {
    throw invalid('channel', `must be one of ${HTTP_CHANNELS.join(', ')} (default api).`);
  }
  return { service, locale: locale as Locale | undefined, channel: (channel as Channel | undefined) ?? 'api' };
}

/** Body of POST /api/sessions/:id/messages. */
export function parseMessage(body: Record<string, unknown>): { text: string } {
  const { text } = body;
  if (text === undefined) throw invalid('text', 'is missing. Send the citizen\'s message as {"text": "..."}.');
  if (typeof text !== 'string') throw invalid('text', `must be a string, got ${describe(text)}.`);
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES) {
    throw new HttpError(413, 'message_too_large',
      `Field "text" is longer than ${MAX_MESSAGE_BYTES} bytes (UTF-8). Send a shorter message, or split it into several.`);
  }
  if (text.trim().length === 0) throw invalid('text', 'is empty. Send the citizen\'s message as non-empty text.');
  return { text };
}

/** Checks the :id path parameter; a malformed id cannot name a session, so it is a 404. */
export function checkSessionId(id: string): string {
  if (!SESSION_ID.test(id)) {
    throw new HttpError(404, 'session_not_found', 'No session with this id exists. Start a new one with POST /api/sessions.');
  }
  return id;
}

/**
 * Picks the locale for texts: `?locale=` wins (invalid → 400), then the best supported language
 * of `Accept-Language`, then German.
 */
export function pickLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if (query !== undefined) {
    if (!isLocale(query)) throw invalid('locale', `(query parameter) must be one of ${LOCALES.join(', ')}.`);
    return query;
  }
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage.split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.lang as Locale | undefined) ?? 'de';
}
