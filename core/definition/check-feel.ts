/** FEEL in a definition: syntax, names it reads, and types, each positioned inside the YAML string. */
import { checkFeelSyntax, inferExpressionType, referencedNames, slotValueType } from '../rules';
import type { ValueType } from '../rules/types';
import { SLOT_TYPES, type SlotType } from './schema';
import { allNames, declaredNames, entriesOf, flowSteps, isObject, tableRows, valueBodies, type Names, type Path } from './raw-access';
import { parseTemplate, templateParts } from '../template';
import { templateTexts } from './check-references';
import type { Reporter } from './report';
import { didYouMean } from './suggest';

type Role = 'condition' | 'value' | 'input' | 'test';
interface Site { path: Path; expr: string; kind: 'expression' | 'unaryTest'; role: Role; value?: string; offset?: number }

/** Every FEEL text of the definition, with what it is used for. */
export function feelSites(raw: unknown): Site[] {
  const sites: Site[] = [];
  const r = isObject(raw) ? raw : {};
  for (const [name, slot] of entriesOf(r.slots)) {
    if (!isObject(slot)) continue;
    if (typeof slot.when === 'string') sites.push({ path: ['slots', name, 'when'], expr: slot.when, kind: 'expression', role: 'condition' });
    if (typeof slot.valid === 'string') sites.push({ path: ['slots', name, 'valid'], expr: slot.valid, kind: 'expression', role: 'condition' });
    if (Array.isArray(slot.valid)) slot.valid.forEach((v, i) => {
      if (isObject(v) && typeof v.rule === 'string') sites.push({ path: ['slots', name, 'valid', i, 'rule'], expr: v.rule, kind: 'expression', role: 'condition' });
    });
  }
  for (const b of valueBodies(raw)) {
    if (b.expr !== undefined) sites.push({ path: b.path, expr: b.expr, kind: 'expression', role: 'value', value: b.name });
    if (b.table) for (const { row, path } of tableRows(b.table, b.path)) {
      for (const [input, test] of entriesOf(row.when)) {
        if (typeof test === 'string') sites.push({ path: [...path, 'when', input], expr: test, kind: 'unaryTest', role: 'test', value: b.name });
      }
    }
  }
  for (const { step, path } of flowSteps(raw)) {
    if (typeof step.if === 'string') sites.push({ path: [...path, 'if'], expr: step.if, kind: 'expression', role: 'condition' });
    for (const [k, e] of entriesOf(step.with)) if (typeof e === 'string') sites.push({ path: [...path, 'with', k], expr: e, kind: 'expression', role: 'input' });
  }
  // Conditions of {if …} in citizen-facing texts.
  for (const { text, path } of templateTexts(raw)) {
    const parsed = parseTemplate(text);
    if (!parsed.ok) continue;
    for (const c of templateParts(parsed.nodes).conditions) {
      sites.push({ path, expr: c.cond, kind: 'expression', role: 'condition', offset: text.indexOf(c.cond, c.at) });
    }
  }
  return sites;
}

const isSlotType = (t: unknown): t is SlotType => typeof t === 'string' && (SLOT_TYPES as readonly string[]).includes(t);

/** Literal type of a decision table's results, if all rows agree. */
function tableType(table: Record<string, unknown>): ValueType {
  const types = new Set(tableRows(table, []).map(({ row }) => typeof row.then));
  if (types.size !== 1) return 'any';
  const t = [...types][0];
  return t === 'number' ? 'number' : t === 'string' ? 'string' : t === 'boolean' ? 'boolean' : 'any';
}

/** Static types of every name: slots by their type, values by declaration or inference, action results unknown. */
export function typeEnvironment(raw: unknown, names: Names): Record<string, ValueType> {
  const env: Record<string, ValueType> = { today: 'date' };
  for (const r of names.results) env[r] = 'any';
  for (const v of names.values) env[v] = 'any';
  for (const [name, type] of names.slots) env[name] = isSlotType(type) ? slotValueType(type) : 'any';
  for (const [name, slot] of entriesOf(isObject(raw) ? raw.slots : undefined)) if (isObject(slot) && slot.many === true) env[name] = 'list';
  const declared = new Map<string, ValueType>();
  for (const [name, v] of entriesOf(isObject(raw) ? raw.values : undefined)) {
    if (isObject(v) && isSlotType(v.type)) declared.set(name, slotValueType(v.type));
  }
  const bodies = valueBodies(raw);
  // A few passes settle values that depend on other values, whatever their order in the file.
  for (let pass = 0; pass < 4; pass++) {
    for (const b of bodies) {
      if (declared.has(b.name)) { env[b.name] = declared.get(b.name)!; continue; }
      let t: ValueType = 'any';
      if (b.expr !== undefined && checkFeelSyntax(b.expr, 'expression').every((p) => p.code !== 'feel_syntax')) t = inferExpressionType(b.expr, env).type;
      else if (b.table) t = tableType(b.table);
      else if (typeof b.literal === 'number') t = 'number';
      else if (typeof b.literal === 'boolean') t = 'boolean';
      if (t !== 'any') env[b.name] = t;
    }
  }
  return env;
}

/** Index of a whole-word occurrence of `name` in `expr` (0 if not found). */
function indexOfName(expr: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|[^A-Za-z0-9_"])(${escaped})(?![A-Za-z0-9_])`).exec(expr);
  return m ? m.index + m[1].length : 0;
}

/** A concrete way out for the common mix-ups of dates and numbers. */
function typeFix(message: string, lang: string): string | undefined {
  if (!/\ba date\b/.test(message) || !/\ba number\b/.test(message)) return undefined;
  const de = lang === 'de';
  if (/cannot compare/.test(message)) {
    return de
      ? 'Vergleichen Sie mit einem Datum, z. B. date("2008-01-01"), oder berechnen Sie erst das Alter: years and months duration(geburtsdatum, today).years'
      : 'compare it with a date, e.g. date("2008-01-01"), or compute an age first: years and months duration(geburtsdatum, today).years';
  }
  if (/cannot (add|subtract)/.test(message)) {
    return de ? 'Rechnen Sie mit einer Dauer, z. B. datum + duration("P14D") für 14 Tage' : 'add or subtract a duration, e.g. datum + duration("P14D") for 14 days';
  }
  return undefined;
}

/** Checks syntax, references and types of every FEEL text. */
export function checkFeel(raw: unknown, r: Reporter): void {
  const names = declaredNames(raw);
  const known = new Set([...allNames(names), 'today']);
  const env = typeEnvironment(raw, names);
  for (const site of feelSites(raw)) {
    const off = site.offset ?? 0;
    const syntax = checkFeelSyntax(site.expr, site.kind);
    for (const p of syntax) {
      const key = p.code === 'feel_syntax' ? 'feel_syntax' : 'feel_rule';
      r.add(key, { detail: p.message }, site.path, { char: off + p.col }, { code: p.code });
    }
    if (syntax.some((p) => p.code === 'feel_syntax')) continue;
    const column = site.kind === 'unaryTest' ? String(site.path[site.path.length - 1]) : undefined;
    const bareCell = column !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(site.expr.trim());
    for (const name of referencedNames(site.expr, { kind: site.kind })) {
      if (known.has(name) || name === '?') continue;
      // A bare word in an enum column is that value (or, if it is none, checkEnumCells says which ones exist).
      if (bareCell && column !== undefined && enumValues(names, raw, column)) continue;
      const suggestion = didYouMean(name, known);
      r.add('unknown_name', { name, suggestion, quoteHint: !suggestion, ...(bareCell && !suggestion ? { cell: column } : {}) }, site.path, { char: off + indexOfName(site.expr, name) });
    }
    if (site.kind === 'unaryTest') {
      checkCellType(site.expr, site.path, env, r);
      continue;
    }
    const inferred = inferExpressionType(site.expr, env);
    for (const p of inferred.problems) r.add('type_mismatch', { detail: p.message, fix: typeFix(p.message, r.lang) }, site.path, { char: off + p.col }, { code: 'type_mismatch' });
    if (site.role === 'condition' && inferred.problems.length === 0 && inferred.type !== 'boolean' && inferred.type !== 'any' && inferred.type !== 'null') {
      r.add('condition_not_boolean', { type: inferred.type }, site.path, site.offset !== undefined ? { char: off } : 'value');
    }
    checkEnumLiterals(site, names, raw, r);
  }
  checkDeclaredTypes(raw, env, r);
  checkEnumCells(raw, names, r);
}

/**
 * A table cell is a test on its column's input: `>= 3` on a number, `"rottweiler"` on an enum.
 * Rewritten as the comparison it stands for, the expression checker finds a date test on a
 * number column, a text on a number column, and the like.
 */
function checkCellType(test: string, path: (string | number)[], env: Record<string, ValueType>, r: Reporter): void {
  const input = String(path[path.length - 1]);
  if (!(input in env) || env[input] === 'any') return;
  const t = test.trim();
  let expr: string | undefined;
  const cmp = /^(<=|>=|<|>|!=|=)\s*(.+)$/.exec(t);
  const range = /^[[(\]]\s*(.+?)\s*\.\.\s*(.+?)\s*[\])[]$/.exec(t);
  if (cmp) expr = `${input} ${cmp[1]} ${cmp[2]}`;
  else if (range) expr = `${input} >= ${range[1]} and ${input} <= ${range[2]}`;
  else if (t !== '-' && !/^not\s*\(/.test(t) && !t.includes(',')) expr = `${input} = ${t}`;
  if (!expr) return;
  for (const p of inferExpressionType(expr, env).problems) {
    r.add('type_mismatch', { detail: `the test "${t}" on \`${input}\`: ${p.message.replace(/ at column \d+/, '')}`, fix: typeFix(p.message, r.lang) }, path, { char: 0 }, { code: 'type_mismatch' });
  }
}

/** Allowed values of an enum slot, or undefined for other names. */
function enumValues(names: Names, raw: unknown, name: string): string[] | undefined {
  const slot = isObject(raw) && isObject(raw.slots) ? raw.slots[name] : undefined;
  if (!isObject(slot) || slot.type !== 'enum' || !isObject(slot.values)) return undefined;
  return names.slots.has(name) ? Object.keys(slot.values) : undefined;
}

/**
 * `anlass = "verlsut"` compares an enum slot with a value it can never have: the condition is
 * silently always false. Finds `name = "x"`, `name != "x"`, `"x" = name` and `name in ["x", …]`.
 */
function checkEnumLiterals(site: Site, names: Names, raw: unknown, r: Reporter): void {
  const off = site.offset ?? 0;
  const report = (name: string, value: string, index: number): void => {
    const allowed = enumValues(names, raw, name);
    if (!allowed || allowed.includes(value)) return;
    r.add('unknown_enum_value', { name, value, allowed, suggestion: didYouMean(value, allowed) }, site.path, { char: off + index });
  };
  const e = site.expr;
  for (const m of e.matchAll(/\b([a-z][a-z0-9_]*)\s*(?:!=|=)\s*"([^"]*)"/g)) report(m[1], m[2], (m.index ?? 0) + m[0].indexOf('"'));
  for (const m of e.matchAll(/"([^"]*)"\s*(?:!=|=)\s*([a-z][a-z0-9_]*)\b/g)) report(m[2], m[1], m.index ?? 0);
  for (const m of e.matchAll(/\b([a-z][a-z0-9_]*)\s+in\s*[[(]([^\])]*)[\])]/g)) {
    for (const v of m[2].matchAll(/"([^"]*)"/g)) report(m[1], v[1], (m.index ?? 0) + m[0].indexOf(v[0]));
  }
  for (const m of e.matchAll(/list contains\(\s*([a-z][a-z0-9_]*)\s*,\s*"([^"]*)"\s*\)/g)) report(m[1], m[2], (m.index ?? 0) + m[0].lastIndexOf('"' + m[2]));
}

/**
 * Enum columns of decision tables: a cell naming a value the slot does not have, or a number or
 * yes/no where the column holds enum values, never matches.
 */
function checkEnumCells(raw: unknown, names: Names, r: Reporter): void {
  for (const b of valueBodies(raw)) {
    if (!b.table) continue;
    for (const { row, path } of tableRows(b.table, b.path)) {
      for (const [input, cell] of entriesOf(row.when)) {
        const allowed = enumValues(names, raw, input);
        if (!allowed) continue;
        const cellPath = [...path, 'when', input];
        if (typeof cell === 'number' || typeof cell === 'boolean') {
          r.add('enum_cell_type', { name: input, got: String(cell), allowed, example: allowed[0] }, cellPath);
          continue;
        }
        if (typeof cell !== 'string') continue;
        const t = cell.trim();
        if (t === '-' || t === '') continue;
        const literals = /^[a-z][a-z0-9_]*$/.test(t) ? [t] : [...t.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
        for (const v of literals) {
          if (!allowed.includes(v)) r.add('unknown_enum_value', { name: input, value: v, allowed, suggestion: didYouMean(v, allowed) }, cellPath, { char: Math.max(0, t.indexOf(v)) });
        }
      }
    }
  }
}

const NUMERIC_TYPES = new Set(['integer', 'number', 'money']);

function checkDeclaredTypes(raw: unknown, env: Record<string, ValueType>, r: Reporter): void {
  for (const b of valueBodies(raw)) {
    const v = isObject(raw) && isObject(raw.values) ? raw.values[b.name] : undefined;
    if (isObject(v) && isSlotType(v.type) && b.table && NUMERIC_TYPES.has(v.type)) {
      for (const { row, path } of tableRows(b.table, b.path)) {
        if (typeof row.then === 'boolean') r.add('declared_type_mismatch', { declared: v.type, type: 'boolean' }, [...path, 'then']);
      }
    }
    if (!isObject(v) || !isSlotType(v.type) || b.expr === undefined) continue;
    if (checkFeelSyntax(b.expr, 'expression').some((p) => p.code === 'feel_syntax')) continue;
    const t = inferExpressionType(b.expr, env).type;
    const declared = slotValueType(v.type);
    if (t !== 'any' && t !== 'null' && t !== declared) r.add('declared_type_mismatch', { declared: v.type, type: t }, b.path);
  }
}
