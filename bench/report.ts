/** Prints results as a table and merges them into bench/results.json (keys of other benches stay). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './types';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4);
}

export function formatTable(results: BenchResult[]): string {
  const rows = results.map((r) => [r.key, fmt(r.value), r.unit, r.note ?? '']);
  const head = ['metric', 'value', 'unit', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Merges into the JSON file: `{ key: value, ..., _meta: { key: { unit, note, at } } }`. */
export function mergeJson(file: string, results: BenchResult[], at: string): Record<string, unknown> {
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const meta = (current._meta ?? {}) as Record<string, unknown>;
  for (const r of results) {
    current[r.key] = Number(fmt(r.value));
    meta[r.key] = { unit: r.unit, ...(r.note ? { note: r.note } : {}), at };
  }
  current._meta = meta;
  writeFileSync(file, JSON.stringify(current, null, 2) + '\n');
  return current;
}
