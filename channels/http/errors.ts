/**
 * Errors of the HTTP API. Every refusal leaves the server as `{ error: { code, message } }`; the
 * message tells the client what went wrong and what to do, and never echoes personal data.
 */

/** A refusal with an HTTP status, a stable code and a message that says how to fix the request. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 501 | 503,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of every error response. */
export interface ErrorBody { error: { code: string; message: string } }

/** Builds the error body. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export const INTERNAL_ERROR_MESSAGE =
  'Internal error: the request could not be completed. Please try again; if it keeps failing, contact the operator of this service.';

/** Folds a code, class or error name to a comparable key: `SessionNotFoundError` and `session_not_found` both become `sessionnotfound`. */
function nameKey(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/error$/, '');
}

const ENGINE_ERRORS: Record<string, (err?: unknown) => HttpError> = {
  sessionnotfound: () => new HttpError(404, 'session_not_found',
    'No session with this id exists. Start a new one with POST /api/sessions.'),
  sessionpurged: () => new HttpError(410, 'session_purged',
    'The personal data of this session was deleted after its retention period; the session is gone. Start a new one with POST /api/sessions.'),
  sessionbusy: () => new HttpError(409, 'session_busy',
    'The session is still answering an earlier message. Wait for that answer, then send again.'),
  sessionclosed: () => new HttpError(409, 'session_finished',
    'The session has ended (completed, cancelled or handed to a person) and takes no more messages. Start a new one with POST /api/sessions.'),
  sessionended: () => ENGINE_ERRORS.sessionclosed(),
  sessionfinished: () => ENGINE_ERRORS.sessionclosed(),
  unknownservice: () => new HttpError(400, 'unknown_service',
    'Field "service" names no known service. GET /api/services lists the available ids.'),
  unsupportedlocale: () => new HttpError(400, 'unsupported_locale',
    'Field "locale" names a language this service has no texts for. Leave it out (German) or use one the service offers, e.g. "en".'),
  messagetoolarge: () => new HttpError(413, 'message_too_large',
    'Field "text" is longer than 4096 bytes (UTF-8). Send a shorter message.'),
  engineunavailable: (err) => new HttpError(503, 'engine_unavailable', (err as { turnPending?: boolean } | undefined)?.turnPending
    ? 'The service cannot answer right now (no worker took the message in time). The message is queued and may still be applied: send it again with the same Idempotency-Key header to get its answer without applying it twice (without that header, read the session with GET first). Try again in a few seconds.'
    : 'The service cannot answer right now (its engine is not reachable); nothing was changed. Try again in a few seconds.', { 'Retry-After': '5' }),
  notsupportedontemporal: () => new HttpError(501, 'not_supported',
    'This operation is not available on the engine this server runs on.'),
};

/**
 * Maps an engine error (SessionNotFoundError, SessionBusyError, ...) to its HTTP refusal by the
 * error's `code`, `name` or class name, so the API does not depend on one engine's classes.
 * Returns undefined for anything unknown: that is a 500.
 */
export function engineErrorToHttp(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; name?: unknown; constructor?: { name?: unknown } };
  for (const candidate of [e.code, e.name, e.constructor?.name]) {
    const make = ENGINE_ERRORS[nameKey(candidate)];
    if (make) return make(err);
  }
  return undefined;
}
