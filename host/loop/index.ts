/**
 * The one turn loop both hosts run (embedded over SQLite, Temporal inside the workflow): turn
 * kinds and their events, admission, ordering, idempotency keys, and the loop itself. Under the
 * determinism lint: it imports only core/ and the contract's errors.
 */
export { runTurn, settle, idempotencyKey, actionFailed, actionSucceeded, type ActionEffect, type TurnPorts, type TurnOutcome } from './turn';
export {
  FOLLOW_UP_GRACE_DAYS, FOLLOW_UP_GRACE_MS, MAX_MESSAGE_BYTES, REJECT, REMEMBERED_TURN_KEYS, TURN_KEY_PATTERN, checkTurnKey, admit, awaitsFollowUp, checkSize, isClosed, staffTurn, toEvent, utf8Length,
  type Rejection, type StaffTurn, type RejectCode, type StartFacts, type TurnKind,
} from './requests';
export { SessionQueue } from './turn-queue';
export { nextTimer } from './timers';
export { turnFacts, type TurnFacts } from './facts';
