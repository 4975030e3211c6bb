/**
 * LLM assistance inside the session: when the extractors leave the asked slot open (nothing
 * read, or two candidates), or fill it while the message says more than they used, the core asks
 * the host to run `llm.propose` (an action effect) for the open slots of the step and checks what
 * comes back with `acceptProposals` — asked slot, schema, grounding in the message, derivable by
 * the extractor, `valid` rules. The model never decides; a failed or useless reply ends the turn
 * exactly as the deterministic path would have (a re-ask with a hint, or the choice of options).
 */
import { acceptProposals, groundedUnmapped, LLM_ACTION, type ExtractRequest, type ProposalsResult } from '../llm';
export { hasLeftover } from '../llm';
import { fail, noteUnmapped, slotHint } from './hints';
import { isFilled, relevance, validateSlot } from './scope';
import { fillSlot } from './slots';
import { addTrail, emit, nextEffectId, type Turn } from './turn';
import type { LlmFallback } from './types';

/** Longest message handed to the model (channels cap citizen messages at 4 KB anyway). */
const MAX_LLM_MESSAGE = 4000;
/** Of `names`, the slots the model may fill now: unfilled and surely relevant (`when` decided true). */
export function modelSlots(t: Turn, names: string[]): string[] {
  const step = typeof t.s.state === 'string' ? t.rt.steps[t.s.state] : undefined;
  const stepSlots = step?.kind === 'collect' ? step.slots : [];
  return names.filter((n) => t.def.slots[n] && !isFilled(t, n) && relevance(t, n, stepSlots) === 'yes');
}

/**
 * Emits the `llm.propose` request. `fallback` is what the deterministic path would have done for
 * the asked slot; `filledAny` whether the extractors filled something in this message.
 */
export function askModel(t: Turn, slot: string, message: string, asked: string[], fallback: LlmFallback = { kind: 'fail' }, filledAny = false, used: string[] = []): void {
  // Only free-text personal values: pseudonymisation replaces them wherever they occur.
  const known = Object.entries(t.s.slots)
    .filter(([n, st]) => t.def.slots[n]?.personal && ['text', 'email', 'phone'].includes(t.def.slots[n].type) && typeof st.value === 'string')
    .map(([, st]) => st.value as string);
  const clipped = message.slice(0, MAX_LLM_MESSAGE);
  const input: ExtractRequest = {
    message: clipped, locale: t.s.locale, today: t.s.referenceDate,
    slots: asked.map((name) => {
      const def = t.def.slots[name];
      return { name, type: def.type, ...(def.description ? { description: def.description } : {}), ...(def.values ? { values: Object.keys(def.values) } : {}) };
    }),
  };
  if (known.length > 0) input.known = known;
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: LLM_ACTION, input: input as unknown as Record<string, unknown> });
  t.s.progress.llm = { effectId: id, message: clipped, asked, slot, fallback, filledAny };
  const taken = used.filter((u) => u.trim().length > 0);
  if (taken.length > 0) t.s.progress.llm.used = taken;
  t.s.pending = { kind: 'effect', effectId: id };
  t.keepPending = true;
  t.prompted = true;
}

/** The deterministic ending for the asked slot when nothing filled it. */
function fallBack(t: Turn, req: NonNullable<Turn['s']['progress']['llm']>, filledSome: boolean, modelUnmapped: boolean): void {
  if (isFilled(t, req.slot) || !t.def.slots[req.slot]) return;
  const fb = req.fallback ?? { kind: 'fail' };
  if (fb.kind === 'disambiguate') {
    t.s.pending = { kind: 'disambiguate', slot: req.slot, options: fb.options };
    t.keepPending = true;
    return;
  }
  if (fb.kind === 'fail' && !filledSome) {
    if (!modelUnmapped) noteUnmapped(t, req.message, new Set());
    fail(t, req.slot, slotHint(t, req.slot));
  }
}

/** Applies the model's reply. Returns false when `effectId` is not the open model request. */
export function onModelResult(t: Turn, effectId: string, ok: boolean, result: unknown): boolean {
  const req = t.s.progress.llm;
  if (!req || req.effectId !== effectId) return false;
  delete t.s.progress.llm;
  const reply = ok && result && typeof result === 'object' ? (result as ProposalsResult) : null;
  if (!reply || reply.ok !== true) {
    // Endpoint down, timeout, refusal, garbage, no llm.propose registered: the deterministic ending.
    const code = reply && reply.ok === false && typeof reply.error?.code === 'string' ? reply.error.code.slice(0, 50) : 'llm_failed';
    addTrail(t, { type: 'effect.result', effectId, ok: false, error: { code, message: '' } });
    fallBack(t, req, req.filledAny === true, false);
    return true;
  }
  addTrail(t, { type: 'effect.result', effectId, ok: true, result: reply });
  const by = `${String(reply.model).slice(0, 100)}@${String(reply.promptHash).slice(0, 64)}`;
  const { accepted, rejected } = acceptProposals({
    def: t.def, message: req.message, asked: req.asked, filled: Object.keys(t.s.slots), used: req.used ?? [],
    locale: t.s.locale, today: t.s.referenceDate, proposals: reply.proposals,
    validate: (slot, value) => {
      const v = validateSlot(t, slot, t.def.slots[slot], value);
      return v.ok ? v : { ok: false, reason: v.reason };
    },
  });
  for (const r of rejected) addTrail(t, { type: 'slot.rejected', slot: r.slot, reason: `llm:${r.reason}`, evidence: r.evidence, by });
  for (const a of accepted) {
    fillSlot(t, a.slot, a.value, a.evidence, by, 'llm');
    if (a.readBack) t.s.slots[a.slot].readBack = true;
  }
  const unmapped = groundedUnmapped(reply.unmapped, req.message);
  for (const u of unmapped) if (!t.s.unmapped.includes(u)) t.s.unmapped.push(u);
  fallBack(t, req, req.filledAny === true || accepted.length > 0, unmapped.length > 0);
  return true;
}
