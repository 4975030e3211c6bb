/**
 * Finite candidate values for the inputs of a decision table: enough points that every
 * distinct region the cells can tell apart has one representative (each literal, its
 * neighbours, both booleans, every enum value, and one "any other" text).
 */
import type { ServiceDefinition, Slot } from '../../core/definition/schema';
import { definitionTypes, inferExpressionType } from '../../core/rules';
import type { ValueType } from '../../core/rules/types';

/** A text no cell mentions, standing for "any other value". */
export const OTHER_TEXT = '(anderer Wert)';

const DAY_SPREAD = [0, 1, 2, 3, 7, 8, 13, 14, 15, 29, 30, 31, 60, 90, 91, 92, 180, 183, 365, 366, 730, 1095, 3650, 5840, 6570, 8760, 36500];

export interface InputDomain {
  name: string;
  type: ValueType;
  /** For integer inputs: only whole numbers. */
  integer: boolean;
  values: unknown[];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** FEEL types of slots and values; undeclared derived values are inferred. */
export function inputTypes(def: ServiceDefinition): Record<string, ValueType> {
  const types = definitionTypes(def);
  for (const [name, v] of Object.entries(def.values ?? {})) {
    if (types[name]) continue;
    const expr = typeof v === 'string' ? v : v.expr;
    if (expr) {
      try {
        types[name] = inferExpressionType(expr, types).type;
      } catch {
        types[name] = 'any';
      }
    } else types[name] = 'any';
  }
  return types;
}

function isInteger(def: ServiceDefinition, name: string): boolean {
  const slot = def.slots[name];
  if (slot) return slot.type === 'integer';
  const v = def.values?.[name];
  if (v && typeof v === 'object' && v.type === 'integer') return true;
  // Ages and counts computed with .years are whole numbers.
  const expr = typeof v === 'string' ? v : v?.expr;
  return typeof expr === 'string' && /\.(years|months|days)\s*$/.test(expr.trim());
}

function numbersIn(cell: string): number[] {
  return [...cell.matchAll(/(?<![\w."])-?\d+(?:\.\d+)?(?![\w-])/g)].map((m) => Number(m[0]));
}

function stringsIn(cell: string): string[] {
  return [...cell.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

function datesIn(cell: string): string[] {
  return [...cell.matchAll(/date\(\s*"(\d{4}-\d{2}-\d{2})"\s*\)/g)].map((m) => m[1]);
}

/** Candidate values of one table input, from its type and the cells that test it. */
export function domainOf(def: ServiceDefinition, name: string, cells: (string | number | boolean)[], types: Record<string, ValueType>, today: string): InputDomain {
  const type = types[name] ?? 'any';
  const slot: Slot | undefined = def.slots[name];
  const integer = isInteger(def, name);
  const texts = cells.map((c) => String(c));
  if (type === 'boolean') return { name, type, integer, values: [true, false] };
  if (slot?.type === 'enum' && slot.values) return { name, type, integer, values: Object.keys(slot.values) };
  if (type === 'number') {
    const points = new Set<number>();
    const step = integer ? 1 : 0.01;
    for (const c of cells) {
      for (const n of typeof c === 'number' ? [c] : numbersIn(String(c))) {
        for (const p of [n - 1, n - step, n, n + step, n + 1]) points.add(Math.round(p * 100) / 100);
      }
    }
    if (points.size === 0) points.add(0);
    let values = [...points].filter((p) => !integer || Number.isInteger(p)).sort((a, b) => a - b);
    if (slot?.min !== undefined) values = values.filter((v) => v >= slot.min!);
    if (slot?.max !== undefined) values = values.filter((v) => v <= slot.max!);
    // Ages, counts and amounts computed by rules are not negative.
    if (!slot && integer) values = values.filter((v) => v >= 0);
    return { name, type, integer, values };
  }
  if (type === 'date') {
    const points = new Set<string>();
    for (const t of texts) for (const d of datesIn(t)) for (const k of [-1, 0, 1]) points.add(addDays(d, k));
    // Comparisons with today and today ± a duration: a spread of days around the reference date.
    for (const k of DAY_SPREAD) { points.add(addDays(today, k)); points.add(addDays(today, -k)); }
    return { name, type, integer, values: [...points].sort() };
  }
  const strings = new Set<string>();
  for (const t of texts) {
    for (const s of stringsIn(t)) strings.add(s);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.trim()) && !['true', 'false', 'null'].includes(t.trim())) strings.add(t.trim());
  }
  if (type === 'string') return { name, type, integer, values: [...strings, OTHER_TEXT] };
  // Unknown type: try what the cells suggest.
  const numbers = new Set<number>();
  for (const t of texts) for (const n of numbersIn(t)) for (const p of [n - 1, n, n + 1]) numbers.add(p);
  return { name, type, integer, values: [...strings, ...numbers, true, false] };
}
