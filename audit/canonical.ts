/**
 * Canonical forms of JSON for hashing and for the bundle file. The file is written in exactly
 * one way (sorted keys, 2-space indent, trailing newline), so re-rendering a parsed bundle and
 * comparing it with the file text detects any changed byte, even in whitespace.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../host/embedded/hash-chain';

export { canonicalJson };

/** A deep copy with object keys sorted and undefined members dropped. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeysDeep(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as Record<string, unknown>).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeysDeep(v);
  }
  return out;
}

/** The one text form of a bundle file. */
export function renderCanonical(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** 1-based line and column of a character offset, for messages about a file. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') { line++; col = 1; } else col++;
  }
  return { line, col };
}

/** Offset of the first character where two texts differ (or the shorter length). */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
