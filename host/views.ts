/** Maps stored sessions to what citizens (SessionView) and case workers (CaseSummary, CaseDetail) see. */
import type { CompiledService, SessionSnapshot } from '../core/session/types';
import type { FlowStep as FlowStepAlias } from '../core/definition/schema';
import type { CaseDetail, CaseSummary, SessionView } from './types';
import type { SessionRow } from './embedded/store';

export function toSessionView(snapshot: SessionSnapshot, transcript: SessionView['transcript']): SessionView {
  const slots: SessionView['slots'] = {};
  for (const [name, s] of Object.entries(snapshot.slots)) slots[name] = { value: s.value, confirmed: s.confirmed };
  return {
    id: snapshot.sessionId,
    service: snapshot.service,
    status: snapshot.status,
    locale: snapshot.locale,
    channel: snapshot.channel,
    referenceDate: snapshot.referenceDate,
    slots,
    values: snapshot.values,
    outcome: snapshot.outcome,
    pending: snapshot.pending,
    transcript,
  };
}

export function toCaseSummary(row: SessionRow, snapshot: SessionSnapshot): CaseSummary {
  return {
    id: row.id,
    service: row.service,
    channel: snapshot.channel,
    status: snapshot.status,
    handoffReason: snapshot.handoff?.reason,
    takenBy: row.taken_by ?? undefined,
    updatedAt: row.updated_at,
  };
}

function collectSlots(steps: FlowStepAlias[], into: string[]): string[] {
  for (const s of steps) {
    if ('collect' in s) into.push(...s.collect);
    if ('if' in s) { collectSlots(s.then, into); if (s.else) collectSlots(s.else, into); }
  }
  return into;
}

/**
 * Open questions for the desk: the slot the session waits for first, then the unconditional,
 * non-optional slots of the flow that are still empty (conditional ones depend on answers the
 * case worker will see anyway).
 */
export function openQuestions(compiled: CompiledService | undefined, snapshot: SessionSnapshot): string[] {
  const open: string[] = [];
  const p = snapshot.pending;
  if (p && 'slot' in p) open.push(p.slot);
  if (!compiled) return open;
  for (const name of collectSlots(compiled.definition.flow, [])) {
    const slot = compiled.definition.slots[name];
    if (!slot || slot.optional || slot.when || name in snapshot.slots || open.includes(name)) continue;
    open.push(name);
  }
  return open;
}

export function toCaseDetail(
  row: SessionRow, snapshot: SessionSnapshot, compiled: CompiledService | undefined, transcript: SessionView['transcript'],
): CaseDetail {
  const slots: CaseDetail['slots'] = {};
  for (const [name, s] of Object.entries(snapshot.slots)) slots[name] = { value: s.value, evidence: s.evidence, source: s.source, confirmed: s.confirmed };
  return {
    ...toCaseSummary(row, snapshot),
    slots,
    values: snapshot.values,
    openQuestions: openQuestions(compiled, snapshot),
    unmapped: snapshot.unmapped,
    transcript,
  };
}
