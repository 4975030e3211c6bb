/**
 * Errors of the session core. They signal programmer errors of a host (an event that cannot
 * apply); citizen input never throws. Messages never contain personal values.
 */

export class SessionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}

/** An event other than `start` arrived for a session that has no snapshot yet. */
export class SessionNotStartedError extends SessionError {
  constructor(eventType: string) {
    super('not_started', `event "${eventType}" needs a session snapshot; send { type: 'start', ... } with snapshot null first`);
    this.name = 'SessionNotStartedError';
  }
}

/** A `start` event arrived for a session that already has a snapshot. */
export class SessionAlreadyStartedError extends SessionError {
  constructor() {
    super('already_started', "a 'start' event needs snapshot null; this session has already started, send 'message' events instead");
    this.name = 'SessionAlreadyStartedError';
  }
}

/** The event is not allowed in the session's current status (e.g. staff events outside a handoff). */
export class EventNotApplicableError extends SessionError {
  constructor(eventType: string, status: string, fix: string) {
    super('not_applicable', `event "${eventType}" cannot apply while the session status is "${status}"; ${fix}`);
    this.name = 'EventNotApplicableError';
  }
}

/** The snapshot was produced by another service or definition version than the compiled one given. */
export class DefinitionMismatchError extends SessionError {
  constructor(expected: string, got: string) {
    super('definition_mismatch', `the snapshot belongs to definition ${expected}, but step() got ${got}; load the compiled service whose hash the snapshot records`);
    this.name = 'DefinitionMismatchError';
  }
}

/**
 * A case worker's action the case cannot take: `not_taken` (take the case first), `taken_by_other`,
 * `unknown_slot`, `invalid_value`, `reason_required`. The message names the fix, never a value.
 */
export class StaffActionRefusedError extends SessionError {
  constructor(code: 'not_taken' | 'taken_by_other' | 'unknown_slot' | 'invalid_value' | 'reason_required', message: string) {
    super(code, message);
    this.name = 'StaffActionRefusedError';
  }
}
