/**
 * Replay: the recorded events go through the same pure core (`step`) with each event's recorded
 * `now`; effect results come from the recorded `effect.result` events. Every step's trail,
 * messages and effects, and the final snapshot, must equal the recorded ones.
 */
import { step } from '../core/session';
import type { SessionEvent, SessionSnapshot, StepResult } from '../core/session/types';
import type { AuditBundle } from './bundle-schema';
import { bundleDefinition } from './definition';
import { firstJsonDifference } from './diff';
import { IntegrityError } from './errors';
import { checkSections } from './sections';
import { describeSignature, type SignatureStatus } from './signing';

export interface ReplayDifference {
  seq: number;
  type: string;
  part: 'trail' | 'messages' | 'effects' | 'snapshot' | 'error';
  path: string;
  recorded: unknown;
  replayed: unknown;
}

export interface ReplayReport {
  file: string;
  sessionId: string;
  service: string;
  events: number;
  ok: boolean;
  /** The personal data was deleted after retention: the chain verified, the decision cannot be recomputed. */
  purged?: boolean;
  outcome: string | null;
  difference?: ReplayDifference;
  /** Set by callers that read the bundle: signed, by whom, or unsigned. */
  signature?: SignatureStatus;
}

/** Replays a checked bundle (see readBundle). */
export function replayBundle(bundle: AuditBundle, file: string): ReplayReport {
  const base = { file, sessionId: bundle.session.id, service: bundle.session.service, events: bundle.events.length };
  if (bundle.purged) return { ...base, ok: false, purged: true, outcome: null };
  const compiled = bundleDefinition(bundle, file);
  // The sections readers use must be what the events say (replayed below event by event).
  checkSections(bundle as unknown as Record<string, unknown>, file);
  if (bundle.definition.version !== compiled.version) {
    throw new IntegrityError(file, 'section', `definition.version: the section says "${bundle.definition.version}", but the definition text says "${compiled.version}"; the section was changed.`, undefined, 'definition');
  }
  const fail = (difference: ReplayDifference): ReplayReport => ({ ...base, ok: false, outcome: null, difference });
  let snapshot: SessionSnapshot | null = null;
  for (const e of bundle.events) {
    let result: StepResult;
    try {
      result = step(compiled, snapshot, e.event as unknown as SessionEvent, e.at);
    } catch (err) {
      return fail({ seq: e.seq, type: e.type, part: 'error', path: '(step)', recorded: 'the event was applied', replayed: `the core refused it: ${(err as Error).message}` });
    }
    for (const part of ['trail', 'messages', 'effects'] as const) {
      const d = firstJsonDifference(e[part] ?? [], result[part]);
      if (d) return fail({ seq: e.seq, type: e.type, part, ...d, path: `${part}${d.path.startsWith('[') ? '' : '.'}${d.path}` });
    }
    snapshot = result.snapshot;
  }
  const last = bundle.events[bundle.events.length - 1];
  const d = firstJsonDifference(bundle.snapshot, snapshot);
  if (d) return fail({ seq: last.seq, type: last.type, part: 'snapshot', ...d, path: `snapshot.${d.path}` });
  return { ...base, ok: true, outcome: snapshot?.outcome?.id ?? null };
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? '(missing)' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** One report as text: a line for a match, a block naming the first difference otherwise. */
export function formatReplayReport(r: ReplayReport): string {
  const origin = r.signature ? `; ${describeSignature(r.signature)}` : '';
  if (r.purged) return `PURGED ${r.file}: session ${r.sessionId} (${r.service}), personal data deleted after its retention period; chain of ${r.events} events intact; the decision cannot be recomputed${origin}`;
  if (r.ok) return `OK   ${r.file}: session ${r.sessionId} (${r.service}), ${r.events} events replayed, same decision${r.outcome ? ` (outcome ${r.outcome})` : ''}${origin}`;
  const d = r.difference!;
  return [
    `DIFF ${r.file}: session ${r.sessionId} (${r.service}) differs at event ${d.seq} (${d.type}), ${d.path}`,
    `     recorded: ${show(d.recorded)}`,
    `     replayed: ${show(d.replayed)}`,
  ].join('\n');
}
