/** Option values shared by several commands, checked with messages that name the fix. */
import { LOCALES, type Locale } from '../core/definition/schema';
import { UsageError } from './errors';

/** A `--today` / AMTSWEG_TODAY value: a real calendar date YYYY-MM-DD, or undefined. */
export function parseToday(value: string | undefined, from: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${from}: "${value}" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01.`);
  }
  return value;
}

/** A locale option. */
export function parseLocale(value: string | undefined, from: string): Locale | undefined {
  if (value === undefined) return undefined;
  if (!(LOCALES as readonly string[]).includes(value)) {
    throw new UsageError(`${from}: unknown locale "${value}"; use one of ${LOCALES.join(', ')}.`);
  }
  return value as Locale;
}

/** A TCP port (0 = any free port). */
export function parsePort(value: string | undefined, from: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new UsageError(`${from}: "${value}" is not a port number; use a number from 0 to 65535, e.g. 3000.`);
  }
  return n;
}

/** The engine to run on. */
export type EngineKind = 'embedded' | 'temporal';

export function parseEngineKind(value: string | undefined): EngineKind {
  const v = value ?? 'embedded';
  if (v !== 'embedded' && v !== 'temporal') {
    throw new UsageError(`--engine: unknown engine "${v}"; use embedded (SQLite, the default) or temporal.`);
  }
  return v;
}
