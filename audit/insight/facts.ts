/**
 * Reduces one session's recorded events to an InsightFact by replaying them through the pure
 * core: the snapshots between events tell where the citizen was asked and whether an answer
 * failed (the attempt counter rose), which the trail alone does not say. Nothing personal leaves:
 * no ids, values or texts; of an unanswered question only its content words, for an aggregate
 * that keeps a word only when at least three sessions used it.
 */
import { step } from '../../core/session';
import type { CompiledService, Pending, SessionEvent, SessionSnapshot, TrailEntry } from '../../core/session/types';
import type { InsightFact } from '../../host/types';

/** One recorded event: what happened and when (as stored in the session's event log). */
export interface RecordedEvent { event: SessionEvent; at: string; trail?: TrailEntry[] }

const STOP = new Set(('aber alle auch bitte dann dass denn der die das dem den des diese dieser doch eine einen einem einer ' +
  'habe haben hier ich ihr ihre ihnen kann können muss mein meine meinen mich mir mit nach nicht noch oder schon sein sind ' +
  'über und uns was weil welche welcher wenn werden wird wie wieso warum wann wo woher wohin wir zum zur bei von vom für ' +
  'gibt gibts geht gehen soll sollte würde wäre ganz also etwas jetzt heute morgen what when where which who how does have ' +
  'this that with from your about would could should there their will just also').split(' '));

/** Content words of a question: letters only, four or more, no stop words, no digits (no dates, numbers, addresses). */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().normalize('NFC').split(/[^\p{L}]+/u).filter((w) => w.length >= 4 && !STOP.has(w));
  return [...new Set(words)].slice(0, 12);
}

const QUESTION = /\?\s*$|^\s*(?:wie|was|wann|wo|warum|wieso|weshalb|welche[rsmn]?|wer|kann|muss|darf|gibt|brauche|how|what|when|where|why|which|can|do|does|is)\b/i;

function pendingKey(p: Pending): string | undefined {
  if (!p) return undefined;
  if (p.kind === 'slot' || p.kind === 'disambiguate') return p.slot;
  if (p.kind === 'confirm_slot') return `confirm:${p.slot}`;
  if (p.kind === 'confirm_summary' || p.kind === 'correction') return `summary:${p.step}`;
  return undefined;
}

function whereAt(s: SessionSnapshot | null): string | undefined {
  if (!s) return undefined;
  return pendingKey(s.pending) ?? (typeof s.state === 'string' ? s.state : undefined);
}

/** The facts of one session; a replay the core refuses ends the facts there (they stay honest, just shorter). */
export function sessionFacts(compiled: CompiledService, events: RecordedEvent[]): InsightFact | undefined {
  const first = events[0];
  if (!first || first.event.type !== 'start') return undefined;
  let snap: SessionSnapshot | null = null;
  const fact: InsightFact = {
    service: compiled.id, version: compiled.version, definitionHash: compiled.hash, channel: first.event.channel ?? 'api',
    startedAt: first.at, lastAt: first.at, status: 'active', handoffReasons: [], failures: {}, unanswered: [], turns: 0, labels: {},
  };
  for (const e of events) {
    const before = snap;
    let trail: TrailEntry[];
    try {
      const r = step(compiled, snap, e.event, e.at);
      snap = r.snapshot;
      trail = r.trail;
    } catch {
      break;
    }
    if (e.event.type !== 'staff.read') fact.lastAt = e.at;
    if (snap.status === 'cancelled' && before?.status === 'active') fact.stoppedAt = whereAt(before);
    for (const t of trail) {
      if (t.type === 'handoff') { fact.handoffReasons.push(t.reason); fact.stoppedAt ??= whereAt(before) ?? undefined; }
      if (t.type === 'outcome') fact.outcome = t.outcome;
    }
    if (e.event.type !== 'message' || !before) continue;
    fact.turns += 1;
    const asked = whereAt(before);
    const key = pendingKey(before.pending);
    if (key && before.status === 'active') {
      const rose = (snap.attempts[key] ?? 0) > (before.attempts[key] ?? 0) || (snap.status === 'handoff' && trail.some((t) => t.type === 'handoff' && t.reason === 'too_many_attempts'));
      const rejected = trail.some((t) => t.type === 'slot.rejected');
      if (rose || rejected) fact.failures[key] = (fact.failures[key] ?? 0) + 1;
    }
    // An `answer` entry with no id is the honest "I have no answer to that": still unanswered.
    const answered = trail.some((t) => (t.type === 'answer' ? t.answer !== null : t.type.startsWith('answer')) || t.type === 'slot.filled' || t.type === 'slot.confirmed');
    if (!answered && QUESTION.test(e.event.text) && before.status === 'active') {
      const words = contentWords(e.event.text);
      if (words.length > 0) fact.unanswered.push({ at: asked ?? 'start', words });
    }
  }
  if (!snap) return undefined;
  fact.status = snap.status;
  for (const key of [...Object.keys(fact.failures), fact.stoppedAt, ...fact.unanswered.map((u) => u.at)]) {
    if (key) fact.labels[key] = keyLabel(compiled, key);
  }
  if (snap.status === 'cancelled') {
    fact.cancelled = snap.cancelled?.reason ?? 'citizen';
  }
  return fact;
}

function de(text: unknown): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return (text as Record<string, string | undefined>).de;
}

/** "BÜRGERcenter", "E-Mail (Rückfrage bestätigen)", "Zusammenfassung bestätigen", or the step id. */
export function keyLabel(compiled: CompiledService, key: string): string {
  const [kind, name] = key.includes(':') ? key.split(':', 2) : ['slot', key];
  const slotLabel = (n: string): string => de(compiled.definition.slots[n]?.label) ?? n;
  if (kind === 'confirm') return `${slotLabel(name)} (Rückfrage bestätigen)`;
  if (kind === 'summary') return 'Zusammenfassung bestätigen';
  if (compiled.definition.slots[key]) return slotLabel(key);
  return key === 'start' ? 'erste Nachricht' : `Schritt „${key}“`;
}
