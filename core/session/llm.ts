/**
 * LLM assistance inside the session: when the extractors read nothing, the core asks the host to
 * run `llm.propose` (an action effect) and checks what comes back with `acceptProposals` —
 * asked slot, schema, grounding in the message, derivable by the extractor, `valid` rules. The
 * model never decides; a failed or empty reply is a failed answer like any other.
 */
import { acceptProposals, groundedUnmapped, LLM_ACTION, type ExtractRequest, type ProposalsResult } from '../llm';
import { fail, slotHint } from './hints';
import { validateSlot } from './scope';
import { fillSlot } from './slots';
import { addTrail, emit, nextEffectId, type Turn } from './turn';

/** Emits the `llm.propose` request for a message the extractors could not read. */
export function askModel(t: Turn, slot: string, message: string, asked: string[]): void {
  const known = Object.entries(t.s.slots)
    .filter(([n, st]) => t.def.slots[n]?.personal && typeof st.value === 'string')
    .map(([, st]) => st.value as string);
  const input: ExtractRequest = {
    message, locale: t.s.locale, today: t.s.referenceDate, known,
    slots: asked.map((name) => {
      const def = t.def.slots[name];
      return { name, type: def.type, description: def.description, values: def.values ? Object.keys(def.values) : undefined };
    }),
  };
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: LLM_ACTION, input: input as unknown as Record<string, unknown> });
  t.s.progress.llm = { effectId: id, message, asked, slot };
  t.s.pending = { kind: 'effect', effectId: id };
  t.keepPending = true;
  t.prompted = true;
}

/** Applies the model's reply. Returns false when `effectId` is not the open model request. */
export function onModelResult(t: Turn, effectId: string, ok: boolean, result: unknown): boolean {
  const req = t.s.progress.llm;
  if (!req || req.effectId !== effectId) return false;
  delete t.s.progress.llm;
  const reply = ok && result && typeof result === 'object' ? (result as ProposalsResult) : null;
  if (!reply || reply.ok !== true) {
    addTrail(t, { type: 'effect.result', effectId, ok: false, error: { code: reply && reply.ok === false ? String(reply.error?.code) : 'llm_failed', message: '' } });
    fail(t, req.slot, slotHint(t, req.slot));
    return true;
  }
  addTrail(t, { type: 'effect.result', effectId, ok: true, result: reply });
  const by = `${reply.model}#${reply.promptHash}`;
  const { accepted, rejected } = acceptProposals({
    def: t.def, message: req.message, asked: req.asked, filled: Object.keys(t.s.slots),
    locale: t.s.locale, today: t.s.referenceDate, proposals: reply.proposals,
    validate: (slot, value) => {
      const v = validateSlot(t, slot, t.def.slots[slot], value);
      return v.ok ? v : { ok: false, reason: v.reason };
    },
  });
  for (const r of rejected) addTrail(t, { type: 'slot.rejected', slot: r.slot, reason: `llm:${r.reason}`, evidence: r.evidence, by });
  for (const a of accepted) fillSlot(t, a.slot, a.value, a.evidence, by, 'llm');
  t.s.unmapped.push(...groundedUnmapped(reply.unmapped, req.message));
  if (accepted.length === 0) fail(t, req.slot, slotHint(t, req.slot));
  return true;
}
