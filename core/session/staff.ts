/**
 * What a case worker does to a handed-off case: take it, answer, correct a value (audited, rules
 * recomputed, the citizen told), hand it back to the assistant, close it with a message; plus the
 * audited read and the follow-up that reopens a closed case. Only the one who took the case acts.
 */
import type { Slot } from '../definition/schema';
import { valueSchema } from '../llm';
import { EventNotApplicableError, StaffActionRefusedError } from './errors';
import { formatSlot, slotLabel } from './render';
import { recomputeValues, validateSlot } from './scope';
import { clearSlot, extract, fillSlot } from './slots';
import { staffText } from './staff-texts';
import { armTimers } from './timers';
import { addTrail, emit, nextEffectId, say, setStatus, type Turn } from './turn';
import type { HandoffState, SessionEvent, StaffActionName } from './types';

type StaffEvent = Extract<SessionEvent, { type: `staff.${string}` }>;

const MAX_REASON = 500;

function remember(h: HandoffState, staff: string): void {
  h.staff = h.staff ?? [];
  if (!h.staff.includes(staff)) h.staff.push(staff);
}

function requireTaken(t: Turn, event: StaffEvent): HandoffState {
  const h = t.s.handoff as HandoffState;
  if (!h.takenBy) throw new StaffActionRefusedError('not_taken', `take the case before "${event.type}": nobody has taken it yet`);
  if (h.takenBy !== event.staff) throw new StaffActionRefusedError('taken_by_other', `the case is taken by another case worker; take it over first, then "${event.type}"`);
  return h;
}

/** A value as the slot stores it: canonical JSON form, or what the slot's extractor reads in a text. */
function staffValue(t: Turn, name: string, slot: Slot, raw: unknown): unknown {
  const many = (slot as { many?: boolean }).many === true;
  const single = valueSchema(slot.type, slot.values ? Object.keys(slot.values) : undefined);
  const parsed = (many ? single.array().min(1) : single).safeParse(raw);
  if (parsed.success) return parsed.data;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const ex = extract(t, name, raw);
    if (ex.kind === 'value') return ex.value;
  }
  throw new StaffActionRefusedError('invalid_value', `the value is not a valid "${slot.type}" for slot "${name}"; give it as the assistant would store it (e.g. a date as YYYY-MM-DD, an option by its id)`);
}

function correct(t: Turn, event: Extract<SessionEvent, { type: 'staff.correct' }>): void {
  requireTaken(t, event);
  const slot = t.def.slots[event.slot];
  if (typeof event.slot !== 'string' || !slot) throw new StaffActionRefusedError('unknown_slot', `the service has no slot "${String(event.slot).slice(0, 40)}"; use a slot name from the case detail`);
  const reason = typeof event.reason === 'string' ? event.reason.trim().slice(0, MAX_REASON) : '';
  if (reason === '') throw new StaffActionRefusedError('reason_required', 'a correction needs a reason the citizen and the audit can read');
  const value = staffValue(t, event.slot, slot, event.value);
  const v = validateSlot(t, event.slot, slot, value);
  if (!v.ok) throw new StaffActionRefusedError('invalid_value', `the value breaks the slot's rule (${v.reason}); check it against the definition`);
  clearSlot(t, event.slot, 'staff_correction');
  fillSlot(t, event.slot, value, reason, `staff:${event.staff}`, 'staff');
  t.s.slots[event.slot].confirmed = true;
  addTrail(t, { type: 'slot.confirmed', slot: event.slot });
  // The citizen confirms the whole summary again before anything with effect happens.
  t.s.progress.summaries = [];
  const error = recomputeValues(t);
  if (error) addTrail(t, { type: 'rule', rule: 'values', inputs: {}, result: `error:${error}` });
  addTrail(t, { type: 'staff', action: 'correct', staff: event.staff, slot: event.slot, reason });
  say(t, staffText(t.s.locale, 'corrected', { label: slotLabel(t, event.slot), value: formatSlot(t, event.slot, value), reason }), 'staff');
}

/** Back to the assistant: the flow position is recomputed from the data (the caller replays from the start). */
function handBack(t: Turn, event: Extract<SessionEvent, { type: 'staff.handback' }>): void {
  const h = requireTaken(t, event);
  h.returnedAt = t.now;
  delete h.takenBy;
  delete h.waitingSince;
  addTrail(t, { type: 'staff', action: 'handback', staff: event.staff });
  setStatus(t, 'active');
  t.s.attempts = {};
  delete t.s.outcome;
  // A failed action (the booking that broke) runs again with a new idempotency key.
  for (const [stepId, rec] of Object.entries(t.s.progress.actions)) if (rec.status === 'failed') delete t.s.progress.actions[stepId];
  if (typeof event.note === 'string' && event.note.trim()) say(t, event.note.trim(), 'staff');
  t.notice.push(staffText(t.s.locale, 'handed_back'));
  t.s.lastActivityAt = t.now;
  armTimers(t);
  t.corrected = true;
}

function close(t: Turn, event: Extract<SessionEvent, { type: 'staff.close' }>): void {
  const h = requireTaken(t, event);
  addTrail(t, { type: 'staff', action: 'close', staff: event.staff });
  h.closedBy = event.staff;
  h.closedAt = t.now;
  delete h.waitingSince;
  const note = typeof event.note === 'string' ? event.note.trim() : '';
  say(t, [note, staffText(t.s.locale, 'closed')].filter(Boolean).join('\n\n'), 'staff');
  setStatus(t, 'completed');
}

/**
 * Applies a `staff.*` event. Returns true when the flow must continue from the data (hand-back);
 * the caller then settles the turn like after a correction.
 */
export function onStaff(t: Turn, event: StaffEvent): boolean {
  const action = event.type.slice('staff.'.length) as StaffActionName;
  if (typeof event.staff !== 'string' || event.staff === '') {
    throw new EventNotApplicableError(event.type, t.s.status, 'staff events need the name of the staff member');
  }
  if (event.type === 'staff.read') {
    addTrail(t, { type: 'staff', action: 'read', staff: event.staff });
    return false;
  }
  if (t.s.status !== 'handoff' || !t.s.handoff) {
    throw new EventNotApplicableError(event.type, t.s.status, 'staff events apply only to handed-off sessions');
  }
  remember(t.s.handoff, event.staff);
  switch (event.type) {
    case 'staff.take':
      addTrail(t, { type: 'staff', action, staff: event.staff });
      t.s.handoff.takenBy = event.staff;
      return false;
    case 'staff.answer':
      requireTaken(t, event);
      addTrail(t, { type: 'staff', action, staff: event.staff });
      delete t.s.handoff.waitingSince;
      say(t, event.text, 'staff');
      return false;
    case 'staff.correct': correct(t, event); return false;
    case 'staff.handback': handBack(t, event); return true;
    case 'staff.close': close(t, event); return false;
  }
}

/** A citizen message while a person has the case: it waits for the person from now on. */
export function noteWaiting(t: Turn): void {
  if (t.s.handoff && !t.s.handoff.waitingSince) t.s.handoff.waitingSince = t.now;
}

/** True for a case a case worker closed: a citizen's follow-up reopens it instead of going nowhere. */
export function closedByStaff(t: Turn): boolean {
  return t.s.status === 'completed' && t.s.handoff?.closedBy !== undefined;
}

/** Reopens a staff-closed case for the citizen's follow-up; it goes back to the desk queue. */
export function reopenForFollowUp(t: Turn): void {
  const h = t.s.handoff as HandoffState;
  h.reason = 'follow_up';
  h.at = t.now;
  h.waitingSince = t.now;
  delete h.closedBy;
  delete h.closedAt;
  delete h.takenBy;
  setStatus(t, 'handoff');
  addTrail(t, { type: 'handoff', reason: 'follow_up' });
  emit(t, { kind: 'handoff', id: nextEffectId(t), reason: 'follow_up' });
  say(t, staffText(t.s.locale, 'follow_up'));
}
