/**
 * The sections of a bundle that readers use (slots, rules, outcome, effects, session status,
 * language, reference date, prompts, chain summary) are copies of what the events and the final
 * snapshot say. Each is recomputed here and must equal the recorded one, so a forger who edits
 * `outcome` and recomputes the content hash is caught, and the error names the section and,
 * where one is responsible, the event. Works on the parsed JSON as the file has it.
 */
import type { Effect, TrailEntry } from '../core/session/types';
import { canonicalJson, sha256Hex } from './canonical';
import { firstJsonDifference } from './diff';
import { IntegrityError } from './errors';

type Obj = Record<string, unknown>;
type RawEvent = { seq: number; type: string; event?: Obj; trail?: Obj[]; effects?: Obj[] };

const show = (v: unknown): string => { const s = JSON.stringify(v); return s === undefined ? '(missing)' : s.length > 120 ? `${s.slice(0, 120)}…` : s; };

function mismatch(file: string, section: string, recorded: unknown, derived: unknown, from: string, seq?: number): never {
  const d = firstJsonDifference(recorded, derived);
  const at = d && d.path !== '(whole)' ? `${section}${d.path.startsWith('[') ? '' : '.'}${d.path}` : section;
  throw new IntegrityError(file, 'section',
    `${at}${seq ? ` (event ${seq})` : ''}: the section says ${show(d?.recorded)}, but ${from} says ${show(d?.replayed)}; the bundle was changed after export.`, seq, section);
}

/** Rule evaluations as the rules section lists them: every rule entry of every trail, with its event. */
export function rulesOf(events: RawEvent[]): Obj[] {
  return events.flatMap((e) => (e.trail ?? []).filter((t) => t.type === 'rule').map((t) => ({ seq: e.seq, ...t })));
}

/** Models and prompt hashes that proposed slot values. */
export function promptsOf(events: RawEvent[]): string[] {
  const out = new Set<string>();
  for (const e of events) for (const t of (e.trail ?? []) as unknown as TrailEntry[]) if (t.type === 'slot.filled' && t.source === 'llm' && t.by) out.add(t.by);
  return [...out].sort();
}

/** What an effect of the events says an entry of the effects section must hold (all but attempts). */
function effectEntries(events: RawEvent[]): Map<string, { seq: number; entry: Obj }> {
  const results = new Map<string, Obj>();
  for (const e of events) if (e.event?.type === 'effect.result') results.set(String(e.event.effectId), e.event);
  const out = new Map<string, { seq: number; entry: Obj }>();
  for (const e of events) {
    for (const f of (e.effects ?? []) as unknown as Effect[]) {
      if (out.has(f.id)) continue;
      if (f.kind === 'action') {
        const r = results.get(f.id);
        out.set(f.id, { seq: e.seq, entry: { kind: 'action', name: f.name, input: f.input ?? null, status: r ? (r.ok ? 'done' : 'failed') : 'pending', ...(r ? { result: r.ok ? r.result : r.error } : {}) } });
      } else if (f.kind === 'notify') {
        out.set(f.id, { seq: e.seq, entry: { kind: 'notify', name: f.template, input: f.data, status: 'done' } });
      } else if (f.kind === 'handoff') {
        out.set(f.id, { seq: e.seq, entry: { kind: 'handoff', name: 'handoff', input: { reason: f.reason }, status: 'done' } });
      }
    }
  }
  return out;
}

function checkEffects(file: string, events: RawEvent[], effects: Obj[]): void {
  const expected = effectEntries(events);
  effects.forEach((f, i) => {
    const want = expected.get(String(f.effectId));
    if (!want) mismatch(file, `effects[${i}]`, f.effectId, null, 'no event asked for this effect:');
    const { effectId: _id, attempts: _a, ...got } = f;
    if (canonicalJson(got) !== canonicalJson(want.entry)) mismatch(file, `effects[${i}]`, got, want.entry, `event ${want.seq}`, want.seq);
  });
  const listed = new Set(effects.map((f) => String(f.effectId)));
  for (const [id, want] of expected) {
    if (want.entry.kind === 'action' && !listed.has(id)) mismatch(file, 'effects', null, { effectId: id, ...want.entry }, `event ${want.seq}`, want.seq);
  }
}

/** Checks every derived section of a parsed bundle against the events and the final snapshot. */
export function checkSections(raw: Obj, file: string): void {
  const events = raw.events as RawEvent[];
  const purged = events.every((e) => e.event === undefined);
  if (raw.purged !== purged) mismatch(file, 'purged', raw.purged, purged, 'the events (with or without content)');
  const last = events[events.length - 1] as unknown as { hash: string };
  const chain = raw.chain as Obj;
  if (chain.head !== last.hash || chain.length !== events.length) mismatch(file, 'chain', chain, { ...chain, head: last.hash, length: events.length }, 'the events');
  const definition = raw.definition as Obj;
  if (sha256Hex(String(definition.source)) !== definition.hash) {
    throw new IntegrityError(file, 'section', `definition.source: the definition text does not match its recorded hash ${String(definition.hash).slice(0, 12)}…; the text was changed.`, undefined, 'definition');
  }
  const session = raw.session as Obj;
  if (definition.service !== session.service) mismatch(file, 'definition.service', definition.service, session.service, 'session.service');
  if (purged) {
    for (const name of ['slots', 'rules', 'effects', 'outcome', 'snapshot'] as const) {
      const empty = name === 'slots' ? {} : name === 'outcome' || name === 'snapshot' ? null : [];
      if (canonicalJson(raw[name]) !== canonicalJson(empty)) mismatch(file, name, raw[name], empty, 'a purged case (no personal data)');
    }
    return;
  }
  const ruleEvents = new Map(rulesOf(events).map((r, i) => [i, r.seq as number]));
  const rules = rulesOf(events);
  const d = firstJsonDifference(raw.rules, rules);
  if (d) {
    const index = /^\[(\d+)\]/.exec(d.path);
    mismatch(file, 'rules', raw.rules, rules, 'the audit trail of the events', index ? ruleEvents.get(Number(index[1])) : undefined);
  }
  const snapshot = raw.snapshot as Obj | null;
  if (!snapshot) return;
  const lastSeq = events[events.length - 1].seq;
  if (canonicalJson(raw.slots) !== canonicalJson(snapshot.slots ?? {})) mismatch(file, 'slots', raw.slots, snapshot.slots ?? {}, 'the final snapshot', lastSeq);
  if (canonicalJson(raw.outcome) !== canonicalJson(snapshot.outcome ?? null)) mismatch(file, 'outcome', raw.outcome, snapshot.outcome ?? null, 'the final snapshot', lastSeq);
  for (const [field, from] of [['status', 'status'], ['locale', 'locale'], ['referenceDate', 'referenceDate'], ['channel', 'channel']] as const) {
    if (snapshot[from] !== undefined && session[field] !== snapshot[from]) mismatch(file, `session.${field}`, session[field], snapshot[from], 'the final snapshot', lastSeq);
  }
  const prompts = promptsOf(events);
  const producer = raw.producer as Obj;
  if (canonicalJson(producer.prompts) !== canonicalJson(prompts)) mismatch(file, 'producer.prompts', producer.prompts, prompts, 'the audit trail of the events');
  checkEffects(file, events, raw.effects as Obj[]);
}

/** Top-level members the content hash covers, each hashed on its own so a change names its section. */
export function sectionHashes(content: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(content).sort()) out[key] = sha256Hex(canonicalJson(content[key]));
  return out;
}
