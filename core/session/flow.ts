/**
 * Drives the compiled machine with XState's pure functions and carries out the named actions it
 * returns (say, request an action, decide an if, finish with an outcome or handoff). Also the
 * session-level exits every state has: handoff, cancel, timers.
 */
import type { LegalRef } from '../definition/schema';
import { ACT_KINDS } from '../definition/outcome-kinds';
import type { MachineEventType } from '../compiler';
import { evaluateExpression, referencedNames } from '../rules';
import { localized, msg } from './messages';
import { renderTemplate } from './render';
import { fullScope, recomputeValues, rulesBehind, safeCondition } from './scope';
import { SUBMIT_ACTION, submissionCase } from './submission';
import { cancelTimers } from './timers';
import { addTrail, emit, nextEffectId, say, setStatus, type Turn } from './turn';
import { awaitsProof } from './address-proof';

type ActionObject = { type: string; params?: Record<string, unknown> };
interface MachineApi {
  getInitialSnapshot(scope: unknown, input: unknown): { value: unknown };
  resolveState(config: { value: unknown; context: unknown }): unknown;
  transition(snapshot: unknown, event: { type: string }, scope: unknown): { value: unknown };
}

export const legalText = (ref: LegalRef): string => (typeof ref === 'string' ? ref : ref.ref);

function refsOf(expr: string): string[] {
  try {
    return referencedNames(expr);
  } catch {
    return [];
  }
}

/** The machine is in a flow step (not in a final state). */
export function inFlow(t: Turn): boolean {
  return typeof t.s.state === 'string' && t.rt.steps[t.s.state] !== undefined;
}

/** Rule trail entries need the value trail of this turn; compute it once if no slot changed. */
function ensureValueTrail(t: Turn): void {
  if (t.valueTrail.length === 0 && t.rt.valueNames.size > 0) recomputeValues(t);
}

/**
 * Sends one event to the machine (or, for INIT, recomputes the position from the start, which
 * is how a correction re-evaluates earlier branches) and runs the entry actions it returns.
 */
export function drive(t: Turn, event: MachineEventType | 'INIT'): void {
  const machine = t.rt.machine as MachineApi;
  const { scope, sink } = t.rt.scope;
  const from = t.s.state;
  sink.length = 0;
  // Same as xstate's pure initialTransition/transition: nothing runs, actions are collected.
  const next = event === 'INIT'
    ? machine.getInitialSnapshot(scope, { t })
    : machine.transition(machine.resolveState({ value: t.s.state, context: { t } }), { type: event }, scope);
  const actions: ActionObject[] = sink.splice(0, sink.length);
  t.s.state = next.value;
  if (from !== next.value) addTrail(t, { type: 'state', from: from ?? null, to: next.value });
  for (const action of actions) runAction(t, action.type, (action.params ?? {}) as Record<string, string>);
}

function runAction(t: Turn, type: string, params: Record<string, string>): void {
  switch (type) {
    case 'decide': return decide(t, params.step);
    case 'requestAction': return requestAction(t, params.step);
    case 'say': return sayStep(t, params.step);
    case 'handoffStep': return handoffStep(t, params.step);
    case 'finishOutcome': return finishOutcome(t, params.outcome);
    case 'finishFlow': return finishFlow(t);
    default: return undefined; // xstate-internal actions need nothing from us
  }
}

function decide(t: Turn, stepId: string): void {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'if') return;
  ensureValueTrail(t);
  const refs = refsOf(step.cond);
  for (const entry of rulesBehind(t, refs)) addTrail(t, entry);
  let error = '';
  const result = safeCondition(t, step.cond, {}, (code) => { error = code; });
  const scope = fullScope(t);
  const inputs: Record<string, unknown> = {};
  for (const r of refs) if (r in scope) inputs[r] = scope[r];
  addTrail(t, { type: 'rule', rule: `if:${stepId}`, inputs, result: error ? `error:${error}` : result });
}

const PLAIN_NAME = /^[a-z][a-z0-9_]*$/;

function actionInput(t: Turn, withExprs: Record<string, string>): Record<string, unknown> | null {
  const input: Record<string, unknown> = {};
  const scope = fullScope(t);
  try {
    for (const [key, expr] of Object.entries(withExprs)) {
      // A bare name is its value; FEEL would only convert it there and back.
      const name = expr.trim();
      input[key] = PLAIN_NAME.test(name) && name in scope && scope[name] !== undefined
        ? scope[name]
        : evaluateExpression(expr, scope, { today: t.s.referenceDate, types: t.rt.types });
    }
  } catch {
    return null;
  }
  return input;
}

/** During a replay: a done action would be skipped or its input would now differ. */
export function replayConflict(t: Turn): boolean {
  if (!t.replay) return false;
  if (t.replay.changed) return true;
  return Object.keys(t.s.progress.actions).some((id) => !t.replay?.visited.has(id));
}

/** Requests the action of an action step (once); also after its address was proven (address-proof.ts). */
export function requestAction(t: Turn, stepId: string): void {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'action') return;
  const existing = t.s.progress.actions[stepId];
  if (t.replay) t.replay.visited.add(stepId);
  if (existing) {
    // Never run an action twice; a replay only checks whether its input would now differ.
    if (t.replay && existing.status === 'done') {
      const again = actionInput(t, step.with);
      if (!again || JSON.stringify(again) !== JSON.stringify(existing.input)) t.replay.changed = true;
    }
    return;
  }
  if (t.s.status !== 'active' || replayConflict(t)) return;
  const input = actionInput(t, step.with);
  if (!input) {
    enterHandoff(t, 'action_input_error', msg(t.s.locale, 'action_failed'));
    return;
  }
  if (step.name === SUBMIT_ACTION) input.case = submissionCase(t, input);
  // Nothing is booked for or mailed to an address the citizen has not proven (issue 12).
  if (awaitsProof(t, stepId, step.name, input)) return;
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: step.name, input });
  t.s.progress.actions[stepId] = { effectId: id, name: step.name, input, status: 'pending' };
  t.s.pending = { kind: 'effect', effectId: id };
}

function sayStep(t: Turn, stepId: string): void {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'say' || t.s.progress.said.includes(stepId)) return;
  t.s.progress.said.push(stepId);
  say(t, renderTemplate(t, step.text));
}

function handoffStep(t: Turn, stepId: string): void {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'handoff') return;
  const text = step.text ? renderTemplate(t, step.text) : msg(t.s.locale, 'handoff');
  markHandoff(t, `flow:${stepId}`, text);
}

function finishFlow(t: Turn): void {
  if (t.s.status !== 'active' || replayConflict(t)) return;
  setStatus(t, 'completed');
  cancelTimers(t);
  t.s.pending = null;
}

function finishOutcome(t: Turn, name: string): void {
  const o = t.def.outcomes[name];
  if (!o || t.s.status !== 'active' || replayConflict(t)) return;
  // The flow is over: a slot it did not ask is null (or its default) for the outcome's rules.
  if (t.rt.valueNames.size > 0) recomputeValues(t, { final: true });
  // § 35a VwVfG: only a norm that permits it, and no discretion, allow a fully automated act.
  // § 24 Abs. 1 S. 3 VwVfG: facts no slot captured must be considered by a person before an act.
  // A service marked `automation: never` or `risk: high` (AI Act Annex III) never ends in one.
  const isAct = ACT_KINDS.includes(o.kind);
  const neverAutomated = t.def.automation === 'never' || t.def.risk === 'high';
  const unmapped = isAct && t.s.unmapped.length > 0;
  const permitted = !isAct || (!neverAutomated && o.automation_permitted_by !== undefined && !o.discretion && !unmapped);
  const automated = permitted && o.kind !== 'proposal';
  const templateRefs = [...localized(o.say, 'de').matchAll(/\{(?:plural\s+)?([a-z][a-z0-9_]*)/g)].map((m) => m[1]);
  for (const entry of rulesBehind(t, [...(o.values ?? []), ...templateRefs])) addTrail(t, entry);
  const scope = fullScope(t);
  const values: Record<string, unknown> = {};
  for (const v of o.values ?? []) values[v] = scope[v] ?? null;
  const remedy = o.rechtsbehelfsbelehrung ? renderTemplate(t, o.rechtsbehelfsbelehrung) : undefined;
  const said = renderTemplate(t, o.say);
  const legal = (o.legal_basis ?? []).map(legalText);
  if (automated && o.automation_permitted_by) legal.push(legalText(o.automation_permitted_by));
  const kind = automated ? o.kind : 'proposal';
  addTrail(t, { type: 'outcome', outcome: name, kind, automated, legal_basis: legal });
  // An act that is issued carries its Rechtsbehelfsbelehrung (§ 37 Abs. 6 VwVfG).
  const text = automated && isAct && remedy ? `${said}\n\n${remedy}` : said;
  const view = { id: name, kind, values, text, automated, ...(remedy ? { rechtsbehelfsbelehrung: remedy } : {}) };
  if (automated) {
    t.s.outcome = view;
    say(t, text);
    setStatus(t, 'completed');
    cancelTimers(t);
    t.s.pending = null;
    return;
  }
  // Not automated: the citizen gets the text and learns that a person decides (§ 35a VwVfG).
  t.s.outcome = view;
  say(t, text);
  const reason = o.kind === 'proposal' ? 'proposal'
    : isAct && neverAutomated ? 'automation_never'
      : unmapped && o.automation_permitted_by !== undefined && !o.discretion ? 'unmapped_facts' : 'automation_not_permitted';
  markHandoff(t, reason, msg(t.s.locale, 'proposal'));
}

/** Sets status handoff with its effect, trail and message; the machine is moved by the caller. */
export function markHandoff(t: Turn, reason: string, text: string): void {
  if (t.s.status !== 'active') return;
  // Who worked on the case before stays known (least privilege on the desk).
  const staff = t.s.handoff?.staff;
  t.s.handoff = { reason, at: t.now, waitingSince: t.now, ...(staff ? { staff } : {}) };
  setStatus(t, 'handoff');
  addTrail(t, { type: 'handoff', reason });
  emit(t, { kind: 'handoff', id: nextEffectId(t), reason });
  cancelTimers(t);
  t.s.pending = null;
  say(t, text);
}

/** Hands the session to a person from wherever it is (Art. 14 AI Act). */
export function enterHandoff(t: Turn, reason: string, notice?: string, event: MachineEventType = 'HANDOFF'): void {
  if (t.s.status !== 'active') return;
  const text = [notice, msg(t.s.locale, 'handoff')].filter(Boolean).join(' ');
  markHandoff(t, reason, text);
  if (inFlow(t)) drive(t, event);
}

/** Ends the session as cancelled, by the citizen, a timeout or the host. */
export function cancelSession(t: Turn, reason: string): void {
  if (t.s.status !== 'active') return;
  t.s.cancelled = { reason, at: t.now };
  setStatus(t, 'cancelled');
  cancelTimers(t);
  t.s.pending = null;
  say(t, msg(t.s.locale, reason === 'timeout' ? 'timeout' : 'cancelled'));
  if (inFlow(t)) drive(t, reason === 'timeout' ? 'TIMEOUT' : 'CANCEL');
}
