/** Request parameters outside the schemas: the session id of a path and the language of a request. */
import type { Locale } from '../../core/definition/schema';
import { MESSAGE_LOCALES as LOCALES } from '../../core/session/messages';
import { HttpError } from './errors';
import { SESSION_ID } from './schemas';

export { HTTP_CHANNELS, MAX_MESSAGE_BYTES } from './schemas';

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_field', `Field "${field}" ${message}`);
}

/** True if `value` is a locale amtsweg knows. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
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
