/** Turning the candidates an extractor found in a message into one `Extraction`. */
import type { Extraction } from './types';

/** One reading found in the text: a value, several possible values, or an impossible one. */
export interface Candidate<T> {
  start: number;
  end: number;
  value?: T;
  options?: T[];
  invalid?: string;
}

/** Keeps the longest candidates and drops those overlapping an already kept one. */
export function dropOverlaps<T>(cands: Candidate<T>[]): Candidate<T>[] {
  const sorted = [...cands].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Candidate<T>[] = [];
  // One flag per character: linear in the message, whatever the number of candidates.
  const taken = new Uint8Array(Math.max(0, ...cands.map((c) => c.end)) + 1);
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, c.start, Math.max(c.start + 1, c.end));
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * All candidates agree → value; they disagree or one is itself ambiguous → ambiguous with the
 * distinct options; any impossible reading → invalid (asking again is safer than guessing).
 * Evidence is the stretch of `source` that covers the candidates.
 */
export function combine<T>(source: string, cands: Candidate<T>[]): Extraction<T> {
  if (cands.length === 0) return { kind: 'none' };
  const start = Math.min(...cands.map((c) => c.start));
  const end = Math.max(...cands.map((c) => c.end));
  const bad = cands.find((c) => c.invalid !== undefined);
  if (bad) return { kind: 'invalid', reason: bad.invalid as string, evidence: source.slice(bad.start, bad.end) };
  const seen = new Map<string, T>();
  for (const c of cands) {
    const vals = c.options ?? (c.value !== undefined ? [c.value] : []);
    for (const v of vals) seen.set(JSON.stringify(v), v);
  }
  const options = [...seen.values()];
  if (options.length === 0) return { kind: 'none' };
  const evidence = source.slice(start, end);
  if (options.length === 1) return { kind: 'value', value: options[0], evidence };
  return { kind: 'ambiguous', options, evidence };
}
