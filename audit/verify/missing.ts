/**
 * Missing values in citizen-facing texts: walks the flow with many combinations of answers
 * (every enum value, both yes/no, ages around the usual limits, numbers at their bounds), with
 * the session's rules for what is not asked (null, or the slot's `default`), and reports every
 * template that would print "(keine Angabe)" on some path, with that path as counterexample.
 */
import type { LocalizedText, ServiceDefinition, Slot } from '../../core/definition/schema';
import { END_STATE, flattenFlow } from '../../core/compiler';
import { branchSlots, evaluateCondition, evaluateValues, normalizeValue, valueDependencies } from '../../core/rules';
import { parseTemplate, renderNodes } from '../../core/template';
import type { FlatStep } from '../../core/session/types';
import { inputTypes } from './domains';
import type { VerifyContext } from './problem';

type Scope = Record<string, unknown>;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`;
}

const AGES = [0, 5, 6, 13, 14, 15, 16, 17, 18, 21, 23, 24, 25, 27, 30, 45, 60, 65, 67, 80];

/** Candidate answers of a slot (valid ones first), and null when the citizen may skip it. */
function candidates(def: ServiceDefinition, name: string, slot: Slot, today: string): unknown[] {
  let out: unknown[];
  switch (slot.type) {
    case 'boolean': out = [true, false]; break;
    case 'enum': {
      const keys = Object.keys(slot.values ?? {});
      out = slot.many ? [...keys.map((k) => [k]), keys.slice(0, 2)] : keys;
      break;
    }
    case 'date': out = [addDays(today, 7), ...AGES.map((a) => addDays(yearsBefore(today, a), -1)), addDays(today, 30), addDays(today, -14)]; break;
    case 'integer': case 'number': case 'money': {
      const nums = [0, 1, 2, 3, 5, 10, 100, 1000, 2500, slot.min, slot.max].filter((n): n is number => typeof n === 'number');
      out = [...new Set(nums)].filter((n) => (slot.min === undefined || n >= slot.min) && (slot.max === undefined || n <= slot.max));
      break;
    }
    case 'time': out = ['10:00']; break;
    case 'email': out = ['erika@example.org']; break;
    case 'phone': out = ['+492091234567']; break;
    case 'postcode': out = ['45879']; break;
    default: out = ['Beispiel'];
  }
  const valid = out.filter((v) => isValid(def, name, slot, v, today));
  const list = valid.length > 0 ? valid : out.slice(0, 1);
  return slot.optional ? [...list, null] : list;
}

function isValid(def: ServiceDefinition, name: string, slot: Slot, value: unknown, today: string): boolean {
  if (slot.valid === undefined) return true;
  const rules = typeof slot.valid === 'string' ? [slot.valid] : slot.valid.map((v) => v.rule);
  try {
    const types = { [name]: inputTypes(def)[name] };
    return rules.every((r) => evaluateCondition(r, { [name]: value }, { today, types }));
  } catch {
    return true;
  }
}

/** A small deterministic generator, so verify reports the same counterexamples every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
}

interface Walk { steps: string[]; texts: { text: LocalizedText; path: (string | number)[] }[] }

/** Names whose value comes from an action (unknown to verify): never reported as missing. */
function actionDerived(def: ServiceDefinition, results: Set<string>): Set<string> {
  const out = new Set(results);
  for (let pass = 0; pass < 4; pass++) {
    for (const [n, raw] of Object.entries(def.values ?? {})) {
      try {
        if (valueDependencies(normalizeValue(n, raw)).some((d) => out.has(d))) out.add(n);
      } catch { /* validate reports it */ }
    }
  }
  return out;
}

function stepPathOf(def: ServiceDefinition): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  const walk = (list: ServiceDefinition['flow'], prefix: string, path: (string | number)[]): void => {
    list.forEach((s, i) => {
      const id = s.id ?? `${prefix}${i}`;
      out.set(id, [...path, i]);
      if ('if' in s) {
        walk(s.then, `${id}_then_`, [...path, i, 'then']);
        if (s.else) walk(s.else, `${id}_else_`, [...path, i, 'else']);
      }
    });
  };
  walk(def.flow, 's', ['flow']);
  return out;
}

const show = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? `[${v.join(', ')}]` : typeof v === 'boolean' ? (v ? 'ja' : 'nein') : String(v));

/** Reports templates that can show a missing value. */
export function checkMissingValues(def: ServiceDefinition, ctx: VerifyContext, today = '2026-01-01'): void {
  let flat: ReturnType<typeof flattenFlow>;
  try {
    flat = flattenFlow(def);
  } catch {
    return;
  }
  const types = inputTypes(def);
  const results = new Set(Object.values(flat.steps).flatMap((s) => (s.kind === 'action' && s.result ? [s.result] : [])));
  const fromActions = actionDerived(def, results);
  const names = Object.keys(def.slots);
  // Action results are unknown to this walk: branches are followed through derived values only.
  const decisive = branchSlots(def, Object.values(flat.steps).filter((st) => st.kind !== 'action'));
  const domain = new Map(names.map((n) => [n, candidates(def, n, def.slots[n], today)]));
  const assignments: Scope[] = [];
  const base: Scope = Object.fromEntries(names.map((n) => [n, domain.get(n)![0]]));
  assignments.push(base);
  for (const n of names) for (const v of domain.get(n)!.slice(1)) assignments.push({ ...base, [n]: v });
  const rnd = lcg(names.length * 7919 + 17);
  for (let i = 0; i < 60; i++) assignments.push(Object.fromEntries(names.map((n) => { const d = domain.get(n)!; return [n, d[Math.floor(rnd() * d.length)]]; })));

  const reported = new Set<string>();
  // Walks share prefixes: the same answers so far give the same values, so evaluate each scope once.
  const memo = new Map<string, Scope>();
  for (const a of assignments) {
    const found = walk(def, flat.steps, flat.initial, a, today, types, decisive, memo);
    if (!found) continue;
    for (const { where, scope, story } of found) {
      const key = `${where.path.join('.')}|${where.text}`;
      for (const [locale, text] of textsOf(where.text)) {
        const parsed = parseTemplate(text);
        if (!parsed.ok) continue;
        const missing: { path: string; at: number }[] = [];
        renderNodes(parsed.nodes, {
          text: (p) => (fromActions.has(p.split('.')[0]) ? 'x' : present(scope, p) ? 'x' : null),
          raw: (p) => (fromActions.has(p.split('.')[0]) ? 1 : get(scope, p)),
          cond: (e) => { try { return evaluateCondition(e, scope, { today, types }); } catch { return false; } },
          missingText: '',
          missing: (p, at) => missing.push({ path: p, at }),
        });
        for (const m of missing) {
          const id = `${key}|${locale}|${m.path}`;
          if (reported.has(id)) continue;
          reported.add(id);
          const yamlPath = typeof where.text === 'string' ? where.path : [...where.path, locale];
          const pos = ctx.src.charAt(yamlPath, m.at + 1);
          const de = ctx.lang === 'de';
          ctx.problems.push({
            code: 'missing_in_text', severity: 'error', file: ctx.file, line: pos.line, col: pos.col, path: yamlPath,
            message: de
              ? `{${m.path}} hat auf einem Weg keinen Wert und würde als "(keine Angabe)" erscheinen: ${story.join('; ')}`
              : `{${m.path}} has no value on some path and would print "(keine Angabe)": ${story.join('; ')}`,
            hint: de
              ? `geben Sie dem Wert ein default, rechnen Sie mit null (if x = true then 15 else 0), oder sagen Sie es bedingt: {if ${m.path.split('.')[0]} != null}…{end}`
              : `give the value a default, compute with null (if x = true then 15 else 0), or say it conditionally: {if ${m.path.split('.')[0]} != null}…{end}`,
          });
        }
      }
    }
  }
}


function textsOf(t: LocalizedText): [string, string][] {
  return typeof t === 'string' ? [['de', t]] : Object.entries(t).filter((e): e is [string, string] => typeof e[1] === 'string');
}

function get(scope: Scope, path: string): unknown {
  let v: unknown = scope;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Scope)[k] : undefined;
  return v;
}

const present = (scope: Scope, path: string): boolean => { const v = get(scope, path); return v !== null && v !== undefined; };

interface Found { where: { text: LocalizedText; path: (string | number)[] }; scope: Scope; story: string[] }

/** Walks the flow with one assignment of answers; returns each text it shows with the scope at that point. */
function walk(def: ServiceDefinition, steps: Record<string, FlatStep>, initial: string, answers: Scope, today: string, types: ReturnType<typeof inputTypes>, decisive: Set<string>, memo: Map<string, Scope>): Found[] | null {
  const slots: Scope = {};
  const story: string[] = [];
  const out: Found[] = [];
  const paths = stepPathOf(def);
  const valuesOf = (final: boolean): Scope => {
    const s: Scope = { ...slots };
    if (final) for (const n of Object.keys(def.slots)) if (!(n in s)) s[n] = def.slots[n].default ?? null;
    const key = JSON.stringify(s);
    const hit = memo.get(key);
    if (hit) return hit;
    let out: Scope;
    try {
      out = { ...evaluateValues(def, s, { referenceDate: today, types }).values, ...s };
    } catch {
      out = s;
    }
    memo.set(key, out);
    return out;
  };
  const cond = (e: string, scope: Scope): boolean => evaluateCondition(e, scope, { today, types });
  let id = initial;
  for (let guard = 0; guard < 200 && id !== END_STATE; guard++) {
    const s = steps[id];
    if (!s) return out;
    const at = paths.get(id) ?? ['flow'];
    try {
      switch (s.kind) {
        case 'collect':
          for (const n of s.slots) {
            const when = def.slots[n]?.when;
            if (when && !cond(when, valuesOf(false))) {
              slots[n] = def.slots[n].default ?? null;
              story.push(`${n} not asked (its when "${when}" is false)`);
            } else {
              slots[n] = answers[n];
              if (decisive.has(n)) story.push(`${n} = ${show(answers[n])}`);
            }
          }
          id = s.next;
          break;
        case 'if': {
          const yes = cond(s.cond, valuesOf(false));
          story.push(`"${s.cond}" is ${yes}`);
          id = yes ? s.then : s.else;
          break;
        }
        case 'say':
          out.push({ where: { text: s.text, path: [...at, 'say'] }, scope: valuesOf(false), story: [...story] });
          id = s.next;
          break;
        case 'outcome': {
          const o = def.outcomes[s.outcome];
          if (o) {
            const scope = valuesOf(true);
            out.push({ where: { text: o.say, path: ['outcomes', s.outcome, 'say'] }, scope, story: [...story, `outcome ${s.outcome}`] });
            if (o.rechtsbehelfsbelehrung) out.push({ where: { text: o.rechtsbehelfsbelehrung, path: ['outcomes', s.outcome, 'rechtsbehelfsbelehrung'] }, scope, story: [...story, `outcome ${s.outcome}`] });
          }
          return out;
        }
        case 'handoff':
          if (s.text) out.push({ where: { text: s.text, path: [...at, 'handoff'] }, scope: valuesOf(false), story: [...story] });
          return out;
        default:
          id = s.next;
      }
    } catch {
      return null; // a rule error on this path is validate's to report
    }
  }
  return out;
}
