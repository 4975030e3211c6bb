/** Rules of the language zod cannot express: enum values, effective dating, value bodies, cycles, step ids. */
import { referencedNames } from '../rules';
import { entriesOf, flowSteps, isObject, tableRows, valueBodies } from './raw-access';
import type { Reporter } from './report';

/** True for a real calendar date YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

export function checkStructure(raw: unknown, r: Reporter): void {
  const root = isObject(raw) ? raw : {};
  checkSlots(root, r);
  checkValues(root, r);
  checkCycles(raw, r);
  const ids = new Set<string>();
  for (const { step, path } of flowSteps(raw)) {
    if (typeof step.id !== 'string') continue;
    if (ids.has(step.id)) r.add('duplicate_step_id', { id: step.id }, [...path, 'id']);
    ids.add(step.id);
  }
  if (typeof root.version === 'number') {
    const written = r.src.rawText(['version']);
    if (written !== undefined && written !== String(root.version)) {
      r.add('version_number', { raw: written, value: root.version }, ['version'], 'value', { severity: 'warning' });
    }
  }
}

const NUMERIC = ['integer', 'number', 'money'];

function checkSlots(root: Record<string, unknown>, r: Reporter): void {
  for (const [name, slot] of entriesOf(root.slots)) {
    if (!isObject(slot)) continue;
    if (slot.type === 'enum' && (!isObject(slot.values) || Object.keys(slot.values).length === 0)) {
      r.add('enum_without_values', {}, ['slots', name], 'key');
    }
    if (slot.values !== undefined && typeof slot.type === 'string' && slot.type !== 'enum') {
      r.add('values_on_non_enum', { type: slot.type }, ['slots', name, 'values'], 'key');
    }
    if (typeof slot.type === 'string') {
      for (const key of ['min', 'max'] as const) {
        if (slot[key] !== undefined && !NUMERIC.includes(slot.type)) r.add('option_not_for_type', { key, type: slot.type, types: NUMERIC }, ['slots', name, key], 'key', { severity: 'warning' });
      }
      for (const key of ['min_length', 'max_length', 'pattern'] as const) {
        if (slot[key] !== undefined && slot.type !== 'text') r.add('option_not_for_type', { key, type: slot.type, types: ['text'] }, ['slots', name, key], 'key', { severity: 'warning' });
      }
    }
    if (typeof slot.pattern === 'string') {
      try {
        new RegExp(slot.pattern);
      } catch (e) {
        r.add('invalid_pattern', { detail: (e as Error).message.replace(/^Invalid regular expression: /, '') }, ['slots', name, 'pattern']);
      }
    }
  }
}

function checkValues(root: Record<string, unknown>, r: Reporter): void {
  for (const [name, v] of entriesOf(root.values)) {
    if (!isObject(v)) continue;
    const found = ['expr', 'table', 'valid_from'].filter((k) => v[k] !== undefined);
    if (found.length !== 1) r.add('value_body', { found: found.length ? found : undefined }, ['values', name], 'key');
    let previous: string | undefined;
    for (const [date] of entriesOf(v.valid_from)) {
      const path = ['values', name, 'valid_from', date];
      if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !isCalendarDate(date)) r.add('valid_from_date', { date }, path, 'key');
      if (previous !== undefined && date <= previous) r.add('valid_from_order', { date, previous }, path, 'key');
      previous = date;
    }
  }
  for (const b of valueBodies(root)) {
    if (b.table && b.table.aggregate !== undefined && b.table.hit !== 'collect') r.add('aggregate_without_collect', {}, [...b.path, 'aggregate'], 'key');
    if (b.table) checkRowResults(b.table, b.path, r);
  }
}

/**
 * Results of one table must share a type. The typical slip is a German decimal comma
 * (`then: "46,00"`), which YAML reads as text, so a fee would silently become a string.
 */
function checkRowResults(table: Record<string, unknown>, path: (string | number)[], r: Reporter): void {
  const rows = tableRows(table, path);
  const numeric = rows.filter(({ row }) => typeof row.then === 'number').length;
  if (numeric === 0) return;
  for (const { row, path: rowPath } of rows) {
    if (typeof row.then !== 'string') continue;
    const asNumber = row.then.trim().replace(/\./g, '').replace(',', '.');
    const suggestion = /^-?\d+(\.\d+)?$/.test(asNumber) ? asNumber : undefined;
    r.add('mixed_row_results', { text: row.then, suggestion }, [...rowPath, 'then'], 'value');
  }
}

/** Which derived values each value reads (by FEEL and by table columns). */
function valueDependencies(raw: unknown): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>();
  const values = new Set(entriesOf(isObject(raw) ? raw.values : undefined).map(([k]) => k));
  for (const name of values) deps.set(name, new Set());
  for (const b of valueBodies(raw)) {
    const add = (n: string): void => { if (values.has(n)) deps.get(b.name)!.add(n); };
    if (b.expr !== undefined) referencedNames(b.expr).forEach(add);
    if (b.table) for (const { row } of tableRows(b.table, [])) {
      for (const [input, test] of entriesOf(row.when)) {
        add(input);
        if (typeof test === 'string') referencedNames(test, { kind: 'unaryTest' }).forEach(add);
      }
    }
  }
  return deps;
}

function checkCycles(raw: unknown, r: Reporter): void {
  const deps = valueDependencies(raw);
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      const key = [...new Set(cycle)].sort().join('|');
      if (!reported.has(key)) {
        reported.add(key);
        r.add('cyclic_value', { cycle: cycle.join(' → ') }, ['values', cycle[0]], 'key');
      }
      return;
    }
    state.set(n, 'open');
    stack.push(n);
    for (const d of deps.get(n) ?? []) visit(d);
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of deps.keys()) visit(n);
}
