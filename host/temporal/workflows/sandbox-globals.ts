/**
 * Globals the session core uses that Temporal's workflow sandbox (a V8 context without Node's
 * web globals) lacks. Everything the core clones is plain JSON by contract (core/session/types.ts),
 * so a JSON round trip is an exact, deterministic structuredClone for it.
 */
const g = globalThis as { structuredClone?: <T>(value: T) => T };
if (typeof g.structuredClone !== 'function') {
  g.structuredClone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));
}

export {};
