/**
 * Derived values of a definition: normalised, ordered by dependency and evaluated at the
 * session's reference date, each with a trail entry for the audit.
 */
import type { DerivedValue, FlowStep, LegalRef, ServiceDefinition, SlotType } from '../definition/schema';
import type { RuleEvaluation } from '../session/types';
import { RuleError } from './errors';
import { evaluateTable, legalRefText, tableReferencedNames } from './decision-table';
import { selectVersion } from './effective-dating';
import { evaluateFeel, feelContext } from './evaluate';
import { describeValue, feelTypeOf, fromFeelValue, roundMoney } from './feel-values';
import { IMPLICIT_NAMES, referencedNames } from './syntax';
import { slotValueType } from './type-inference';
import type { ValueType } from './types';

/** What `evaluateValues` needs of a definition. */
export type ValuesDefinition = Pick<ServiceDefinition, 'slots' | 'values'> & { flow?: FlowStep[] };

type Body = string | number | boolean | { expr: string } | { table: import('../definition/schema').DecisionTable };

/** One derived value, normalised: a single body or dated versions. */
export interface NormalizedValue {
  name: string;
  body?: Body;
  versions?: Record<string, Body>;
  legalBasis: string[];
  type?: SlotType;
  /** A date slot or value that dates this rule instead of the session reference date. */
  asOf?: string;
  /** Result used when the rule yields null. */
  fallback?: string | number | boolean;
}

/** Normalises the shorthand forms of a derived value. */
export function normalizeValue(name: string, def: DerivedValue): NormalizedValue {
  if (typeof def === 'string') return { name, body: def, legalBasis: [] };
  const forms = [def.expr !== undefined, def.table !== undefined, def.valid_from !== undefined].filter(Boolean).length;
  if (forms !== 1) {
    throw new RuleError('bad_value', `value ${name} needs exactly one of expr, table or valid_from (it has ${forms}); move the alternatives under valid_from dates if they change over time`, { rule: name });
  }
  const refs: LegalRef[] = def.legal_basis === undefined ? [] : Array.isArray(def.legal_basis) ? def.legal_basis : [def.legal_basis];
  const base: NormalizedValue = { name, legalBasis: refs.map(legalRefText), type: def.type };
  if (def.as_of !== undefined) base.asOf = def.as_of;
  if (def.default !== undefined) base.fallback = def.default;
  if (def.valid_from) return { ...base, versions: def.valid_from };
  return { ...base, body: def.expr ?? { table: def.table! } };
}

function bodyNames(body: Body, known: (n: string) => boolean): string[] {
  if (typeof body === 'string') return referencedNames(body, { includeImplicit: true });
  if (typeof body === 'number' || typeof body === 'boolean') return [];
  if ('expr' in body) return referencedNames(body.expr, { includeImplicit: true });
  return tableReferencedNames(body.table, known);
}

/** Names a value reads in any of its versions. */
export function valueDependencies(value: NormalizedValue, known: (n: string) => boolean = () => true): string[] {
  const bodies = value.versions ? Object.values(value.versions) : value.body !== undefined ? [value.body] : [];
  const names = bodies.flatMap((b) => bodyNames(b, known));
  if (value.asOf) names.push(value.asOf);
  return [...new Set(names)];
}

/** Names actions publish through `result:` anywhere in the flow. */
export function actionResultNames(flow: FlowStep[] = []): string[] {
  const out: string[] = [];
  const visit = (steps: FlowStep[]): void => {
    for (const s of steps) {
      if ('action' in s && s.result) out.push(s.result);
      if ('if' in s) { visit(s.then); if (s.else) visit(s.else); }
    }
  };
  visit(flow);
  return out;
}

/**
 * Orders derived values so that each comes after the values it reads (stable: definition
 * order otherwise). A cycle is an error naming the chain.
 */
export function orderValues(definition: Pick<ServiceDefinition, 'values'>): NormalizedValue[] {
  const values = Object.entries(definition.values ?? {}).map(([n, d]) => normalizeValue(n, d));
  const byName = new Map(values.map((v) => [v.name, v]));
  const ordered: NormalizedValue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (v: NormalizedValue, chain: string[]): void => {
    const s = state.get(v.name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(v.name)), v.name];
      throw new RuleError('cycle', `derived values depend on each other in a circle: ${cycle.join(' → ')}; break the circle by computing one of them from slots only`, { rule: v.name });
    }
    state.set(v.name, 'visiting');
    for (const dep of valueDependencies(v)) {
      const d = byName.get(dep);
      if (d) visit(d, [...chain, v.name]);
    }
    state.set(v.name, 'done');
    ordered.push(v);
  };
  for (const v of values) visit(v, []);
  return ordered;
}

/**
 * Static types of the names a definition's rules see: slots by their type, derived values by
 * their declared type. Pass it as `types` to evaluateExpression/evaluateCondition.
 */
export function definitionTypes(definition: Pick<ServiceDefinition, 'slots' | 'values'>): Record<string, ValueType> {
  const types: Record<string, ValueType> = {};
  for (const [name, slot] of Object.entries(definition.slots ?? {})) types[name] = slotValueType(slot.type, slot.many === true);
  for (const [name, value] of Object.entries(definition.values ?? {})) {
    if (typeof value === 'object' && value.type) types[name] = slotValueType(value.type);
  }
  return types;
}

/** A table result written per language ({ de: "10 Jahre", en: "10 years" }); rendered in the citizen's language. */
export function isLocalizedResult(v: unknown): v is { de: string } & Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { de?: unknown }).de === 'string'
    && Object.values(v).every((x) => typeof x === 'string');
}

/** A result that contradicts the declared type is a definition error, not a value to pass on. */
function checkDeclaredType(name: string, declared: SlotType, raw: unknown, result: unknown): void {
  if (result === null) return;
  const expected = slotValueType(declared);
  const actual = isLocalizedResult(result) ? 'string' : feelTypeOf(raw);
  const canonicalString = typeof result === 'string' && ((expected === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(result)) || (expected === 'time' && /^\d{2}:\d{2}$/.test(result)));
  const wholeNumber = declared !== 'integer' || (typeof result === 'number' && Number.isInteger(result));
  if ((actual === expected || canonicalString) && wholeNumber) return;
  throw new RuleError('bad_value', `value ${name} is declared as ${declared} but yields ${declared === 'integer' && typeof result === 'number' ? 'a number with decimals' : describeValue(result)}; fix the rule or its declared type`, { rule: name });
}

/**
 * Evaluates all derived values in dependency order at `referenceDate` (or at the date in the
 * value's `as_of` slot). A value whose inputs are not known yet (absent from the scope) stays
 * undefined; an input that is null (a slot that was not asked, or skipped) takes part and FEEL's
 * null rules apply (`if x = true then 15 else 0` is 0, `x + 1` is null); a null result becomes
 * the value's `default` if it declares one. Names that are neither slot, value, action result
 * nor in scope are an error. Money-typed results are rounded to cents.
 */
export function evaluateValues(
  definition: ValuesDefinition,
  scope: Record<string, unknown>,
  opts: { referenceDate: string; types?: Record<string, ValueType> },
): { values: Record<string, unknown>; trail: RuleEvaluation[] } {
  const types: Record<string, ValueType> = { ...definitionTypes(definition), ...opts.types };
  const declared = new Set([...Object.keys(definition.slots ?? {}), ...Object.keys(definition.values ?? {}), ...actionResultNames(definition.flow), ...IMPLICIT_NAMES]);
  const working: Record<string, unknown> = { ...scope };
  const isKnown = (n: string): boolean => declared.has(n) || n in working;
  const values: Record<string, unknown> = {};
  const trail: RuleEvaluation[] = [];

  for (const v of orderValues(definition)) {
    delete working[v.name];
    let day = opts.referenceDate;
    if (v.asOf !== undefined) {
      const at = working[v.asOf];
      if (at === undefined) continue;
      if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at)) day = at.slice(0, 10);
      else if (at !== null) throw new RuleError('bad_value', `value ${v.name} is dated by as_of: ${v.asOf}, which is not a date; name a date slot or value`, { rule: v.name });
    }
    let version: string | undefined;
    let body = v.body;
    if (v.versions) ({ version, body } = selectVersion(v.name, v.versions, day));
    if (body === undefined) continue;
    const reads = bodyNames(body, isKnown);
    const unknown = reads.find((n) => !isKnown(n));
    if (unknown) {
      throw new RuleError('unknown_name', `value ${v.name} reads "${unknown}", which is no slot, value or action result; declare it or fix the spelling`, { rule: v.name });
    }
    const inputs: Record<string, unknown> = {};
    for (const n of reads) inputs[n] = n === 'today' ? day : working[n];
    if (v.asOf !== undefined) inputs[v.asOf] = working[v.asOf];
    if (reads.some((n) => n !== 'today' && working[n] === undefined)) continue;

    const ctx = feelContext(working, { today: day, types });
    let raw: unknown;
    let row: string | string[] | undefined;
    let legal = v.legalBasis;
    if (typeof body === 'number' || typeof body === 'boolean') raw = body;
    else if (typeof body === 'string') raw = evaluateFeel(body, ctx, v.name);
    else if ('expr' in body) raw = evaluateFeel(body.expr, ctx, v.name);
    else {
      const t = evaluateTable(v.name, body.table, ctx);
      raw = t.result;
      row = t.row;
      legal = [...legal, ...t.legalBasis.filter((l) => !legal.includes(l))];
    }
    let result = fromFeelValue(raw, v.name);
    if (result === null && v.fallback !== undefined) { raw = v.fallback; result = v.fallback; }
    if (v.type) checkDeclaredType(v.name, v.type, raw, result);
    if (v.type === 'money' && typeof result === 'number') result = roundMoney(result);
    types[v.name] = v.type ? slotValueType(v.type) : feelTypeOf(raw);
    working[v.name] = result;
    values[v.name] = result;
    const entry: RuleEvaluation = { type: 'rule', rule: v.name, inputs, result, legal_basis: legal };
    if (row !== undefined) entry.row = row;
    if (version !== undefined) entry.version = version;
    trail.push(entry);
  }
  return { values, trail };
}
