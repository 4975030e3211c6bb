/**
 * `step(compiled, snapshot, event, now)`: the pure session core. Same inputs, same outputs, no
 * clock, no I/O. Citizen input never throws; only events that cannot apply do.
 */
import { detectCommands } from '../extract';
import type { Command } from '../extract/types';
import { DefinitionMismatchError, SessionAlreadyStartedError, SessionError, SessionNotStartedError } from './errors';
import { cancelSession, drive, enterHandoff, replayConflict, requestAction } from './flow';
import { initialProof, onAddressCode, onAddressResult } from './address-proof';
import { onModelResult } from './llm';
import { applyHeld } from './held';
import { handleAnswer, type DriveEvent } from './message';
import { answerQuestion, onAnswerResult } from './answers';
import { jsonCopy } from './json-copy';
import { msg, localized } from './messages';
import { computePending, prompt } from './prompt';
import { runtimeFor } from './runtime';
import { recomputeValues } from './scope';
import { armTimers } from './timers';
import { closedByStaff, noteWaiting, onStaff, reopenForFollowUp } from './staff';
import { addTrail, say, setStatus, touch, type ServiceRuntime, type Turn } from './turn';
import type { CompiledService, SessionEvent, SessionProgress, SessionSnapshot, StepResult } from './types';

function newTurn(rt: ServiceRuntime, s: SessionSnapshot, now: string): Turn {
  const progress: SessionProgress = s.progress ?? { summaries: [], said: [], actions: {} };
  s.progress = progress;
  return {
    rt, def: rt.def, s: s as Turn['s'], now, effects: [], trail: [], messages: [], valueTrail: [], notice: [],
    prompted: false, replay: null, changed: new Set(), conditions: new Map(), corrected: false, keepPending: false,
  };
}

function result(t: Turn): StepResult {
  return { snapshot: t.s, effects: t.effects, trail: t.trail, messages: t.messages };
}

/** Recomputes the flow position from the start (after a correction); a done action may not change. */
function replayFromStart(t: Turn): void {
  t.replay = { visited: new Set(), changed: false };
  drive(t, 'INIT');
  const conflict = replayConflict(t);
  t.replay = null;
  if (conflict) enterHandoff(t, 'correction_after_action', msg(t.s.locale, 'handoff_correction'));
}

/** Recomputes the derived values when a slot they read changed in this turn. */
function refreshValues(t: Turn): void {
  if (t.s.status === 'active' && [...t.changed].some((n) => t.rt.valueInputs.has(n))) {
    const error = recomputeValues(t);
    if (error) enterHandoff(t, `rule_error:${error}`);
  }
}

/** Bounds the steps held facts can carry the flow through in one turn (each fills at least one slot). */
const MAX_HELD_STEPS = 50;

/** After a handler: recompute values, move the machine, ask the next question. */
function settle(t: Turn, event: DriveEvent): void {
  refreshValues(t);
  if (t.s.status === 'active' && (event === 'INIT' || t.corrected)) replayFromStart(t);
  else if (t.s.status === 'active' && event) drive(t, event);
  // The step reached may take facts the first message gave for it (held.ts).
  for (let i = 0; i < MAX_HELD_STEPS && t.s.status === 'active' && applyHeld(t); i++) {
    refreshValues(t);
    if (t.s.status === 'active') drive(t, 'MESSAGE');
  }
  if (t.s.status !== 'active') return;
  if (!t.keepPending) t.s.pending = computePending(t);
  if (!t.prompted) prompt(t);
}

function start(rt: ServiceRuntime, event: Extract<SessionEvent, { type: 'start' }>, now: string): StepResult {
  if (typeof event.sessionId !== 'string' || event.sessionId.length === 0 || !/^\d{4}-\d{2}-\d{2}$/.test(String(event.referenceDate))) {
    throw new SessionError('bad_event', "a 'start' event needs a non-empty sessionId and a referenceDate written YYYY-MM-DD");
  }
  const s: SessionSnapshot = {
    format: 1, sessionId: event.sessionId, service: rt.compiled.id, definitionHash: rt.compiled.hash,
    locale: event.locale ?? 'de', channel: event.channel ?? 'api', referenceDate: event.referenceDate,
    startedAt: now, lastActivityAt: now, status: 'active', state: null, slots: {}, values: {}, pending: null,
    attempts: {}, turn: 0, seq: 0, unmapped: [], timers: {}, progress: { summaries: [], said: [], actions: {} },
  };
  if (event.llm === true) s.llm = true;
  const proof = initialProof(event);
  if (proof) (s.progress as SessionProgress).address = proof;
  const t = newTurn(rt, s, now);
  addTrail(t, { type: 'status', status: 'active' });
  say(t, msg(s.locale, 'greeting', { title: localized(rt.def.title, s.locale) }));
  // The service's own texts lack this language: say so in it, and what the citizen can do instead.
  const written = rt.def.locales ?? ['de', 'en'];
  if (!written.includes(s.locale)) {
    say(t, msg(s.locale, s.locale !== 'en' && written.includes('en') ? 'language_missing' : 'language_missing_no_en'));
  }
  armTimers(t);
  // Constant values (no inputs) exist from the start.
  recomputeValues(t);
  settle(t, 'INIT');
  return result(t);
}

function commandsOf(t: Turn, text: string): Set<Command> {
  try {
    return new Set(detectCommands(text, t.s.locale).map((c) => c.command));
  } catch {
    return new Set();
  }
}

function onMessage(t: Turn, raw: unknown): void {
  const text = typeof raw === 'string' ? raw : '';
  if (t.s.status !== 'active') {
    if (closedByStaff(t)) return reopenForFollowUp(t);
    if (t.s.status === 'handoff') noteWaiting(t);
    if (t.s.status === 'handoff' && t.s.handoff?.takenBy) return; // a person answers now
    say(t, msg(t.s.locale, t.s.status === 'handoff' ? 'with_staff' : 'finished'));
    return;
  }
  t.s.turn += 1;
  t.s.lastActivityAt = t.now;
  armTimers(t);
  if (text.trim().length === 0) {
    t.notice.push(msg(t.s.locale, 'not_understood'));
    return settle(t, null);
  }
  const commands = commandsOf(t, text);
  if (commands.has('cancel')) return cancelSession(t, 'citizen');
  if (commands.has('handoff')) return enterHandoff(t, 'citizen_request');
  if (commands.has('help')) {
    const pending = t.s.pending;
    const optional = pending?.kind === 'slot' && t.def.slots[pending.slot]?.optional;
    t.notice.push(msg(t.s.locale, 'help', { title: localized(t.def.title, t.s.locale) }));
    if (optional) t.notice.push(msg(t.s.locale, 'help_skip'));
    t.keepPending = true;
    return settle(t, null);
  }
  // A code for the address an action waits for (address-proof.ts).
  if (t.s.pending?.kind === 'address_code') {
    onAddressCode(t, text);
    if (t.failedProof) return enterHandoff(t, 'address_unconfirmed', msg(t.s.locale, 'address_unconfirmed'));
    return settle(t, null);
  }
  // "Was kostet das?": the authored answer, then the same question again; no failed attempt.
  const waiting = t.s.pending?.kind;
  if (waiting !== undefined && waiting !== 'effect' && answerQuestion(t, text)) {
    t.keepPending = true;
    return settle(t, null);
  }
  settle(t, handleAnswer(t, text, commands));
}

function onEffectResult(t: Turn, event: Extract<SessionEvent, { type: 'effect.result' }>): void {
  if (t.s.status !== 'active') return;
  if (onModelResult(t, event.effectId, event.ok, event.ok ? event.result : undefined)) return settle(t, 'MESSAGE');
  if (onAnswerResult(t, event.effectId, event.ok, event.ok ? event.result : undefined)) return settle(t, null);
  const proof = onAddressResult(t, event);
  if (proof) {
    if (proof.next === 'handoff') return enterHandoff(t, 'address_unconfirmed', msg(t.s.locale, 'address_unconfirmed'));
    if (proof.next === 'rerun') requestAction(t, proof.step);
    return settle(t, null);
  }
  const entry = Object.entries(t.s.progress.actions).find(([, r]) => r.effectId === event.effectId);
  // Unknown or repeated results (a host retry after a crash) change nothing.
  if (!entry || entry[1].status !== 'pending') return;
  const rec = entry[1];
  if (event.ok) {
    addTrail(t, { type: 'effect.result', effectId: event.effectId, ok: true, result: event.result });
    rec.status = 'done';
    rec.result = event.result;
    const step = t.rt.steps[entry[0]];
    if (step?.kind === 'action' && step.result) t.s.values[step.result] = event.result;
    touch(t, step?.kind === 'action' && step.result ? step.result : entry[0]);
    return settle(t, 'EFFECT_DONE');
  }
  const code = typeof event.error?.code === 'string' ? event.error.code : 'unknown';
  addTrail(t, { type: 'effect.result', effectId: event.effectId, ok: false, error: { code, message: String(event.error?.message ?? '') } });
  rec.status = 'failed';
  enterHandoff(t, `action_failed:${code}`, msg(t.s.locale, 'action_failed'), 'EFFECT_FAILED');
}

function onTimer(t: Turn, name: string): void {
  const armed = t.s.timers[name];
  if (t.s.status !== 'active' || armed === undefined) return;
  // A timer that was re-armed later fires late or not at all; a stale one is ignored.
  if (Date.parse(t.now) < Date.parse(armed) - 1000) return;
  delete t.s.timers[name];
  // After a restart both timers can be overdue at once: a reminder then would be followed by the
  // goodbye in the same breath, so an overdue timeout wins.
  const timeoutDue = t.s.timers.timeout !== undefined && Date.parse(t.now) >= Date.parse(t.s.timers.timeout);
  if (name === 'timeout' || timeoutDue) return cancelSession(t, 'timeout');
  t.notice.push(msg(t.s.locale, 'reminder'));
  t.keepPending = true;
  settle(t, null);
}

/**
 * Places a snapshot whose slot values were set from outside (the eval runner, a test) where the
 * flow stands for those values: derived values recomputed, the position and the next question
 * computed from the start, as after a correction. Pure and deterministic like `step`.
 */
export function resettle(compiled: CompiledService, snapshot: SessionSnapshot, now: string): StepResult {
  const rt = runtimeFor(compiled);
  const t = newTurn(rt, jsonCopy(snapshot), now);
  if (t.s.status !== 'active') return result(t);
  const error = recomputeValues(t);
  if (error) enterHandoff(t, `rule_error:${error}`);
  else settle(t, 'INIT');
  return result(t);
}

/**
 * Applies one event to a session and returns the new snapshot, the effects the host must carry
 * out, the audit trail of this step and the messages for the citizen. Pure and deterministic.
 */
export function step(compiled: CompiledService, snapshot: SessionSnapshot | null, event: SessionEvent, now: string): StepResult {
  if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') {
    throw new SessionError('bad_event', 'step() needs an event object with a "type", e.g. { type: "message", text: "..." }');
  }
  const rt = runtimeFor(compiled);
  if (event.type === 'start') {
    if (snapshot) throw new SessionAlreadyStartedError();
    return start(rt, event, now);
  }
  if (!snapshot) throw new SessionNotStartedError(event.type);
  if (snapshot.service !== compiled.id || snapshot.definitionHash !== compiled.hash) {
    throw new DefinitionMismatchError(`${snapshot.service}@${snapshot.definitionHash.slice(0, 12)}`, `${compiled.id}@${compiled.hash.slice(0, 12)}`);
  }
  // JSON copy: snapshots are plain JSON by contract, and structuredClone is missing in some sandboxes.
  const t = newTurn(rt, jsonCopy(snapshot), now);
  switch (event.type) {
    case 'message': onMessage(t, event.text); break;
    case 'effect.result': onEffectResult(t, event); break;
    case 'timer': onTimer(t, event.name); break;
    case 'handoff': enterHandoff(t, typeof event.reason === 'string' && event.reason ? event.reason : 'requested'); break;
    case 'cancel': cancelSession(t, 'citizen'); break;
    case 'staff.take': case 'staff.answer': case 'staff.close': case 'staff.correct': case 'staff.read':
      onStaff(t, event);
      break;
    case 'staff.handback':
      // Like after a correction: the position is recomputed from the data, the next question asked.
      if (onStaff(t, event)) settle(t, 'INIT');
      break;
    default:
      throw new SessionError('bad_event', `unknown event type "${(event as { type: string }).type}"; see SessionEvent in core/session/types.ts`);
  }
  return result(t);
}
