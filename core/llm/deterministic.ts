/**
 * The deterministic pass over one message, as the session runs it: the asked slot first, then
 * the other open slots of typed kinds (free text, yes/no and bare numbers match almost any
 * message, so they are only taken when asked), one piece of evidence filling one slot. Used by
 * the evaluation, and to tell which slots are left for the LLM.
 */
import type { ServiceDefinition } from '../definition/schema';
import { extractForSlot } from '../extract';
import { evaluateCondition, referencedNames, slotValueType } from '../rules';

export const COMPANION_TYPES = new Set(['date', 'time', 'enum', 'email', 'phone', 'postcode']);

export interface Filled { slot: string; value: unknown; evidence: string }

/** Limits and `valid` rules of a slot, evaluated with only the slot itself in scope. */
export function checkSlot(def: ServiceDefinition, name: string, value: unknown, today: string): { ok: true } | { ok: false; reason: string } {
  const slot = def.slots[name];
  if (!slot) return { ok: false, reason: 'unknown_slot' };
  if (slot.valid === undefined) return { ok: true };
  const rules = typeof slot.valid === 'string' ? [slot.valid] : slot.valid.map((r) => r.rule);
  for (const rule of rules) {
    try {
      // A rule that needs other slots cannot be judged here; the session checks it in full.
      if (referencedNames(rule).some((r) => r !== name && r !== 'today')) continue;
      if (!evaluateCondition(rule, { [name]: value }, { today, types: { [name]: slotValueType(slot.type) } })) return { ok: false, reason: 'valid_rule' };
    } catch {
      continue;
    }
  }
  return { ok: true };
}

/** Fills what the deterministic extractors find for `asked` (the first is the pending slot). */
export function deterministicFill(def: ServiceDefinition, asked: readonly string[], text: string, ctx: { locale: string; today: string }): Filled[] {
  const out: Filled[] = [];
  const used: string[] = [];
  const taken = (e: string): boolean => used.some((u) => u.length > 0 && e.length > 0 && (u.includes(e) || e.includes(u)));
  const [pending, ...others] = asked.filter((n) => def.slots[n]);
  if (pending === undefined) return out;
  const first = extractForSlot(def.slots[pending], text, ctx);
  if (first.kind !== 'none') used.push(first.evidence);
  for (const name of others) {
    if (!COMPANION_TYPES.has(def.slots[name].type)) continue;
    const ex = extractForSlot(def.slots[name], text, ctx);
    if (ex.kind !== 'value' || taken(ex.evidence) || !checkSlot(def, name, ex.value, ctx.today).ok) continue;
    used.push(ex.evidence);
    out.push({ slot: name, value: ex.value, evidence: ex.evidence });
  }
  if (first.kind === 'value' && checkSlot(def, pending, first.value, ctx.today).ok) {
    out.unshift({ slot: pending, value: first.value, evidence: first.evidence });
  }
  return out;
}

/** Words a message must have beyond the extractors' evidence before the model is asked about the rest. */
export const LEFTOVER_WORDS = 3;

/** True when the message has at least LEFTOVER_WORDS words beyond the evidence the extractors used. */
export function hasLeftover(text: string, used: readonly string[]): boolean {
  let rest = ` ${text} `;
  for (const u of used) if (u) rest = rest.split(u).join(' ');
  return rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]{2,}/u.test(w)).length >= LEFTOVER_WORDS;
}

/**
 * Whether the model is asked after the deterministic pass (the session's policy): the asked slot
 * is still open, or the message says more than the extractors used while slots remain open.
 */
export function needsModel(asked: readonly string[], filled: readonly Filled[], text: string): boolean {
  const open = asked.filter((n) => !filled.some((f) => f.slot === n));
  if (open.length === 0) return false;
  if (asked.length > 0 && open.includes(asked[0])) return true;
  return hasLeftover(text, filled.map((f) => f.evidence));
}
