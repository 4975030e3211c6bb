/**
 * Decision tables: hit policies unique, first and collect (with sum/min/max/count/list).
 * Cells are FEEL unary tests or literals; row ids default to r1, r2, ….
 */
import type { DecisionTable, LegalRef } from '../definition/schema';
import { RuleError, UniqueHitError } from './errors';
import { evaluateFeel, feelContext, unaryTestFeel, type EvalOptions } from './evaluate';
import { fromFeelValue, roundNumber } from './feel-values';
import { referencedNames } from './syntax';

type Cell = string | number | boolean;
type Row = DecisionTable['rows'][number];

/** What a table evaluation produced, for the value and the audit trail. */
export interface TableResult {
  /** The result in canonical form; null when no row matched (unique, first). */
  result: unknown;
  /** Matched row id (unique, first) or ids (collect); undefined when nothing matched. */
  row?: string | string[];
  /** Table inputs in canonical form. */
  inputs: Record<string, unknown>;
  /** Legal references of the matched rows. */
  legalBasis: string[];
}

const BARE_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FEEL_WORDS = ['true', 'false', 'null'];

/** The id of a row: its own id or r1, r2, … by position. */
export function rowId(row: Row, index: number): string {
  return row.id ?? `r${index + 1}`;
}

/** Text of a legal reference. */
export function legalRefText(ref: LegalRef): string {
  return typeof ref === 'string' ? ref : ref.ref;
}

/** Input names of a table, in order of first appearance. */
export function tableInputs(table: DecisionTable): string[] {
  const names: string[] = [];
  for (const row of table.rows) for (const key of Object.keys(row.when)) if (!names.includes(key)) names.push(key);
  return names;
}

/**
 * Whether a cell is a bare word meant as a string literal (`rasse: dogge` in YAML) rather than a
 * FEEL name: it is treated as a literal when no such name is in scope.
 */
function isBareLiteral(cell: string, ctx: Record<string, unknown>): boolean {
  return BARE_WORD.test(cell) && !FEEL_WORDS.includes(cell) && !(cell in ctx);
}

/** Names a table reads: its inputs and names used inside cells. */
export function tableReferencedNames(table: DecisionTable, known: (name: string) => boolean = () => true): string[] {
  const names: string[] = [];
  const add = (n: string): void => { if (!names.includes(n)) names.push(n); };
  for (const key of tableInputs(table)) referencedNames(key).forEach(add);
  for (const row of table.rows) {
    for (const cell of Object.values(row.when)) {
      if (typeof cell !== 'string' || cell.trim() === '-') continue;
      if (BARE_WORD.test(cell.trim()) && !known(cell.trim())) continue;
      referencedNames(cell, { kind: 'unaryTest' }).forEach(add);
    }
  }
  return names;
}

function cellMatches(cell: Cell, input: unknown, ctx: Record<string, unknown>, rule: string): boolean {
  if (typeof cell === 'number') return typeof input === 'number' && roundNumber(input) === roundNumber(cell);
  if (typeof cell === 'boolean') return input === cell;
  const text = cell.trim();
  if (text === '-' || text === '') return true;
  if (isBareLiteral(text, ctx)) return input === text;
  return unaryTestFeel(text, input, ctx, rule);
}

function aggregate(rule: string, table: DecisionTable, results: Row['then'][]): unknown {
  const numbers = (): number[] => results.map((r) => {
    if (typeof r !== 'number') {
      throw new RuleError('bad_table', `decision table of ${rule}: aggregate ${table.aggregate} needs numbers in "then", but one row yields ${JSON.stringify(r)}`, { rule });
    }
    return r;
  });
  switch (table.aggregate) {
    case 'sum': return results.length === 0 ? null : roundNumber(numbers().reduce((a, b) => a + b, 0));
    case 'min': return results.length === 0 ? null : Math.min(...numbers());
    case 'max': return results.length === 0 ? null : Math.max(...numbers());
    case 'count': return results.length;
    default: return results;
  }
}

/**
 * Evaluates a decision table against a FEEL context (see `feelContext`). Inputs are the `when`
 * keys, evaluated as FEEL (a name or a path such as `termin.ort`).
 */
export function evaluateTable(rule: string, table: DecisionTable, ctx: Record<string, unknown>): TableResult {
  if (table.aggregate && table.hit !== 'collect') {
    throw new RuleError('bad_table', `decision table of ${rule}: aggregate ${table.aggregate} only works with hit: collect; remove it or change the hit policy`, { rule });
  }
  const inputNames = tableInputs(table);
  const feelInputs: Record<string, unknown> = {};
  const inputs: Record<string, unknown> = {};
  for (const name of inputNames) {
    feelInputs[name] = evaluateFeel(name, ctx, rule);
    inputs[name] = fromFeelValue(feelInputs[name], name);
  }
  const matched: { id: string; row: Row }[] = [];
  table.rows.forEach((row, i) => {
    const ok = Object.entries(row.when).every(([name, cell]) => cellMatches(cell, feelInputs[name], ctx, `${rule}, row ${rowId(row, i)}`));
    if (ok) matched.push({ id: rowId(row, i), row });
  });
  const legal = (rows: { row: Row }[]): string[] => rows.flatMap(({ row }) => (row.legal_basis ? [legalRefText(row.legal_basis)] : []));

  if (table.hit === 'collect') {
    return { result: aggregate(rule, table, matched.map((m) => m.row.then)), row: matched.map((m) => m.id), inputs, legalBasis: legal(matched) };
  }
  if (table.hit === 'unique' && matched.length > 1) throw new UniqueHitError(rule, matched.map((m) => m.id), inputs);
  const hit = matched[0];
  if (!hit) return { result: null, inputs, legalBasis: [] };
  return { result: hit.row.then, row: hit.id, inputs, legalBasis: legal([hit]) };
}

/** Evaluates a decision table over a canonical scope (see {@link evaluateTable} for the semantics). */
export function evaluateDecisionTable(rule: string, table: DecisionTable, scope: Record<string, unknown>, opts: EvalOptions): TableResult {
  return evaluateTable(rule, table, feelContext(scope, opts));
}
