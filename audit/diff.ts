/** The first difference between two JSON values, as a path and both sides. */
import { canonicalJson } from './canonical';

export interface JsonDifference { path: string; recorded: unknown; replayed: unknown }

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** Undefined when equal (canonically), else the first differing path in document order. */
export function firstJsonDifference(recorded: unknown, replayed: unknown, path = ''): JsonDifference | undefined {
  if (canonicalJson(recorded) === canonicalJson(replayed)) return undefined;
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    const n = Math.max(recorded.length, replayed.length);
    for (let i = 0; i < n; i++) {
      const d = firstJsonDifference(recorded[i], replayed[i], join(path, i));
      if (d) return d;
    }
  }
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(recorded) && isObj(replayed)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])].sort();
    for (const k of keys) {
      const d = firstJsonDifference(recorded[k], replayed[k], join(path, k));
      if (d) return d;
    }
  }
  return { path: path || '(whole)', recorded, replayed };
}
