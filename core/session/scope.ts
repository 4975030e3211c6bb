/**
 * The data view rules see: slot values, derived values and action results, all in canonical
 * form. Also relevance (`when`) and validation (`valid`, min/max, pattern) of slots.
 */
import type { LocalizedText, Slot } from '../definition/schema';
import { evaluateCondition, evaluateValues } from '../rules';
import type { RuleEvaluation } from '../rules/types';
import type { Turn } from './turn';

/** Values of all filled slots (a skipped optional slot is null). */
export function slotScope(t: Turn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, st] of Object.entries(t.s.slots)) out[name] = st.value;
  return out;
}

/** Slots, derived values and action results together. */
export function fullScope(t: Turn): Record<string, unknown> {
  return { ...t.s.values, ...slotScope(t) };
}

/**
 * Whether a filled slot must be read back before it is used: `confirm: true`; (guarantee 8) any
 * value the LLM proposed in a service marked `risk: high` or `automation: never`; and in every
 * service a value the LLM proposed for a slot that feeds a fee, a rule outcome or a branch, or
 * one where the choice was the model's (core/llm/accept.ts).
 */
export function needsConfirmation(t: Turn, name: string): boolean {
  const st = t.s.slots[name];
  if (!st || st.value === null || st.confirmed) return false;
  if (t.def.slots[name]?.confirm) return true;
  if (st.source !== 'llm') return false;
  return st.readBack === true || t.def.risk === 'high' || t.def.automation === 'never' || t.rt.deciding.has(name);
}

export function isFilled(t: Turn, slot: string): boolean {
  return Object.prototype.hasOwnProperty.call(t.s.slots, slot);
}

function actionResults(t: Turn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [stepId, rec] of Object.entries(t.s.progress.actions)) {
    const step = t.rt.steps[stepId];
    if (rec.status === 'done' && step?.kind === 'action' && step.result) out[step.result] = rec.result;
  }
  return out;
}

/** A slot that is not asked reads as its `default`, or null. */
const notAsked = (t: Turn, name: string): unknown => t.def.slots[name].default ?? null;

/**
 * Slots that will not be asked, so rules read them as null (or their `default`): every unfilled
 * slot once the flow is over (`final`), else each unfilled slot whose `when` is already false
 * with all the names it reads known. Iterates, because a `when` may read a derived value.
 */
function settledScope(t: Turn, base: Record<string, unknown>, final: boolean): Record<string, unknown> {
  const scope = { ...base };
  const open = Object.keys(t.def.slots).filter((n) => !(n in scope));
  if (final) {
    for (const n of open) scope[n] = notAsked(t, n);
    return scope;
  }
  if (!open.some((n) => t.def.slots[n].when)) return scope;
  for (let round = 0; round < 4; round++) {
    let values: Record<string, unknown>;
    try {
      values = evaluateValues(t.def, scope, { referenceDate: t.s.referenceDate, types: t.rt.types }).values;
    } catch {
      return scope;
    }
    const known = { ...values, ...scope };
    let changed = false;
    for (const n of open) {
      const when = t.def.slots[n].when;
      if (n in scope || !when) continue;
      const reads = t.rt.whenNames[n] ?? [];
      if (reads.some((r) => known[r] === undefined)) continue;
      if (!safeCondition(t, when, known)) { scope[n] = notAsked(t, n); changed = true; }
    }
    if (!changed) break;
  }
  return scope;
}

/**
 * Recomputes all derived values from the slots and action results. A slot the flow will not ask
 * counts as null (or its `default`), so `if x = true then 15 else 0` is a number on every path.
 * Returns an error code when a rule cannot be evaluated (a definition bug such as two matching
 * rows of a unique table).
 */
export function recomputeValues(t: Turn, opts: { final?: boolean } = {}): string | null {
  const results = actionResults(t);
  const base = settledScope(t, { ...results, ...slotScope(t) }, opts.final === true || t.s.status !== 'active');
  try {
    const { values, trail } = evaluateValues(t.def, base, { referenceDate: t.s.referenceDate, types: t.rt.types });
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) if (v !== undefined) clean[k] = v;
    t.s.values = { ...results, ...clean };
    t.valueTrail = trail;
    t.conditions.clear();
    return null;
  } catch (err) {
    t.s.values = { ...results };
    t.valueTrail = [];
    t.conditions.clear();
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? code : 'rule_error';
  }
}

/** A FEEL condition that never throws: errors count as false and are reported through `onError`. */
export function safeCondition(t: Turn, expr: string, extra?: Record<string, unknown>, onError?: (code: string) => void): boolean {
  const cacheable = extra === undefined && onError === undefined;
  const hit = cacheable ? t.conditions.get(expr) : undefined;
  if (hit !== undefined) return hit;
  let result = false;
  try {
    result = evaluateCondition(expr, { ...fullScope(t), ...extra }, { today: t.s.referenceDate, types: t.rt.types });
  } catch (err) {
    onError?.(String((err as { code?: unknown }).code ?? 'rule_error'));
  }
  if (cacheable) t.conditions.set(expr, result);
  return result;
}

export type Relevance = 'yes' | 'no' | 'undecidable';

/**
 * Whether a slot is to be asked. A `when` that depends on a slot of `stepSlots` not yet filled
 * (or not yet confirmed) is undecidable: the other slots are asked first.
 */
export function relevance(t: Turn, slot: string, stepSlots: string[]): Relevance {
  const when = t.def.slots[slot]?.when;
  if (!when) return 'yes';
  const refs = t.rt.whenRefs[slot] ?? [];
  // A slot that still waits for its read-back is not used in a decision yet.
  const open = (r: string): boolean => !isFilled(t, r) || needsConfirmation(t, r);
  if (refs.some((r) => r !== slot && stepSlots.includes(r) && open(r))) return 'undecidable';
  return safeCondition(t, when) ? 'yes' : 'no';
}

export type Validation = { ok: true } | { ok: false; reason: string; hint?: LocalizedText };

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

/** Checks a candidate value against the slot's constraints and `valid` rules. */
export function validateSlot(t: Turn, name: string, slot: Slot, value: unknown): Validation {
  if (slot.type === 'enum' && slot.values) {
    const chosen = slot.many && Array.isArray(value) ? value : [value];
    if (chosen.length === 0 || chosen.some((v) => !(String(v) in (slot.values ?? {})))) return { ok: false, reason: 'not_an_option' };
  }
  if (typeof value === 'number') {
    if (slot.min !== undefined && value < slot.min) return { ok: false, reason: 'below_min' };
    if (slot.max !== undefined && value > slot.max) return { ok: false, reason: 'above_max' };
  }
  if (typeof value === 'string') {
    if (slot.min_length !== undefined && lengthOf(value) < slot.min_length) return { ok: false, reason: 'too_short' };
    if (slot.max_length !== undefined && lengthOf(value) > slot.max_length) return { ok: false, reason: 'too_long' };
    if (slot.pattern) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(slot.pattern, 'u');
      } catch {
        re = null; // `validate` reports bad patterns; at run time an unusable pattern checks nothing
      }
      if (re && !re.test(value)) return { ok: false, reason: 'pattern' };
    }
  }
  if (slot.valid === undefined) return { ok: true };
  const rules = typeof slot.valid === 'string' ? [{ rule: slot.valid, hint: undefined }] : slot.valid;
  for (const rule of rules) {
    let failed = '';
    const ok = safeCondition(t, rule.rule, { [name]: value }, (code) => { failed = code; });
    if (!ok) return { ok: false, reason: failed ? `rule_error:${failed}` : 'valid_rule', hint: rule.hint };
  }
  return { ok: true };
}

/** Rule trail entries behind `names`, following the inputs of derived values transitively. */
export function rulesBehind(t: Turn, names: string[]): RuleEvaluation[] {
  const wanted = new Set<string>();
  const queue = names.filter((n) => t.rt.valueNames.has(n));
  while (queue.length > 0) {
    const n = queue.pop() as string;
    if (wanted.has(n)) continue;
    wanted.add(n);
    const entry = t.valueTrail.find((e) => e.rule === n);
    for (const input of Object.keys(entry?.inputs ?? {})) if (t.rt.valueNames.has(input)) queue.push(input);
  }
  return t.valueTrail.filter((e) => wanted.has(e.rule));
}
