/** Builds the engine's views (SessionView, CaseDetail) from the state the workflow query returns, with the embedded engine's own mappers. */
import type { LocalizedText, Locale } from '../../core/definition/schema';
import type { CompiledService } from '../../core/session/types';
import type { CaseDetail, SessionView } from '../types';
import { caseFields, deskFacts, openQuestions, toSessionView as viewOf } from '../views';
import { SessionNotFoundError } from '../errors';
import type { SessionState } from './workflows/types';

/** A localized text in `locale`, falling back to German. */
export function localized(t: LocalizedText, locale?: Locale): string {
  if (typeof t === 'string') return t;
  return (locale && (t as Record<string, string | undefined>)[locale]) || t.de;
}

/** SessionView of a session from its workflow state. */
export function toSessionView(id: string, s: SessionState, compiled?: CompiledService): SessionView {
  if (!s.snapshot) throw new SessionNotFoundError(id);
  return viewOf(s.snapshot, s.transcript.map((t) => ({ ...t })), compiled);
}

/** What a case worker sees; the Temporal host derives it from the same state. */
export function toCaseDetail(id: string, s: SessionState, compiled: CompiledService | undefined): CaseDetail {
  const snap = s.snapshot;
  if (!snap) throw new SessionNotFoundError(id);
  const slots: CaseDetail['slots'] = {};
  for (const [name, slot] of Object.entries(snap.slots)) {
    slots[name] = { value: slot.value, evidence: slot.evidence, source: slot.source, confirmed: slot.confirmed };
  }
  let takenBy: string | undefined;
  for (const st of s.steps) for (const t of st.trail) if (t.type === 'staff' && t.action === 'take') takenBy = t.staff;
  return {
    id, ...deskFacts(snap, compiled), takenBy: snap.status === 'handoff' ? snap.handoff?.takenBy ?? takenBy : undefined, updatedAt: snap.lastActivityAt,
    fields: caseFields(compiled),
    slots, values: snap.values, openQuestions: openQuestions(compiled, snap), unmapped: snap.unmapped,
    transcript: s.transcript.map((t) => ({ ...t })),
  };
}
