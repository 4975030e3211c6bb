/**
 * The case a `submit.http` step hands to the back office (Fachverfahren): every slot with its
 * value, source, evidence and confirmation, the derived values, the definition's identity and
 * hash, and the outcome the step names. Built by the core from the snapshot, so the host sends
 * exactly what the rules saw; the action queues it in the durable outbox.
 */
import type { Turn } from './turn';

/** Name of the built-in back-office action. */
export const SUBMIT_ACTION = 'submit.http';

/** Version of the submission format (`schema/submission.schema.json`). */
export const SUBMISSION_FORMAT = 'amtsweg.submission/1';

export function submissionCase(t: Turn, input: Record<string, unknown>): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const [name, st] of Object.entries(t.s.slots)) {
    slots[name] = { value: st.value, source: st.source, evidence: st.evidence, confirmed: st.confirmed, ...(st.by ? { by: st.by } : {}) };
  }
  const results = new Set(Object.values(t.rt.steps).flatMap((s) => (s.kind === 'action' && s.result ? [s.result] : [])));
  const values: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(t.s.values)) if (!results.has(name)) values[name] = v;
  const outcome = typeof input.outcome === 'string' ? input.outcome : undefined;
  return {
    format: SUBMISSION_FORMAT,
    service: t.rt.compiled.id,
    version: t.rt.compiled.version,
    definition_hash: t.rt.compiled.hash,
    session: t.s.sessionId,
    reference_date: t.s.referenceDate,
    submitted_at: t.now,
    locale: t.s.locale,
    slots,
    values,
    ...(outcome ? { outcome: { id: outcome, kind: t.def.outcomes[outcome]?.kind ?? 'information' } } : {}),
    unmapped: [...t.s.unmapped],
  };
}
