import { jsonCopy } from './json-copy';

const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Structural identity: same prototypes, same own keys in the same order, Object.is on leaves. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string | symbol, unknown>)[k], (b as Record<string | symbol, unknown>)[k]));
}

/** Deterministic generator (mulberry32) of nested JSON-ish values, edge cases included. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAVES: unknown[] = [0, -0, 1.5, -7, NaN, Infinity, -Infinity, '', 'text', 'ä\u00df\ud83d\ude00', '\ud800', true, false, null, undefined, () => 1, Symbol('s')];
const KEYS = ['a', 'b', '1', '0', 'value', 'toString', 'constructor', 'x y', ''];

function gen(r: () => number, depth: number): unknown {
  const roll = r();
  if (depth > 3 || roll < 0.4) return LEAVES[Math.floor(r() * LEAVES.length)];
  if (roll < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => gen(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[KEYS[Math.floor(r() * KEYS.length)]] = gen(r, depth + 1);
  return o;
}

describe('jsonCopy', () => {
  it('equals the JSON round trip on generated values, key order and -0 included', () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const v = { root: gen(r, 0), list: [gen(r, 0), gen(r, 0)] };
      const copy = jsonCopy(v);
      const want = viaJson(v);
      expect(same(copy, want)).toBe(true);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(want));
      expect(Object.is((copy as { root: unknown }).root, -0)).toBe(false);
    }
  });

  it('sees a difference where there is one (the comparison itself can fail)', () => {
    expect(same({ a: 0 }, { a: -0 })).toBe(false);
    expect(same({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(same([null], [undefined])).toBe(false);
  });

  it('copies deeply: changing the copy leaves the original alone', () => {
    const snap = { slots: { a: { value: '2026-11-24', confirmed: false } }, progress: { said: ['x'] } };
    const copy = jsonCopy(snap);
    copy.slots.a.confirmed = true;
    copy.progress.said.push('y');
    expect(snap.slots.a.confirmed).toBe(false);
    expect(snap.progress.said).toEqual(['x']);
  });

  it('treats class instances, toJSON, __proto__ keys and cycles exactly like JSON does', () => {
    const withDate = { at: new Date(Date.UTC(2026, 10, 26)), m: new Map([[1, 2]]), n: Object.create(null) as Record<string, unknown> };
    withDate.n.k = 1;
    expect(same(jsonCopy(withDate), viaJson(withDate))).toBe(true);
    const custom = { v: { toJSON: () => 'custom' } };
    expect(jsonCopy(custom)).toEqual({ v: 'custom' });
    const proto = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = jsonCopy(proto);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonCopy(cyclic)).toThrow(TypeError);
    expect(() => jsonCopy({ big: BigInt(1) })).toThrow(TypeError);
  });
});
