/**
 * Decision tables: gaps (an input no row covers) in every table, and overlaps (an input two rows
 * cover) under hit policy `unique`, each shown with a concrete counterexample input.
 */
import type { DecisionTable, ServiceDefinition } from '../../core/definition/schema';
import { evaluateUnaryTest, normalizeValue, rowId, roundNumber, tableInputs } from '../../core/rules';
import type { ValueType } from '../../core/rules/types';
import { domainOf, inputTypes, type InputDomain } from './domains';
import { report, type VerifyContext } from './problem';

/** Largest number of input combinations checked per table. */
const MAX_COMBINATIONS = 20000;
const BARE_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface TableRef { value: string; version?: string; table: DecisionTable; path: (string | number)[] }

/** Every decision table of a definition, with its YAML path. */
export function tablesOf(def: ServiceDefinition): TableRef[] {
  const out: TableRef[] = [];
  for (const [name, raw] of Object.entries(def.values ?? {})) {
    let v;
    try {
      v = normalizeValue(name, raw);
    } catch {
      continue; // reported by validate
    }
    if (v.versions) {
      for (const [date, body] of Object.entries(v.versions)) {
        if (typeof body === 'object' && 'table' in body) out.push({ value: name, version: date, table: body.table, path: ['values', name, 'valid_from', date, 'table'] });
      }
    } else if (v.body && typeof v.body === 'object' && 'table' in v.body) {
      out.push({ value: name, table: v.body.table, path: ['values', name, 'table'] });
    }
  }
  return out;
}

function cellMatches(cell: string | number | boolean, input: unknown, scope: Record<string, unknown>, types: Record<string, ValueType>, inputType: ValueType, today: string): boolean {
  if (typeof cell === 'number') return typeof input === 'number' && roundNumber(input) === roundNumber(cell);
  if (typeof cell === 'boolean') return input === cell;
  const text = cell.trim();
  if (text === '-' || text === '') return true;
  if (BARE_WORD.test(text) && !['true', 'false', 'null'].includes(text) && !(text in types)) return input === text;
  try {
    return evaluateUnaryTest(text, input, scope, { today, types, inputType });
  } catch {
    return false;
  }
}

/** Row ids matching one input combination. */
export function matchingRows(t: TableRef, combo: Record<string, unknown>, types: Record<string, ValueType>, today: string): string[] {
  const ids: string[] = [];
  t.table.rows.forEach((row, i) => {
    const ok = Object.entries(row.when).every(([name, cell]) => cellMatches(cell, combo[name], combo, types, types[name] ?? 'any', today));
    if (ok) ids.push(rowId(row, i));
  });
  return ids;
}

/** The candidate domains of a table's inputs. */
export function tableDomains(def: ServiceDefinition, t: TableRef, types: Record<string, ValueType>, today: string): InputDomain[] {
  return tableInputs(t.table).map((name) => domainOf(def, name, t.table.rows.map((r) => r.when[name]).filter((c) => c !== undefined), types, today));
}

/** All combinations of the domains (cartesian product), at most `limit`. */
export function combinations(domains: InputDomain[], limit = MAX_COMBINATIONS): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const d of domains) {
    const next: Record<string, unknown>[] = [];
    for (const partial of out) {
      for (const v of d.values) {
        if (next.length >= limit) break;
        next.push({ ...partial, [d.name]: v });
      }
    }
    out = next;
  }
  return out;
}

export function describeCombo(combo: Record<string, unknown>): string {
  return Object.entries(combo).map(([k, v]) => `${k} = ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`).join(', ');
}

function tableName(t: TableRef, lang: 'en' | 'de' = 'en'): string {
  if (lang === 'de') return `die Entscheidungstabelle von ${t.value}${t.version ? ` (gültig ab ${t.version})` : ''}`;
  return `decision table of ${t.value}${t.version ? ` (valid from ${t.version})` : ''}`;
}

/** Checks every table for gaps and (under unique) overlaps. */
export function checkTables(def: ServiceDefinition, ctx: VerifyContext, today: string): void {
  const types = inputTypes(def);
  for (const t of tablesOf(def)) {
    const combos = combinations(tableDomains(def, t, types, t.version ?? today));
    const gaps: Record<string, unknown>[] = [];
    const overlaps = new Map<string, Record<string, unknown>>();
    for (const combo of combos) {
      const rows = matchingRows(t, combo, types, t.version ?? today);
      if (rows.length === 0) gaps.push(combo);
      if (t.table.hit === 'unique' && rows.length > 1) {
        const key = rows.join(' and ');
        if (!overlaps.has(key)) overlaps.set(key, combo);
      }
    }
    if (gaps.length > 0 && t.table.hit !== 'collect') {
      const more = gaps.length > 1 ? ` (and ${gaps.length - 1} more input combination${gaps.length > 2 ? 's' : ''}, e.g. ${describeCombo(gaps[gaps.length - 1])})` : '';
      report(ctx, 'table_gap', 'error', [...t.path, 'rows'],
        `${tableName(t)} has a gap: ${describeCombo(gaps[0])} is covered by no row${more}`,
        'add a row for these inputs, or widen a cell (e.g. ">= 24" instead of "> 24"); without a match the value stays empty',
        [`${tableName(t, 'de')} hat eine Lücke: ${describeCombo(gaps[0])} wird von keiner Zeile abgedeckt${gaps.length > 1 ? ` (und ${gaps.length - 1} weitere Eingaben)` : ''}`,
          'ergänzen Sie eine Zeile für diese Eingaben oder erweitern Sie eine Zelle (z. B. ">= 24" statt "> 24"); ohne Treffer bleibt der Wert leer']);
    }
    for (const [rows, combo] of overlaps) {
      report(ctx, 'table_overlap', 'error', [...t.path, 'rows'],
        `${tableName(t)} has hit policy unique, but rows ${rows} both match ${describeCombo(combo)}`,
        'make the cells exclusive (e.g. "< 24" and ">= 24"), or use hit: first if the order decides',
        [`${tableName(t, 'de')} hat hit: unique, aber die Zeilen ${rows.replace(' and ', ' und ')} treffen beide bei ${describeCombo(combo)} zu`,
          'machen Sie die Zellen überschneidungsfrei (z. B. "< 24" und ">= 24"), oder nehmen Sie hit: first, wenn die Reihenfolge entscheidet']);
    }
  }
}
