/**
 * A fast path for the FEEL shapes rules use most: comparisons and and/or/not (`alter < 16`,
 * `anlass = "verlust"`, `gefaehrlich = true or gross = true`), number arithmetic, if-then-else,
 * dates with `date("…")` and `± duration("P90D")`, the age rule
 * `years and months duration(geburtsdatum, today).years`, and table cells such as `>= 24` or
 * `"dogge"`. feelin parses the text and rebuilds its interpreter on every call (hundreds of µs,
 * milliseconds for the age rule); this parses a text once and evaluates it in about a microsecond.
 *
 * It gives feelin's exact result or {@link UNSUPPORTED}, and the caller then asks feelin. Only
 * operand types whose results were checked against feelin take the fast path (numbers, strings,
 * booleans, plain dates, null); everything else (mixed types, lists, paths, other calls, names
 * that could contain spaces, month-end dates in the age rule) falls back, so errors and warnings
 * stay feelin's. `fast-feel.test.ts` compares both on thousands of generated inputs.
 */
import { FeelDate } from 'feelin';
import { compiledExpr, compiledTest, daysIn, ISO_DATE, pad, type ArithOp, type CmpOp, type Node } from './fast-feel-parse';
import { sharedDate } from './feel-values';

/** Marker: the fast path does not cover this expression or these operand types. */
export const UNSUPPORTED: unique symbol = Symbol('feel-unsupported');
type Unsupported = typeof UNSUPPORTED;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A FEEL value the fast path understands: dates are carried as their ISO text. */
type Val =
  | { t: 'null' } | { t: 'number'; v: number } | { t: 'string'; v: string } | { t: 'boolean'; v: boolean }
  | { t: 'date'; v: string; raw?: unknown }
  | { t: 'duration'; years: number; months: number; days: number };

/**
 * A plain date plus or minus a duration, as Temporal's PlainDate.add does it: years and months
 * first with the day clamped to the month's end (2024-02-29 - P5Y = 2019-02-28), or whole days.
 */
function shiftDate(iso: string, sign: 1 | -1, d: { years: number; months: number; days: number }): string | Unsupported {
  const [y, m, day] = iso.split('-').map(Number);
  let year = y;
  let month = m;
  let dd = day;
  if (d.days !== 0) {
    // Date.UTC is calendar arithmetic on the proleptic Gregorian calendar; it reads no clock.
    const ms = Date.UTC(y, m - 1, day + sign * d.days);
    const at = new Date(ms);
    year = at.getUTCFullYear();
    month = at.getUTCMonth() + 1;
    dd = at.getUTCDate();
    if (y < 100 || year < 100) return UNSUPPORTED; // Date.UTC maps years 0-99 to 1900-1999
  } else {
    const total = y * 12 + (m - 1) + sign * (d.years * 12 + d.months);
    year = Math.floor(total / 12);
    month = (total % 12) + 1;
    dd = Math.min(day, daysIn(year, month));
  }
  if (year < 1 || year > 9999) return UNSUPPORTED;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dd, 2)}`;
}

const NULL: Val = { t: 'null' };
const hasOwn = Object.prototype.hasOwnProperty;

function classify(value: unknown): Val | Unsupported {
  if (value === null) return NULL;
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? { t: 'number', v: value } : UNSUPPORTED;
    case 'string': return { t: 'string', v: value };
    case 'boolean': return { t: 'boolean', v: value };
    default:
      if (value instanceof FeelDate && Object.getPrototypeOf(value) === FeelDate.prototype && ISO_DATE.test(value.iso)) return { t: 'date', v: value.iso, raw: value };
      return UNSUPPORTED;
  }
}

function temporal(op: ArithOp, a: Val, b: Val): Val | Unsupported {
  if ((op === '+' || op === '-') && a.t === 'date' && b.t === 'duration') {
    const iso = shiftDate(a.v, op === '+' ? 1 : -1, b);
    return iso === UNSUPPORTED ? iso : { t: 'date', v: iso };
  }
  if (op === '+' || op === '-') {
    // null with a date or a duration propagates null; other mixes are feelin's to judge.
    const temporalOrNull = (x: Val): boolean => x.t === 'null' || x.t === 'date' || x.t === 'duration';
    if ((a.t === 'null' || b.t === 'null') && temporalOrNull(a) && temporalOrNull(b)) return NULL;
  }
  return UNSUPPORTED;
}

/**
 * Whole months from one date to a later one. Only days of month up to 28:
 * later days involve Temporal's month-end clamping, which stays feelin's to decide.
 */
function wholeMonths(fromIso: string, toIso: string): number | Unsupported {
  const [y1, m1, d1] = fromIso.split('-').map(Number);
  const [y2, m2, d2] = toIso.split('-').map(Number);
  if (d1 > 28 || d2 > 28) return UNSUPPORTED;
  const diff = (y2 * 12 + m2) - (y1 * 12 + m1);
  // Backwards, Temporal counts differently (2026-08-13 to 2026-01-14 is -P7M); feelin decides.
  if (fromIso > toIso || y1 < 100) return UNSUPPORTED;
  const months = d2 < d1 ? diff - 1 : diff;
  // feelin folds leftover days into a month when they reach a month's length (2026-02-20 to
  // 2026-04-19 is P2M2D there); with fewer than 28 days left over that cannot happen.
  const leftover = (Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1 + months, d1)) / 86400000;
  return leftover >= 0 && leftover < 28 ? months : UNSUPPORTED;
}

function literal(v: number | string | boolean | null): Val {
  if (v === null) return NULL;
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'string') return { t: 'string', v };
  return { t: 'boolean', v };
}

const ORDERABLE = new Set(['number', 'string', 'date']);

/** Number arithmetic as feelin does it (plain doubles); null in, null out; x / 0 is null. */
function arith(op: ArithOp, a: Val, b: Val): Val | Unsupported {
  if (a.t === 'date' || b.t === 'date' || a.t === 'duration' || b.t === 'duration') return temporal(op, a, b);
  if ((a.t !== 'number' && a.t !== 'null') || (b.t !== 'number' && b.t !== 'null')) return UNSUPPORTED;
  if (a.t === 'null' || b.t === 'null') return NULL;
  const x = (a as { v: number }).v;
  const y = (b as { v: number }).v;
  const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : y === 0 ? null : x / y;
  return r === null ? NULL : Number.isFinite(r) ? { t: 'number', v: r } : UNSUPPORTED;
}

function compare(op: CmpOp, a: Val, b: Val): Val | Unsupported {
  if (a.t === 'duration' || b.t === 'duration') return UNSUPPORTED;
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (a.t === 'null' || b.t === 'null') eq = a.t === b.t;
    else if (a.t !== b.t) return UNSUPPORTED;
    else eq = (a as { v: unknown }).v === (b as { v: unknown }).v;
    return { t: 'boolean', v: op === '=' ? eq : !eq };
  }
  if (a.t === 'null' || b.t === 'null') {
    // feelin answers null for an ordering with null, but fails on booleans; those fall back.
    return (a.t === 'null' || ORDERABLE.has(a.t)) && (b.t === 'null' || ORDERABLE.has(b.t)) ? NULL : UNSUPPORTED;
  }
  if (a.t !== b.t || !ORDERABLE.has(a.t)) return UNSUPPORTED;
  const x = (a as { v: number | string }).v;
  const y = (b as { v: number | string }).v;
  const r = op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  return { t: 'boolean', v: r };
}

/** FEEL's three-valued logic; a non-boolean operand falls back (feelin's own rules apply). */
function logic(kind: 'and' | 'or', a: Val, b: Val): Val | Unsupported {
  if ((a.t !== 'boolean' && a.t !== 'null') || (b.t !== 'boolean' && b.t !== 'null')) return UNSUPPORTED;
  const av = a.t === 'boolean' ? a.v : null;
  const bv = b.t === 'boolean' ? b.v : null;
  if (kind === 'and') {
    if (av === false || bv === false) return { t: 'boolean', v: false };
    return av === true && bv === true ? { t: 'boolean', v: true } : NULL;
  }
  if (av === true || bv === true) return { t: 'boolean', v: true };
  return av === false && bv === false ? { t: 'boolean', v: false } : NULL;
}

function evalNode(node: Node, ctx: Record<string, unknown>): Val | Unsupported {
  switch (node.k) {
    case 'lit': return literal(node.v);
    case 'date': return { t: 'date', v: node.iso };
    case 'ymd': {
      // A context entry named like a word of the built-in could change how feelin reads it.
      if (hasOwn.call(ctx, 'years') || hasOwn.call(ctx, 'months') || hasOwn.call(ctx, 'duration')) return UNSUPPORTED;
      const from = evalNode(node.from, ctx);
      if (from === UNSUPPORTED) return from;
      const to = evalNode(node.to, ctx);
      if (to === UNSUPPORTED) return to;
      if (from.t !== 'date' || to.t !== 'date') return UNSUPPORTED;
      const total = wholeMonths(from.v, to.v);
      if (total === UNSUPPORTED) return total;
      // Truncation toward zero, like the fields of a negative FEEL duration.
      const v = node.part === 'years' ? Math.trunc(total / 12) : total % 12;
      return { t: 'number', v: v === 0 ? 0 : v };
    }
    case 'dur': return { t: 'duration', years: node.years, months: node.months, days: node.days };
    case 'name': return hasOwn.call(ctx, node.name) ? classify(ctx[node.name]) : UNSUPPORTED;
    case 'cmp': {
      const a = evalNode(node.a, ctx);
      if (a === UNSUPPORTED) return a;
      const b = evalNode(node.b, ctx);
      return b === UNSUPPORTED ? b : compare(node.op, a, b);
    }
    case 'and':
    case 'or': {
      const a = evalNode(node.a, ctx);
      if (a === UNSUPPORTED) return a;
      const b = evalNode(node.b, ctx);
      return b === UNSUPPORTED ? b : logic(node.k, a, b);
    }
    case 'arith': {
      const a = evalNode(node.a, ctx);
      if (a === UNSUPPORTED) return a;
      const b = evalNode(node.b, ctx);
      return b === UNSUPPORTED ? b : arith(node.op, a, b);
    }
    case 'if': {
      // feelin takes any truthy condition as true; only booleans and null stay on this path.
      const c = evalNode(node.c, ctx);
      if (c === UNSUPPORTED || (c.t !== 'boolean' && c.t !== 'null')) return UNSUPPORTED;
      const a = evalNode(node.a, ctx);
      if (a === UNSUPPORTED) return a;
      const b = evalNode(node.b, ctx);
      if (b === UNSUPPORTED) return b;
      return c.t === 'boolean' && c.v ? a : b;
    }
    case 'not': {
      const a = evalNode(node.a, ctx);
      if (a === UNSUPPORTED) return a;
      if (a.t === 'null') return NULL;
      return a.t === 'boolean' ? { t: 'boolean', v: !a.v } : UNSUPPORTED;
    }
  }
}

function toFeel(v: Val): unknown | Unsupported {
  switch (v.t) {
    case 'null': return null;
    case 'date': return v.raw ?? sharedDate(v.v) ?? UNSUPPORTED;
    case 'duration': return UNSUPPORTED; // a bare duration result stays feelin's (its own class)
    default: return v.v;
  }
}

/**
 * Whether every name feelin could see is a plain identifier. A context key with spaces or
 * operators ("a and b", "a-b") can change how feelin reads the text, so then it decides.
 */
function plainNames(ctx: Record<string, unknown>): boolean {
  for (const key in ctx) if (!NAME.test(key) && key !== '?') return false;
  return true;
}

/** feelin's result for `expr` over the FEEL context `ctx`, or {@link UNSUPPORTED}. */
export function fastEvaluate(expr: string, ctx: Record<string, unknown>): unknown {
  const node = compiledExpr(expr);
  if (!node || !plainNames(ctx)) return UNSUPPORTED;
  const v = evalNode(node, ctx);
  return v === UNSUPPORTED ? v : toFeel(v);
}

/**
 * feelin's unary test result (true, false or null) for a single comparison or literal cell
 * (`>= 24`, `"dogge"`, `2`, `true`) against `input`, or {@link UNSUPPORTED}.
 */
export function fastUnaryTest(test: string, input: unknown, ctx: Record<string, unknown>): boolean | null | Unsupported {
  const t = compiledTest(test);
  if (!t || !plainNames(ctx)) return UNSUPPORTED;
  const a = classify(input);
  if (a === UNSUPPORTED) return a;
  const b = evalNode(t.b, ctx);
  if (b === UNSUPPORTED) return b;
  // A literal cell against an empty input: feelin answers false, not null.
  if (t.op === '=' && a.t === 'null') return b.t === 'null';
  const r = compare(t.op, a, b);
  if (r === UNSUPPORTED) return r;
  return r.t === 'null' ? null : (r as { v: boolean }).v;
}
