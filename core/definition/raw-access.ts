/**
 * Tolerant readers over the raw YAML value. The semantic checks run on them even when the
 * structure has errors, so a designer sees all problems of a file at once.
 */
export type Path = (string | number)[];

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entries of a mapping, or none if the value is not one. */
export function entriesOf(v: unknown): [string, unknown][] {
  return isObject(v) ? Object.entries(v) : [];
}

export interface StepVisit { step: Record<string, unknown>; path: Path }

/** Every flow step, depth first, including the ones nested in `then` and `else`. */
export function flowSteps(raw: unknown): StepVisit[] {
  const out: StepVisit[] = [];
  const visit = (list: unknown, path: Path): void => {
    if (!Array.isArray(list)) return;
    list.forEach((step, i) => {
      if (!isObject(step)) return;
      const here = [...path, i];
      out.push({ step, path: here });
      visit(step.then, [...here, 'then']);
      visit(step.else, [...here, 'else']);
    });
  };
  visit(isObject(raw) ? raw.flow : undefined, ['flow']);
  return out;
}

/** The strings of a LocalizedText (a plain string or { de, en, ... }) with their paths. */
export function localizedStrings(v: unknown, path: Path): { text: string; path: Path }[] {
  if (typeof v === 'string') return [{ text: v, path }];
  return entriesOf(v).filter(([, t]) => typeof t === 'string').map(([k, t]) => ({ text: t as string, path: [...path, k] }));
}

/** Names the definition declares: slots with their types, derived values, action results, outcomes. */
export interface Names {
  slots: Map<string, unknown>;
  values: Set<string>;
  results: Set<string>;
  outcomes: Set<string>;
}

export function declaredNames(raw: unknown): Names {
  const r = isObject(raw) ? raw : {};
  const results = new Set<string>();
  for (const { step } of flowSteps(raw)) if (typeof step.result === 'string') results.add(step.result);
  return {
    slots: new Map(entriesOf(r.slots).map(([k, s]) => [k, isObject(s) ? s.type : undefined])),
    values: new Set(entriesOf(r.values).map(([k]) => k)),
    results,
    outcomes: new Set(entriesOf(r.outcomes).map(([k]) => k)),
  };
}

/** Every name a rule or template may read. */
export function allNames(n: Names): string[] {
  return [...n.slots.keys(), ...n.values, ...n.results];
}

/** One version of a derived value: its FEEL text, or its decision table. */
export interface ValueBodyVisit { name: string; path: Path; expr?: string; table?: Record<string, unknown>; literal?: unknown }

/** Every body of every derived value (plain, `expr`, `table`, and each `valid_from` version). */
export function valueBodies(raw: unknown): ValueBodyVisit[] {
  const out: ValueBodyVisit[] = [];
  const body = (name: string, v: unknown, path: Path): void => {
    if (typeof v === 'string') out.push({ name, path, expr: v });
    else if (typeof v === 'number' || typeof v === 'boolean') out.push({ name, path, literal: v });
    else if (isObject(v)) {
      if (typeof v.expr === 'string') out.push({ name, path: [...path, 'expr'], expr: v.expr });
      if (isObject(v.table)) out.push({ name, path: [...path, 'table'], table: v.table });
    }
  };
  for (const [name, v] of entriesOf(isObject(raw) ? raw.values : undefined)) {
    body(name, v, ['values', name]);
    if (isObject(v)) for (const [date, version] of entriesOf(v.valid_from)) body(name, version, ['values', name, 'valid_from', date]);
  }
  return out;
}

/** Rows of a decision table with their paths. */
export function tableRows(table: Record<string, unknown>, path: Path): { row: Record<string, unknown>; path: Path }[] {
  return Array.isArray(table.rows)
    ? table.rows.flatMap((row, i) => (isObject(row) ? [{ row, path: [...path, 'rows', i] }] : []))
    : [];
}
