/** Maps stored sessions to what citizens (SessionView) and case workers (CaseSummary, CaseDetail) see. */
import { staffTurn, toEvent } from './loop';
import type { CompiledService, SessionEvent, SessionSnapshot } from '../core/session/types';
import type { FlowStep as FlowStepAlias, Locale } from '../core/definition/schema';
import type { CaseDetail, CaseField, CaseSummary, DeskState, SessionView, StaffAction } from './types';
import type { SessionRow } from './embedded/store';
import type { CaseEntry } from '../store/contract';
import { localized } from '../core/session/messages';
import { pendingQuestion, progressOf } from '../core/session/question';

/** What a citizen sees; with the compiled definition also the title, the pending question and the progress. */
export function toSessionView(snapshot: SessionSnapshot, transcript: SessionView['transcript'], compiled?: CompiledService): SessionView {
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
    ...(compiled ? {
      title: localized(compiled.definition.title, snapshot.locale),
      question: pendingQuestion(compiled, snapshot),
      progress: progressOf(compiled, snapshot),
      languages: [...compiled.definition.locales],
    } : {}),
  };
}

function de(text: unknown, locale: Locale = 'de'): string {
  if (typeof text === 'string') return text;
  const t = (text ?? {}) as Record<string, string | undefined>;
  return t[locale] ?? t.de ?? Object.values(t)[0] ?? '';
}

/** Where a case stands on the desk, from the snapshot alone (the same on every host). */
export function deskStateOf(snapshot: SessionSnapshot): DeskState | undefined {
  const h = snapshot.handoff;
  if (!h) return undefined;
  if (snapshot.status === 'handoff') return h.takenBy ? 'taken' : 'handoff';
  if (h.closedBy) return 'closed';
  return h.returnedAt ? 'returned' : undefined;
}

/**
 * The desk facts of a session derived from its snapshot (and definition, for the title): shared
 * by the embedded and the Temporal host so both desks show the same.
 */
export function deskFacts(snapshot: SessionSnapshot, compiled: CompiledService | undefined): Omit<CaseSummary, 'id' | 'updatedAt'> {
  const h = snapshot.handoff;
  const out: Omit<CaseSummary, 'id' | 'updatedAt'> = {
    service: snapshot.service,
    channel: snapshot.channel,
    status: snapshot.status,
    handoffReason: h?.reason,
    takenBy: snapshot.status === 'handoff' ? h?.takenBy : undefined,
    receivedAt: snapshot.startedAt,
  };
  if (compiled) { out.serviceTitle = de(compiled.definition.title); out.version = compiled.version; }
  if (h) {
    out.handedOffAt = h.at;
    if (snapshot.status === 'handoff' && h.waitingSince) out.waitingSince = h.waitingSince;
    out.staff = [...(h.staff ?? [])];
  }
  const state = deskStateOf(snapshot);
  if (state) out.deskState = state;
  return out;
}

/**
 * The case-index entry of a session (what the desk lists, shared by every machine), or undefined
 * when the session never reached the desk. Codes, ids and times only; the same on every host.
 */
export function caseEntryOf(sessionId: string, snapshot: SessionSnapshot, compiled: CompiledService | undefined, engine: CaseEntry['engine']): CaseEntry | undefined {
  const facts = deskFacts(snapshot, compiled);
  if (!facts.deskState) return undefined;
  return {
    sessionId, service: snapshot.service, channel: snapshot.channel, status: snapshot.status, desk: facts.deskState,
    ...(facts.handoffReason !== undefined ? { handoffReason: facts.handoffReason } : {}),
    ...(facts.takenBy !== undefined ? { takenBy: facts.takenBy } : {}),
    engine, createdAt: snapshot.startedAt, updatedAt: snapshot.lastActivityAt,
  };
}

export function toCaseSummary(row: SessionRow, snapshot: SessionSnapshot, compiled?: CompiledService): CaseSummary {
  return { id: row.id, ...deskFacts(snapshot, compiled), updatedAt: row.updated_at };
}

/** Labels, types and options of every slot, from the definition (German unless the desk asks for another language the definition has). */
export function caseFields(compiled: CompiledService | undefined, locale: Locale = 'de'): Record<string, CaseField> {
  const out: Record<string, CaseField> = {};
  if (!compiled) return out;
  for (const [name, slot] of Object.entries(compiled.definition.slots)) {
    const words = name.replace(/_/g, ' ');
    const field: CaseField = { label: slot.label !== undefined ? de(slot.label, locale) : words.charAt(0).toUpperCase() + words.slice(1), type: slot.type };
    if (slot.values) field.options = Object.entries(slot.values).map(([id, v]) => ({ id, label: v.label !== undefined ? de(v.label, locale) : id }));
    out[name] = field;
  }
  return out;
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
    ...toCaseSummary(row, snapshot, compiled),
    slots,
    values: snapshot.values,
    openQuestions: openQuestions(compiled, snapshot),
    unmapped: snapshot.unmapped,
    transcript,
    fields: caseFields(compiled),
  };
}

/** The core event of a desk action (the same mapping for every host). */
export function staffEvent(action: StaffAction): SessionEvent {
  return toEvent(staffTurn(action), { sessionId: '', channel: 'api', referenceDate: '' });
}
