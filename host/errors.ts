/** Errors of the engine. Each has a stable `code` (the HTTP layer maps them) and says what to do. */
import { MESSAGE_LOCALES } from '../core/session/messages';

export abstract class EngineError extends Error {
  abstract readonly code: string;
}

export class SessionNotFoundError extends EngineError {
  override readonly name = 'SessionNotFoundError';
  readonly code = 'session_not_found';
  constructor(readonly sessionId: string) {
    super(`There is no session "${sessionId}". Check the id, or start a new session.`);
  }
}

/** A turn is running and another one is already waiting: the caller should retry shortly. */
export class SessionBusyError extends EngineError {
  override readonly name = 'SessionBusyError';
  readonly code = 'session_busy';
  constructor(readonly sessionId: string) {
    super(`Session "${sessionId}" is still answering earlier messages. Wait for the answer, then send again.`);
  }
}

export class SessionClosedError extends EngineError {
  override readonly name = 'SessionClosedError';
  readonly code = 'session_closed';
  constructor(readonly sessionId: string, readonly status: string) {
    super(`Session "${sessionId}" is ${status} and takes no more messages. Start a new session.`);
  }
}

export class UnknownServiceError extends EngineError {
  override readonly name = 'UnknownServiceError';
  readonly code = 'unknown_service';
  constructor(readonly service: string, known: string[]) {
    super(`There is no service "${service}". Known services: ${known.join(', ') || '(none loaded)'}. Check the service id or the catalog directory.`);
  }
}

export class UnsupportedLocaleError extends EngineError {
  override readonly name = 'UnsupportedLocaleError';
  readonly code = 'unsupported_locale';
  constructor(readonly service: string, readonly locale: string, readonly locales: readonly string[]) {
    super(`The service "${service}" has no texts in "${locale}". Use one of: ${locales.join(', ')}.`);
  }
}

/**
 * Refuses a locale that neither the definition nor the built-in texts speak, rather than answering
 * silently in German. A language of the city the definition lacks is accepted: the session says
 * so in that language and offers German, English or a person.
 */
export function checkLocale(service: string, locale: string | undefined, locales: readonly string[]): void {
  if (locale !== undefined && !locales.includes(locale) && !(MESSAGE_LOCALES as readonly string[]).includes(locale)) {
    throw new UnsupportedLocaleError(service, locale, [...new Set([...locales, ...MESSAGE_LOCALES])]);
  }
}

export class MessageTooLargeError extends EngineError {
  override readonly name = 'MessageTooLargeError';
  readonly code = 'message_too_large';
  constructor(readonly bytes: number, readonly limit: number) {
    super(`The message has ${bytes} bytes; at most ${limit} bytes (UTF-8) are accepted. Send a shorter message.`);
  }
}

/** The stored data key of a session cannot be opened with the configured master key. */
export class MasterKeyError extends EngineError {
  override readonly name = 'MasterKeyError';
  readonly code = 'master_key_mismatch';
  constructor(readonly sessionId: string, readonly storedKeyId: string, readonly configuredKeyId: string) {
    super(
      `Session "${sessionId}" is encrypted with master key id ${storedKeyId}, but the configured master key has id ${configuredKeyId}` +
        (storedKeyId === configuredKeyId ? ' and does not open it (the key file or AMTSWEG_MASTER_KEY was altered)' : '') +
        `. Set AMTSWEG_MASTER_KEY (base64 of 32 bytes) or the key file to the key with id ${storedKeyId}.`,
    );
  }
}

/** The master key in the environment or key file is malformed. */
export class MasterKeyFormatError extends EngineError {
  override readonly name = 'MasterKeyFormatError';
  readonly code = 'master_key_invalid';
  constructor(where: string) {
    super(`The master key from ${where} is not base64 of exactly 32 bytes. Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`);
  }
}

/** The session's data key was destroyed (retention purge): events can be verified but not read. */
export class SessionPurgedError extends EngineError {
  override readonly name = 'SessionPurgedError';
  readonly code = 'session_purged';
  constructor(readonly sessionId: string) {
    super(`The personal data of session "${sessionId}" was deleted after its retention period; only the hash chain remains.`);
  }
}

/** The engine was closed; create a new one. */
export class EngineClosedError extends EngineError {
  override readonly name = 'EngineClosedError';
  readonly code = 'engine_closed';
  constructor() {
    super('The engine was closed. Create a new engine with createEmbeddedEngine().');
  }
}

/** The turn was not acceptable (e.g. no valid time); nothing changed. */
export class TurnInvalidError extends EngineError {
  override readonly name = 'TurnInvalidError';
  readonly code = 'turn_invalid';
  constructor(detail: string) {
    super(`The turn was refused: ${detail}`);
  }
}

/**
 * The engine error for a refusal of the shared admission check (`host/loop` `admit`), on every
 * host alike. Codes are those of `REJECT`; an unknown one is a TurnInvalidError.
 */
export function rejectionError(sessionId: string, r: { code: string; message: string; status?: string; bytes?: number }, limit = 4096): EngineError {
  switch (r.code) {
    case 'session_busy': return new SessionBusyError(sessionId);
    case 'session_closed': return new SessionClosedError(sessionId, r.status ?? 'closed');
    case 'message_too_large': return new MessageTooLargeError(r.bytes ?? limit + 1, limit);
    case 'session_not_started': return new SessionNotFoundError(sessionId);
    default: return new TurnInvalidError(r.message);
  }
}

/**
 * Insight figures would be incomplete: `unreadable` sessions could not be decoded here (their
 * payload keys are not available to this process). Never answered with silently smaller counts.
 */
export class InsightUnreadableError extends EngineError {
  override readonly name = 'InsightUnreadableError';
  readonly code = 'insight_unreadable';
  constructor(readonly unreadable: number, readonly fix: string) {
    super(`${unreadable} session(s) cannot be read by this process, so the figures would be incomplete: ${fix}`);
  }
}

/**
 * No engine answers (no Temporal worker polls the task queue, the cluster is down, the database is
 * gone); try again after `retryAfterSeconds`. `reason` names what is missing. `turnPending`: a turn
 * was handed to Temporal and no worker accepted it in time, so it may still be applied when one
 * does (Temporal keeps it): a retry must carry the same idempotency key to be answered, not applied
 * twice. Otherwise nothing was changed.
 */
export class EngineUnavailableError extends EngineError {
  override readonly name = 'EngineUnavailableError';
  readonly code = 'engine_unavailable';
  constructor(readonly reason: string, readonly retryAfterSeconds = 5, readonly turnPending = false) {
    super(`The engine is not available: ${reason} ${turnPending
      ? 'The turn is queued and may still be applied when a worker takes it: send it again only with the same idempotency key (its answer comes back, it is not applied twice), or read the session first.'
      : 'Nothing was changed;'} try again in ${retryAfterSeconds} s.`);
  }
}
