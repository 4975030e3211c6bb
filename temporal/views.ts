/** Builds the engine's views (SessionView, CaseDetail) from the state the workflow query returns. */
import type { Locale, LocalizedText } from '../core/definition/schema';
import type { CaseDetail, SessionView } from '../engine/types';
import type { SessionState } from '../workflows/types';
import { SessionNotFoundError } from '../engine/errors';

/** A localized text in `locale`, falling back to German. */
export function localized(t: LocalizedText, locale?: Locale): string {
  if (typeof t === 'string') return t;
  return (locale && (t as Record<string, string | undefined>)[locale]) || t.de;
}

/** SessionView of a session from its workflow state. */
export function toSessionView(id: string, s: SessionState): SessionView {
  const snap = s.snapshot;
  if (!snap) throw new SessionNotFoundError(id);
  const slots: SessionView['slots'] = {};
  for (const [name, slot] of Object.entries(snap.slots)) slots[name] = { value: slot.value, confirmed: slot.confirmed };
  return {
    id, service: snap.service, status: snap.status, locale: snap.locale, channel: snap.channel, referenceDate: snap.referenceDate,
    slots, values: snap.values, ...(snap.outcome ? { outcome: snap.outcome } : {}), pending: snap.pending,
    transcript: s.transcript.map((t) => ({ ...t })),
  };
}

/** What a case worker sees; the Temporal host derives it from the same state. */
export function toCaseDetail(id: string, s: SessionState): CaseDetail {
  const snap = s.snapshot;
  if (!snap) throw new SessionNotFoundError(id);
  const slots: CaseDetail['slots'] = {};
  for (const [name, slot] of Object.entries(snap.slots)) {
    slots[name] = { value: slot.value, evidence: slot.evidence, source: slot.source, confirmed: slot.confirmed };
  }
  const taken = [...s.trail].reverse().find((t) => t.type === 'staff' && t.action === 'take');
  const open: string[] = [];
  if (snap.pending && 'slot' in snap.pending) open.push(snap.pending.slot);
  return {
    id, service: snap.service, channel: snap.channel, status: snap.status,
    ...(snap.handoff ? { handoffReason: snap.handoff.reason } : {}),
    ...(taken && taken.type === 'staff' ? { takenBy: taken.staff } : {}),
    updatedAt: snap.lastActivityAt,
    slots, values: snap.values, openQuestions: open, unmapped: snap.unmapped, transcript: s.transcript.map((t) => ({ ...t })),
  };
}
