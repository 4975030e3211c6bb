/**
 * Conversion between canonical amtsweg values (date 'YYYY-MM-DD', time 'HH:MM', numbers,
 * strings) and FEEL values (feelin's FeelDate, FeelTime, FeelDuration), and number rounding.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelRange, FeelTime, duration, parseDate, parseTime } from 'feelin';
import { RuleError } from './errors';
import type { ValueType } from './types';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}(:\d{2})?$/;

/**
 * Rounds away binary noise (0.1 + 0.2 → 0.3) by keeping 10 decimals.
 * Amounts of money are rounded to cents separately, see {@link roundMoney}.
 */
export function roundNumber(n: number): number {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n;
  return Number(n.toFixed(10));
}

/** Rounds an amount in euros to cents, half away from zero (1.005 → 1.01). */
export function roundMoney(n: number): number {
  if (!Number.isFinite(n)) return n;
  const sign = n < 0 ? -1 : 1;
  // Shifting through the exponent avoids 1.005 * 100 = 100.49999...
  const cents = Math.round(Number(`${roundNumber(Math.abs(n))}e2`));
  return sign * Number(`${cents}e-2`);
}

// feelin's parseDate goes through a Temporal polyfill (~10 µs); FEEL dates are immutable, so
// parsed ones are shared. Bounded, and cleared as a whole, which keeps it deterministic.
const parsedDates = new Map<string, FeelDate | null>();

/** feelin's parseDate, shared: the same text gives the same (immutable) FEEL date. */
export function sharedDate(value: string): FeelDate | null {
  let d = parsedDates.get(value);
  if (d === undefined) {
    d = parseDate(value);
    if (parsedDates.size >= 1000) parsedDates.clear();
    parsedDates.set(value, d);
  }
  return d;
}

function parseCanonicalDate(name: string, value: string): FeelDate {
  const d = DATE_RE.test(value) ? sharedDate(value) : null;
  if (!d) {
    throw new RuleError('bad_value', `${name} should be a date written YYYY-MM-DD but is a string of another form; store dates in canonical form`);
  }
  return d;
}

function parseCanonicalTime(name: string, value: string): FeelTime {
  const t = TIME_RE.test(value) ? parseTime(value.length === 5 ? `${value}:00` : value) : null;
  if (!t) {
    throw new RuleError('bad_value', `${name} should be a time written HH:MM but is a string of another form; store times in canonical form`);
  }
  return t;
}

/**
 * Converts one canonical value to its FEEL form. With a known type, date and time strings
 * become FEEL dates and times; without one, only strings that are unmistakably dates
 * (YYYY-MM-DD, also nested in action results) are converted.
 */
export function toFeelValue(name: string, value: unknown, type?: ValueType): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (type === 'date') return parseCanonicalDate(name, value);
    if (type === 'time') return parseCanonicalTime(name, value);
    if (type === 'duration') {
      const d = duration(value);
      if (!d) throw new RuleError('bad_value', `${name} should be an ISO 8601 duration such as P1Y or PT10M but is a string of another form`);
      return d;
    }
    if (type === undefined && DATE_RE.test(value)) return sharedDate(value) ?? value;
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RuleError('bad_value', `${name} is not a finite number; pass a finite number or leave the value out`);
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDateTime || value instanceof FeelDuration) return value;
  if (Array.isArray(value)) return value.map((v, i) => toFeelValue(`${name}[${i + 1}]`, v));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toFeelValue(`${name}.${k}`, v);
    return out;
  }
  throw new RuleError('bad_value', `${name} has a ${typeof value} value, which FEEL cannot use; pass strings, numbers, booleans, lists or objects`);
}

/** Converts a whole scope to FEEL form, using `types` where known. */
export function toFeelScope(scope: Record<string, unknown>, types: Record<string, ValueType> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(scope)) out[name] = toFeelValue(name, value, types[name]);
  return out;
}

function formatTime(t: FeelTime): string {
  if (t.zone === null && t.second === 0 && t.value.millisecond === 0) {
    return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  }
  return t.iso;
}

/** feelin keeps the leftover days in a years-and-months duration; FEEL drops them (P6Y5M). */
function formatDuration(d: FeelDuration): string {
  if (!d.yearsMonths) return d.iso;
  const total = d.years * 12 + d.months;
  const abs = Math.abs(total);
  const y = Math.floor(abs / 12);
  const m = abs % 12;
  const body = `${y ? `${y}Y` : ''}${m || !y ? `${m}M` : ''}`;
  return `${total < 0 ? '-' : ''}P${body}`;
}

/**
 * Converts a FEEL result back to canonical form: dates → 'YYYY-MM-DD', times → 'HH:MM',
 * durations → ISO 8601 string, numbers rounded to 10 decimals.
 */
export function fromFeelValue(value: unknown, expression = ''): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return roundNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDuration) return formatDuration(value);
  if (value instanceof FeelDateTime) return value.iso;
  if (value instanceof FeelRange || value instanceof FeelFunction || typeof value === 'function') {
    throw new RuleError('bad_value', `"${expression}" yields a ${value instanceof FeelRange ? 'range' : 'function'}, which cannot be stored as a value; compute a number, string, date, boolean or list instead`, { expression });
  }
  if (Array.isArray(value)) return value.map((v) => fromFeelValue(v, expression));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromFeelValue(v, expression);
    return out;
  }
  return value;
}

/**
 * Describes a value by its kind only ("a date", "a number"), for error messages: values may be
 * personal data and error messages may end up in logs.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return DATE_RE.test(value) ? 'a date' : TIME_RE.test(value) ? 'a time' : 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (Array.isArray(value)) return 'a list';
  const t = feelTypeOf(value);
  return t === 'any' ? 'a value' : t === 'context' ? 'a context' : `a ${t}`;
}

/** The static type of a FEEL runtime value (used to type derived values for later rules). */
export function feelTypeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDuration) return 'duration';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && !(value instanceof FeelDateTime)) return 'context';
  return 'any';
}
