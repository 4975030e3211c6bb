/**
 * `verify --generate`: scenario skeletons at every decision-table boundary (e.g. age 23 and 24
 * on the reference date) and around every change of an effective-dated value (the day before
 * and the day of a fee change). Each skeleton is a real conversation played through the core,
 * with the values the current definition computes as expectations, for the designer to review.
 */
import { stringify } from 'yaml';
import { step } from '../../core/session';
import type { CompiledService, SessionSnapshot } from '../../core/session/types';
import type { ServiceDefinition, Slot } from '../../core/definition/schema';
import { evaluateValues, slotsBehind } from '../../core/rules';
import { dayBefore, firstDates } from './dating';
import { inputTypes } from './domains';
import { combinations, describeCombo, matchingRows, tableDomains, tablesOf, type TableRef } from './tables';

export interface GeneratedScenario {
  name: string;
  today: string;
  turns: { citizen: string }[];
  status?: string;
  outcome?: string;
  values: Record<string, unknown>;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const german = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** How a citizen would write a canonical value. */
function answerText(slot: Slot, value: unknown): string {
  if (slot.type === 'date' && typeof value === 'string') return german(value);
  if (slot.type === 'boolean') return value ? 'ja' : 'nein';
  if (slot.type === 'enum' && typeof value === 'string') {
    const label = slot.values?.[value]?.label;
    return typeof label === 'string' ? label : label?.de ?? value;
  }
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}

/** Plausible answers per slot type, tried in order when a slot is asked again. */
function defaults(slot: Slot, today: string): string[] {
  switch (slot.type) {
    case 'date': return [german(addDays(today, 7)), german(addYears(today, -30)), german(addDays(today, 1)), german(addDays(today, -30))];
    case 'time': return ['10:00', '14:30'];
    case 'boolean': return ['nein', 'ja'];
    case 'enum': return Object.values(slot.values ?? {}).map((v) => (typeof v.label === 'string' ? v.label : v.label.de));
    case 'integer': case 'number': case 'money': return [String(slot.min ?? 1), String(slot.max ?? 2)];
    case 'email': return ['erika.musterfrau@example.org'];
    case 'phone': return ['0209 1234567'];
    case 'postcode': return ['45879'];
    default: return ['Musterstraße 1', 'Beispieltext mit genug Zeichen'];
  }
}


/** A slot value that makes `input` equal `target` on `today` (searched; dates by whole years around the target). */
function solve(def: ServiceDefinition, input: string, target: unknown, today: string): Record<string, unknown> | undefined {
  if (def.slots[input]) return { [input]: target };
  const slots = slotsBehind(def, [input]);
  if (slots.length !== 1) return undefined;
  const slot = slots[0];
  const type = def.slots[slot].type;
  const candidates: unknown[] = [];
  if (type === 'date') for (let n = 0; n <= 120; n++) candidates.push(addYears(today, -n), addDays(addYears(today, -n), 1), addDays(addYears(today, -n), -1));
  else if (typeof target === 'number') for (let d = -5; d <= 5; d++) candidates.push(target + d);
  else if (type === 'boolean') candidates.push(true, false);
  else if (type === 'enum') candidates.push(...Object.keys(def.slots[slot].values ?? {}));
  for (const c of candidates) {
    try {
      const { values } = evaluateValues(def, { [slot]: c }, { referenceDate: today, types: inputTypes(def) });
      if (values[input] === target) return { [slot]: c };
    } catch { /* not this one */ }
  }
  return undefined;
}

/** Plays a conversation through the core until `until` holds or the session ends. */
export function playConversation(compiled: CompiledService, today: string, fixed: Record<string, unknown>, until: (s: SessionSnapshot) => boolean): { turns: string[]; snapshot: SessionSnapshot } {
  const def = compiled.definition;
  const at = `${today}T09:00:00.000Z`;
  let snap = step(compiled, null, { type: 'start', sessionId: 'generated', referenceDate: today }, at).snapshot;
  const turns: string[] = [];
  const asked = new Map<string, number>();
  // At least one turn: a scenario needs one, even for a value known from the start.
  for (let i = 0; i < 40 && snap.status === 'active' && (i === 0 || !until(snap)); i++) {
    const p = snap.pending;
    let text = 'ja';
    if (p?.kind === 'slot') {
      const n = asked.get(p.slot) ?? 0;
      asked.set(p.slot, n + 1);
      const slot = def.slots[p.slot];
      const options = p.slot in fixed ? [answerText(slot, fixed[p.slot])] : defaults(slot, today);
      if (n > 0) break;
      // Take the first answer the slot accepts, so the skeleton holds no rejected answers.
      const accepted = options.map((o) => ({ o, r: step(compiled, snap, { type: 'message', text: o }, at) }))
        .find(({ r }) => !(r.snapshot.pending?.kind === 'slot' && r.snapshot.pending.slot === p.slot));
      if (!accepted) break;
      text = accepted.o;
    } else if (p?.kind === 'disambiguate') text = '1';
    else if (p?.kind === 'effect' || p === null) break;
    turns.push(text);
    const r = step(compiled, snap, { type: 'message', text }, at);
    snap = r.snapshot;
    // Actions answer with a neutral result, so a skeleton can pass an action step.
    for (const e of r.effects) {
      if (e.kind === 'action') snap = step(compiled, snap, { type: 'effect.result', effectId: e.id, ok: true, result: { booking: 'TEST', beginn: `${addDays(today, 7)}T10:00` } }, at).snapshot;
    }
  }
  return { turns, snapshot: snap };
}

function numericBoundaries(t: TableRef, input: string, integer: boolean): number[] {
  const out = new Set<number>();
  for (const row of t.table.rows) {
    const cell = row.when[input];
    if (cell === undefined) continue;
    const nums = typeof cell === 'number' ? [cell] : [...String(cell).matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    for (const n of nums) for (const p of [n - (integer ? 1 : 0.01), n]) out.add(Math.round(p * 100) / 100);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * One skeleton about `watch[watch.length - 1]` (the value it is for): played until every watched
 * name has a value. A skeleton that never reaches its value would check nothing, so there is none.
 */
function scenarioOf(compiled: CompiledService, name: string, today: string, fixed: Record<string, unknown>, watch: string[]): GeneratedScenario | undefined {
  const { turns, snapshot } = playConversation(compiled, today, fixed, (s) => watch.every((w) => s.values[w] !== undefined || s.slots[w] !== undefined));
  if (turns.length === 0) return undefined;
  const values: Record<string, unknown> = {};
  for (const w of watch) {
    const v = snapshot.values[w] ?? snapshot.slots[w]?.value;
    if (v !== undefined) values[w] = v;
  }
  const target = watch[watch.length - 1];
  if (values[target] === undefined || values[target] === null) return undefined;
  return {
    name, today, turns: turns.map((citizen) => ({ citizen })), values,
    ...(snapshot.status === 'completed' && snapshot.outcome ? { outcome: snapshot.outcome.id } : { status: snapshot.status }),
  };
}

/** Tables over yes/no and choice slots: one scenario per row, with the first input combination it covers. */
function rowScenarios(compiled: CompiledService, types: Record<string, string>, today: string): GeneratedScenario[] {
  const def = compiled.definition;
  const out: GeneratedScenario[] = [];
  for (const t of tablesOf(def)) {
    const inputs = Object.keys(Object.assign({}, ...t.table.rows.map((r) => r.when)));
    if (inputs.some((i) => types[i] === 'number' || !def.slots[i])) continue;
    const day = t.version ?? today;
    const combos = combinations(tableDomains(def, t, types as never, day), 500);
    const done = new Set<string>();
    for (const combo of combos) {
      const rows = matchingRows(t, combo, types as never, day);
      if (rows.length !== 1 || done.has(rows[0])) continue;
      done.add(rows[0]);
      const s = scenarioOf(compiled, `${t.value}: Zeile ${rows[0]} (${describeCombo(combo)})`, day, combo, [...inputs, t.value]);
      if (s) out.push(s);
    }
  }
  return out;
}

/** Scenario skeletons for every table boundary and every change date of dated values. */
export function generateBoundaryScenarios(compiled: CompiledService, today: string): GeneratedScenario[] {
  const def = compiled.definition;
  const types = inputTypes(def);
  const out: GeneratedScenario[] = [];
  const seen = new Set<string>();
  for (const t of tablesOf(def)) {
    // Each version of a dated table is tested on a day it is in force: its own start date.
    const day = t.version ?? today;
    for (const input of Object.keys(t.table.rows[0]?.when ?? {})) {
      if (types[input] !== 'number') continue;
      const integer = def.slots[input]?.type === 'integer' || /\.years\s*$/.test(String((def.values?.[input] as { expr?: string })?.expr ?? def.values?.[input] ?? ''));
      for (const b of numericBoundaries(t, input, integer)) {
        const key = `${t.value}:${input}=${b}@${day}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const slot = def.slots[input];
        if (slot && ((slot.min !== undefined && b < slot.min) || (slot.max !== undefined && b > slot.max))) continue;
        const fixed = solve(def, input, b, day);
        if (!fixed) continue;
        const s = scenarioOf(compiled, `Grenze ${t.value}: ${input} = ${b} am ${day}`, day, fixed, [input, t.value]);
        if (s) out.push(s);
      }
    }
  }
  out.push(...rowScenarios(compiled, types, today));
  for (const [name, raw] of Object.entries(def.values ?? {})) {
    if (typeof raw !== 'object' || !raw.valid_from) continue;
    const first = firstDates(def).get(name);
    for (const d of Object.keys(raw.valid_from).sort()) {
      if (d === first) continue;
      for (const day of [dayBefore(d), d]) {
        const s = scenarioOf(compiled, `${name} am ${day} (${day < d ? 'vor' : 'ab'} der Änderung vom ${d})`, day, {}, [name]);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/** The skeletons as a `*.scenarios.yaml` text. */
export function scenariosYaml(compiled: CompiledService, scenarios: GeneratedScenario[], today: string): string {
  const header = `# Generated by \`amtsweg verify --generate\` for ${compiled.id} ${compiled.version} (${compiled.hash.slice(0, 12)}).\n# Boundary cases of the decision tables and dated values. The expected values are what the\n# definition computes today: check each against the law before you keep the file.\n`;
  return header + stringify({ service: compiled.id, today, scenarios }, { lineWidth: 0 });
}
