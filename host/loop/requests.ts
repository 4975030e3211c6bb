/**
 * What a turn can be, the one way it becomes a core event, and the one admission check both
 * hosts apply before a turn runs (closed session, message size). Rejections are data with a code.
 */
import type { Channel, SessionEvent, SessionSnapshot } from '../../core/session/types';
import type { Locale } from '../../core/definition/schema';
import { TurnInvalidError } from '../errors';
import type { StaffAction } from '../types';

/** Largest message (UTF-8 bytes) a turn accepts, on every host. */
export const MAX_MESSAGE_BYTES = 4096;

/** UTF-8 length without TextEncoder or Buffer, which the workflow sandbox need not provide. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/**
 * A client's idempotency key of a turn (HTTP `Idempotency-Key`): 1–100 characters of letters,
 * digits and `._:-`, so it can be an update id and carries nothing personal. A turn sent again with
 * the key of a turn already applied gets that turn's answer and changes nothing (both engines).
 */
export const TURN_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** The key, or a TurnInvalidError-shaped refusal for a key that is not of {@link TURN_KEY_PATTERN}. */
export function checkTurnKey(key: string): string {
  if (!TURN_KEY_PATTERN.test(key)) throw new TurnInvalidError('the idempotency key must be 1–100 characters of letters, digits and . _ : -');
  return key;
}

/** How many keyed turns per session are remembered for a retry (the retry of a lost answer comes soon). */
export const REMEMBERED_TURN_KEYS = 16;

/** One turn without its time: what the citizen, the system or a case worker does. */
export type TurnKind =
  | { kind: 'start' }
  | { kind: 'message'; text: string; /** The client's idempotency key: a retry with it is answered, not applied again. */ key?: string }
  | { kind: 'handoff'; reason?: string }
  | { kind: 'cancel' }
  | StaffTurn
  | { kind: 'timer'; name: 'reminder' | 'timeout' };

/** A case worker's turn (desk): take, answer, close, hand back, correct a value, or a recorded read. */
export type StaffTurn =
  | { kind: 'staff'; action: 'take' | 'answer' | 'close' | 'handback' | 'read'; staff: string; text?: string }
  | { kind: 'staff'; action: 'correct'; staff: string; slot: string; value: unknown; reason: string; text?: undefined };

/** The turn of a desk action of the engine contract. */
export function staffTurn(action: StaffAction): StaffTurn {
  return action.type === 'correct'
    ? { kind: 'staff', action: 'correct', staff: action.staff, slot: action.slot, value: action.value, reason: action.reason }
    : { kind: 'staff', action: action.type, staff: action.staff, ...(action.text ? { text: action.text } : {}) };
}

/** What a session is started with (the `start` event's facts). */
export interface StartFacts {
  sessionId: string; locale?: Locale; channel: Channel; referenceDate: string; llm?: boolean;
  /** Addresses must be proven by a code before an action mails or books for them (issue 12). */
  proveAddresses?: boolean;
  /** Addresses the channel already proved (the sender of an e-mail thread). */
  provenAddresses?: string[];
}

/** The core event of a turn. */
export function toEvent(req: TurnKind, start: StartFacts): SessionEvent {
  switch (req.kind) {
    case 'start':
      return {
        type: 'start', sessionId: start.sessionId, locale: start.locale, channel: start.channel, referenceDate: start.referenceDate, ...(start.llm ? { llm: true } : {}),
        ...(start.proveAddresses ? { proveAddresses: true } : {}), ...(start.provenAddresses?.length ? { provenAddresses: start.provenAddresses } : {}),
      };
    case 'message': return { type: 'message', text: req.text };
    case 'handoff': return { type: 'handoff', reason: req.reason };
    case 'cancel': return { type: 'cancel' };
    case 'timer': return { type: 'timer', name: req.name };
    case 'staff': return staffEventOf(req);
  }
}

function staffEventOf(req: StaffTurn): SessionEvent {
  switch (req.action) {
    case 'take': return { type: 'staff.take', staff: req.staff };
    case 'read': return { type: 'staff.read', staff: req.staff };
    case 'answer': return { type: 'staff.answer', staff: req.staff, text: req.text ?? '' };
    case 'close': return { type: 'staff.close', staff: req.staff, ...(req.text ? { note: req.text } : {}) };
    case 'handback': return { type: 'staff.handback', staff: req.staff, ...(req.text ? { note: req.text } : {}) };
    case 'correct': return { type: 'staff.correct', staff: req.staff, slot: req.slot, value: req.value, reason: req.reason };
  }
}

/** Codes a turn is refused with; hosts map them to the errors of `host/errors.ts`. */
export const REJECT = {
  busy: 'session_busy',
  closed: 'session_closed',
  tooLong: 'message_too_large',
  notStarted: 'session_not_started',
  started: 'session_already_started',
  invalid: 'turn_invalid',
} as const;

export type RejectCode = (typeof REJECT)[keyof typeof REJECT];

/** Why a turn may not run; `status` for closed sessions, `bytes` for messages over the limit. */
export interface Rejection { code: RejectCode; message: string; status?: string; bytes?: number }

const CLOSED = new Set(['completed', 'cancelled']);

/** True when the session takes no more turns (only a case worker's close). */
export function isClosed(snapshot: SessionSnapshot | null): boolean {
  return snapshot !== null && CLOSED.has(snapshot.status);
}

/** The message size check alone (hosts run it before anything else, even before a lookup). */
export function checkSize(req: TurnKind): Rejection | undefined {
  if (req.kind !== 'message' && req.kind !== 'staff') return undefined;
  const text = req.kind === 'message' ? req.text : req.text ?? '';
  if (typeof text !== 'string') return { code: REJECT.invalid, message: 'The message must be a string.' };
  const bytes = utf8Length(text);
  if (bytes <= MAX_MESSAGE_BYTES) return undefined;
  return { code: REJECT.tooLong, bytes, message: `The message has ${bytes} bytes, at most ${MAX_MESSAGE_BYTES} are accepted; send a shorter one.` };
}

/**
 * How long after a case worker's close a citizen's follow-up still reopens the case, on every
 * host (the Temporal workflow stays open this long, then completes; later messages get 409).
 */
export const FOLLOW_UP_GRACE_DAYS = 30;
export const FOLLOW_UP_GRACE_MS = FOLLOW_UP_GRACE_DAYS * 86_400_000;

/** True for a case a case worker closed whose follow-up grace has not passed at `at` (ISO). */
export function awaitsFollowUp(snapshot: SessionSnapshot | null, at?: string): boolean {
  const h = snapshot?.handoff;
  if (!snapshot || snapshot.status !== 'completed' || h?.closedBy === undefined) return false;
  if (at === undefined || h.closedAt === undefined) return true;
  return Date.parse(at) - Date.parse(h.closedAt) <= FOLLOW_UP_GRACE_MS;
}

/** Whether this turn may run on a session in this state at `at` (the turn's instant); undefined = yes. */
export function admit(snapshot: SessionSnapshot | null, req: TurnKind, at?: string): Rejection | undefined {
  const size = checkSize(req);
  if (size) return size;
  if (req.kind === 'start') return snapshot ? { code: REJECT.started, message: 'The session has already started.' } : undefined;
  if (!snapshot) return { code: REJECT.notStarted, message: 'The session has not started yet.' };
  // A case worker may still close or read a finished case; a citizen's message to a case a case
  // worker closed (within the grace period) is a follow-up that the core reopens for the desk.
  const staffAllowed = req.kind === 'staff' && (req.action === 'close' || req.action === 'read');
  const followUp = req.kind === 'message' && awaitsFollowUp(snapshot, at);
  if (isClosed(snapshot) && !staffAllowed && !followUp) {
    return { code: REJECT.closed, status: snapshot.status, message: `The session is ${snapshot.status}; start a new one.` };
  }
  return undefined;
}
