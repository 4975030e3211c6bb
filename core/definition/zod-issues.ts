/**
 * Turns zod issues into problems a designer can act on: positioned on the YAML node, with
 * "did you mean", the expected and the found value, and without zod's union noise.
 */
import type { z } from 'zod';
import { didYouMean } from './suggest';
import { allowedKeysAt, describeKey } from './schema-walk';
import { FLOW_STEP_KINDS, FLOW_STEP_VARIANTS } from './schema';
import type { Reporter } from './report';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw value at a path, or undefined. */
export function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObject(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

const EXPECTED = {
  en: { string: 'a text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value)', record: 'a mapping (key: value)' } as Record<string, string>,
  de: { string: 'ein Text', number: 'eine Zahl', int: 'eine ganze Zahl', boolean: 'true oder false', array: 'eine Liste', object: 'eine Zuordnung (Schlüssel: Wert)', record: 'eine Zuordnung (Schlüssel: Wert)' } as Record<string, string>,
};

/** "the text 'abc'", "the number 5", ... */
export function describeValue(v: unknown, lang: 'en' | 'de'): string {
  const de = lang === 'de';
  if (v === null) return de ? 'einen leeren Wert' : 'an empty value';
  if (typeof v === 'string') return de ? `den Text '${v}'` : `the text '${v}'`;
  if (typeof v === 'number') return de ? `die Zahl ${v}` : `the number ${v}`;
  if (typeof v === 'boolean') return de ? `den Wahrheitswert ${v}` : `the yes/no value ${v}`;
  if (Array.isArray(v)) return de ? 'eine Liste' : 'a list';
  if (isObject(v)) return de ? 'eine Zuordnung (Schlüssel: Wert)' : 'a mapping (key: value)';
  return String(v);
}

function fixFor(expected: string[], got: unknown, lang: 'en' | 'de'): string | undefined {
  const de = lang === 'de';
  if (expected.includes('number') && typeof got === 'string') return de ? 'Schreiben Sie eine Zahl ohne Anführungszeichen, z. B. 3' : 'write a number without quotes, e.g. 3';
  if (expected.includes('boolean')) return de ? 'Schreiben Sie true oder false' : 'write true or false';
  if (expected.includes('array')) return de ? 'Schreiben Sie eine Liste: [a, b] oder je Zeile `- eintrag`' : 'write a list: [a, b], or one `- item` per line';
  if (expected.includes('object')) return de ? 'Schreiben Sie die Schlüssel eingerückt darunter' : 'write its keys indented on the lines below';
  if (expected.includes('string') && got !== undefined) return de ? 'Setzen Sie den Wert in Anführungszeichen: "..."' : 'put the value in quotes: "..."';
  return undefined;
}

/** German wording of the custom messages in schema.ts (zod's own texts are replaced by ours anyway). */
const SCHEMA_MESSAGES_DE: Record<string, string> = {
  'expected an ISO 8601 duration such as P30D, P6M or PT10M': 'erwartet eine ISO-8601-Dauer wie P30D, P6M oder PT10M',
  'expected a date written YYYY-MM-DD': 'erwartet ein Datum in der Form JJJJ-MM-TT',
  'a LeiKa key has 14 digits and starts with 99': 'ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99',
  'use lower-case letters, digits, - and _': 'verwenden Sie Kleinbuchstaben, Ziffern, - und _',
};

/** An example for the formats the schema names in its messages. */
function formatExample(message: string, lang: 'en' | 'de'): string | undefined {
  const de = lang === 'de';
  if (/ISO 8601 duration/.test(message)) return de ? 'P30D (30 Tage), P6M (6 Monate), P1Y (1 Jahr), PT10M (10 Minuten)' : 'P30D (30 days), P6M (6 months), P1Y (1 year), PT10M (10 minutes)';
  if (/YYYY-MM-DD/.test(message)) return '2026-02-07';
  if (/LeiKa/.test(message)) return de ? '"99008001012001" (in Anführungszeichen, damit es Text bleibt)' : '"99008001012001" (in quotes, so it stays text)';
  if (/lower-case letters/.test(message)) return 'personalausweis, wohnsitz-anmeldung';
  return undefined;
}

/** Adds a problem for each zod issue (issue paths are relative to `base`). */
export function reportIssues(issues: readonly Issue[], base: Path, raw: unknown, schema: z.ZodType, r: Reporter, allowedOverride?: string[]): void {
  for (const issue of issues) reportIssue(issue, [...base, ...(issue.path as Path)], raw, schema, r, allowedOverride);
}

function reportIssue(issue: Issue, path: Path, raw: unknown, schema: z.ZodType, r: Reporter, allowedOverride?: string[]): void {
  const actual = valueAtPath(raw, path);
  const lang = r.lang;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedOverride ?? allowedKeysAt(schema, path);
      for (const key of issue.keys) {
        // `{ de: Ja, gerne }` or `then: 8,50` inside { }: YAML split the text at the comma.
        const suggestion = didYouMean(key, allowed);
        const bare = valueAtPath(raw, [...path, key]) === null && !suggestion;
        const comma = /^\d+$/.test(key) || /\s/.test(key.trim()) || bare;
        r.add('unknown_key', { key, place: r.place(path), suggestion: comma ? undefined : suggestion, allowed, comma }, [...path, key], 'key');
      }
      return;
    }
    case 'invalid_type': {
      if (actual === undefined) {
        reportMissing(path, raw, schema, r);
        return;
      }
      const expected = [issue.expected as string];
      if (issue.expected === 'int') {
        r.add('not_integer', { got: actual }, path);
        return;
      }
      r.add('wrong_type', { expected: EXPECTED[lang][issue.expected as string] ?? issue.expected, got: describeValue(actual, lang), fix: fixFor(expected, actual, lang) }, path);
      return;
    }
    case 'invalid_value': {
      if (actual === undefined) {
        reportMissing(path, raw, schema, r);
        return;
      }
      const values = issue.values.map(String);
      const got = describeValue(actual, lang);
      r.add('invalid_enum', { values, got, suggestion: typeof actual === 'string' ? didYouMean(actual, values) : undefined }, path, 'value', { code: 'invalid_enum' });
      return;
    }
    case 'invalid_format': {
      const custom = !issue.message.startsWith('Invalid');
      const detail = custom ? (lang === 'de' ? SCHEMA_MESSAGES_DE[issue.message] ?? issue.message : issue.message) : (lang === 'de' ? `ungültiges Format (${issue.format})` : `invalid format (expected ${issue.format}${'pattern' in issue && issue.pattern ? ` matching ${issue.pattern}` : ''})`);
      r.add('invalid_format', { detail, example: formatExample(issue.message, lang) }, path);
      return;
    }
    case 'invalid_key': {
      const name = String(path[path.length - 1]);
      const suggestion = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '');
      r.add('invalid_name', { name, place: r.place(path.slice(0, -1)), suggestion: suggestion !== name && suggestion ? suggestion : undefined }, path, 'key', { code: 'invalid_name' });
      return;
    }
    case 'too_small': {
      if (issue.origin === 'array') r.add('too_small_array', { min: Number(issue.minimum) }, path);
      else if (issue.origin === 'string') r.add('too_small_string', {}, path);
      else r.add('too_small_number', { min: Number(issue.minimum), got: actual }, path);
      return;
    }
    case 'too_big': {
      if (issue.origin === 'number') r.add('too_big_number', { max: Number(issue.maximum), got: actual }, path);
      else r.add('invalid_value', { detail: issue.message }, path);
      return;
    }
    case 'invalid_union': {
      if (isFlowStepPath(path)) {
        reportFlowStep(path, raw, schema, r);
        return;
      }
      reportUnion(issue.errors as Issue[][], path, actual, raw, schema, r);
      return;
    }
    default:
      r.add('invalid_value', { detail: issue.message }, path);
  }
}

function reportUnion(branches: Issue[][], path: Path, actual: unknown, raw: unknown, schema: z.ZodType, r: Reporter): void {
  if (branches.length === 0) return;
  const rootMismatch = (i: Issue): boolean => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
  if (branches.every((b) => b.some(rootMismatch))) {
    if (actual === undefined) {
      reportMissing(path, raw, schema, r);
      return;
    }
    const expected = new Set<string>();
    for (const b of branches) for (const i of b.filter(rootMismatch)) {
      if (i.code === 'invalid_type') expected.add(EXPECTED[r.lang][i.expected as string] ?? String(i.expected));
      if (i.code === 'invalid_value') i.values.forEach((v) => expected.add(JSON.stringify(v)));
    }
    const or = r.lang === 'de' ? ' oder ' : ' or ';
    r.add('wrong_type', { expected: [...expected].join(or), got: describeValue(actual, r.lang) }, path);
    return;
  }
  const score = (b: Issue[]): number => b.reduce((s, i) => {
    if (rootMismatch(i)) return s + 1000;
    if (i.path.length === 0 && i.code === 'unrecognized_keys') return s + 10 * i.keys.length;
    if (i.path.length === 1 && i.code === 'invalid_type' && valueAtPath(actual, i.path as Path) === undefined) return s + 10;
    return s + 1;
  }, 0);
  let best = branches[0];
  for (const b of branches) if (score(b) < score(best)) best = b;
  reportIssues(best, path, raw, schema, r);
}

/** A required key is absent; unless a misspelt key beside it already explains that ("tpye" for "type"). */
function reportMissing(path: Path, raw: unknown, schema: z.ZodType, r: Reporter): void {
  const parent = path.slice(0, -1);
  const key = String(path[path.length - 1]);
  const siblings = valueAtPath(raw, parent);
  if (isObject(siblings)) {
    const allowed = allowedKeysAt(schema, parent);
    const misspelt = Object.keys(siblings).some((k) => !allowed.includes(k) && didYouMean(k, allowed) === key);
    if (misspelt) return;
  }
  r.add('missing_key', { key, place: r.place(parent), about: describeKey(schema, path) }, parent, 'key', { code: 'missing_key' });
}

/** flow.N, flow.N.then.M, flow.N.else.M.then.K, ... */
function isFlowStepPath(path: Path): boolean {
  if (path[0] !== 'flow' || path.length % 2 !== 0) return false;
  for (let i = 1; i < path.length; i += 2) {
    if (typeof path[i] !== 'number') return false;
    if (i + 1 < path.length && path[i + 1] !== 'then' && path[i + 1] !== 'else') return false;
  }
  return true;
}

const STEP_KEYS = [...FLOW_STEP_KINDS, 'id', 'then', 'else', 'ask', 'with', 'result'];

/** Decides which kind of step was meant by its keys and reports only that kind's problems. */
function reportFlowStep(path: Path, raw: unknown, schema: z.ZodType, r: Reporter): void {
  const step = valueAtPath(raw, path);
  if (!isObject(step)) {
    r.add('wrong_type', { expected: r.lang === 'de' ? 'einen Schritt (z. B. `collect: [slot]`)' : 'a step (e.g. `collect: [slot]`)', got: describeValue(step, r.lang) }, path);
    return;
  }
  const kinds = FLOW_STEP_KINDS.filter((k) => k in step);
  if (kinds.length === 1) {
    const variant = FLOW_STEP_VARIANTS[kinds[0]] as unknown as z.ZodType;
    const result = variant.safeParse(step);
    if (!result.success) {
      const allowed = Object.keys((FLOW_STEP_VARIANTS[kinds[0]] as unknown as { shape: object }).shape);
      reportIssues(result.error.issues, path, raw, schema, r, allowed);
    }
    return;
  }
  if (kinds.length > 1) {
    r.add('step_many_kinds', { kinds }, path);
    return;
  }
  const unknown = Object.keys(step).filter((k) => !STEP_KEYS.includes(k));
  let explained = false;
  for (const key of unknown) {
    const suggestion = didYouMean(key, FLOW_STEP_KINDS);
    if (suggestion) explained = true;
    r.add('unknown_key', { key, place: r.place(path), suggestion: suggestion ?? didYouMean(key, STEP_KEYS), allowed: STEP_KEYS }, [...path, key], 'key');
  }
  if (!explained) r.add('step_without_kind', { kinds: FLOW_STEP_KINDS }, path);
}
