import { evaluate, FeelDate, parseDate, unaryTest } from 'feelin';
import { evaluateCondition, evaluateExpression } from './evaluate';
import { fastEvaluate, fastUnaryTest, UNSUPPORTED } from './fast-feel';

/** A small deterministic generator (mulberry32), so every run checks the same cases. */
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

const date = (s: string): unknown => parseDate(s);

/** Context values of every kind the fast path handles, plus some it must leave to feelin. */
function context(): Record<string, unknown> {
  return {
    n1: 1, n2: 2, n5: 5, nneg: -3.5, nfrac: 0.1, zero: 0,
    s1: 'ja', s2: 'nein', sa: 'Äpfel', sz: 'z', snum: '5', sempty: '',
    t: true, f: false,
    nul: null,
    d1: date('2026-01-01'), d2: date('2026-11-20'), d3: date('1990-05-13'), leap: date('2024-02-29'), eom: date('2025-01-31'), old: date('0099-12-31'),
    today: date('2026-11-20'), now: null,
    list: [1, 2], obj: { a: 1 },
    _under: 3, camelCase: 'x',
    // Names of FEEL built-in functions used as slot names.
    min: 4, count: 'c', string: 'str', abs: -1,
  };
}

const NAMES = Object.keys(context()).filter((n) => n !== 'now');
const LITERALS = ['date("2026-11-20")', 'date("2024-02-29")', 'duration("P90D")', 'duration("P5Y")', 'duration("P1M")', 'duration("P1Y2M")', 'duration("P14D")', '1', '2', '5', '0', '1.5', '0.10', '007', '"ja"', '"nein"', '""', '"Äpfel"', '"5"', '"2026-01-01"', 'true', 'false', 'null'];
const OPS = ['<', '<=', '>', '>=', '=', '!='];

function leaf(r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  return r() < 0.6 ? pick(NAMES) : pick(LITERALS);
}

/** A leaf, or number arithmetic over leaves (`n1 + 2 * n5`, `zero / zero`). */
function operand(r: () => number, depth = 0): string {
  if (depth > 1 || r() < 0.65) return leaf(r);
  const op = ['+', '-', '*', '/'][Math.floor(r() * 4)];
  const space = r() < 0.3 ? '' : ' ';
  const inner = `${operand(r, depth + 1)}${space}${op}${space}${operand(r, depth + 1)}`;
  return r() < 0.3 ? `(${inner})` : inner;
}

function comparison(r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const space = r() < 0.2 ? '' : ' ';
  return `${operand(r)}${space}${pick(OPS)}${space}${operand(r)}`;
}

function expression(r: () => number, depth = 0): string {
  const roll = r();
  if (depth > 2 || roll < 0.45) return r() < 0.15 ? operand(r) : comparison(r);
  if (roll < 0.6) return `not(${expression(r, depth + 1)})`;
  if (roll < 0.7) return `(${expression(r, depth + 1)})`;
  if (roll < 0.78) return `if ${expression(r, depth + 1)} then ${operand(r)} else ${r() < 0.3 ? expression(r, depth + 1) : operand(r)}`;
  return `${expression(r, depth + 1)} ${r() < 0.5 ? 'and' : 'or'} ${expression(r, depth + 1)}`;
}

/** Equal FEEL values: dates by class and ISO text (instances may differ), all else identical. */
function sameFeel(a: unknown, b: unknown): boolean {
  if (a instanceof FeelDate || b instanceof FeelDate) return a instanceof FeelDate && b instanceof FeelDate && a.iso === b.iso;
  return Object.is(a, b) || (a === 0 && b === 0);
}

type Outcome = { value: unknown } | { warned: string[] } | { threw: true };

/** Same rule as evaluate.ts: a warning about a null operand is FEEL's null propagation, not an error. */
function nullCaused(w: { type: string; details?: { values?: Record<string, unknown> } }): boolean {
  return ['INVALID_TYPE', 'INVALID_ARGUMENTS', 'NOT_COMPARABLE'].includes(w.type) && Object.values(w.details?.values ?? {}).some((v) => v === null || v === undefined);
}

function viaFeelin(expr: string, ctx: Record<string, unknown>): Outcome {
  try {
    const r = evaluate(expr, ctx);
    return r.warnings.some((w) => !nullCaused(w)) ? { warned: r.warnings.map((w) => w.type) } : { value: r.value };
  } catch {
    return { threw: true };
  }
}

describe('fast FEEL path', () => {
  it('gives feelin\'s exact value for thousands of generated expressions, or steps aside', () => {
    const r = rng(20261126);
    const ctx = context();
    let fast = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < 12000; i++) {
      const expr = expression(r);
      const got = fastEvaluate(expr, ctx);
      if (got === UNSUPPORTED) continue;
      fast++;
      const want = viaFeelin(expr, ctx);
      // A fast answer is only right when feelin answers the same value without any warning.
      if (!('value' in want) || !sameFeel(got, want.value)) mismatches.push(`${expr}: fast ${String(got)}, feelin ${JSON.stringify(want)}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The generator must actually exercise the fast path, not only the fallback.
    expect(fast).toBeGreaterThan(1000);
  });

  it('shifts dates by durations exactly like feelin (month ends, leap days, year ends)', () => {
    const dates = ['2024-02-29', '2025-01-31', '2025-12-31', '2026-03-31', '2000-02-29', '1900-03-01', '0100-01-01', '9999-12-01', '2026-11-20'];
    const durations = ['P1D', 'P90D', 'P14D', 'P365D', 'P1M', 'P11M', 'P13M', 'P1Y', 'P5Y', 'P4Y', 'P1Y1M', 'P100Y', 'P0D'];
    let fast = 0;
    for (const d of dates) {
      for (const dur of durations) {
        for (const op of ['+', '-']) {
          const expr = `x ${op} duration("${dur}")`;
          const ctx = { x: date(d) };
          const got = fastEvaluate(expr, ctx);
          if (got === UNSUPPORTED) continue;
          fast++;
          const want = viaFeelin(expr, ctx);
          expect([expr, d, 'value' in want && sameFeel(got, want.value)]).toEqual([expr, d, true]);
        }
      }
    }
    expect(fast).toBeGreaterThan(200);
  });

  it('computes the age rule (years and months duration) like feelin, and leaves backwards spans to it', () => {
    const days = ['01', '13', '27', '28', '29', '30', '31'];
    const anchors = ['2026-11-20', '2026-03-01', '2024-02-29', '2026-02-28', '2026-01-28'];
    const r = rng(4711);
    let fast = 0;
    for (let i = 0; i < 4000; i++) {
      const y = 1950 + Math.floor(r() * 80);
      const m = String(1 + Math.floor(r() * 12)).padStart(2, '0');
      const birth = `${y}-${m}-${days[Math.floor(r() * days.length)]}`;
      if (!parseDate(birth)) continue;
      const today = i % 2 === 0 ? anchors[(i / 2) % anchors.length] : `${2000 + Math.floor(r() * 30)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${days[Math.floor(r() * days.length)]}`;
      if (!parseDate(today)) continue;
      for (const part of ['years', 'months']) {
        for (const expr of [`years and months duration(geburtsdatum, today).${part}`, `years and months duration(today, geburtsdatum).${part}`]) {
          const ctx = { geburtsdatum: date(birth), today: date(today) };
          const got = fastEvaluate(expr, ctx);
          if (got === UNSUPPORTED) continue;
          fast++;
          const want = viaFeelin(expr, ctx);
          expect([expr, birth, today, 'value' in want && sameFeel(got, want.value)]).toEqual([expr, birth, today, true]);
        }
      }
    }
    expect(fast).toBeGreaterThan(1500);
    expect(fastEvaluate('years and months duration(today, d).years', { d: date('1990-05-13'), today: date('2026-11-20') })).toBe(UNSUPPORTED);
    expect(fastEvaluate('years and months duration(geburtsdatum, today).years', { geburtsdatum: date('1990-05-31'), today: date('2026-11-20') })).toBe(UNSUPPORTED);
    expect(fastEvaluate('years and months duration(d, today).years', { d: date('1990-05-13'), today: date('2026-11-20'), years: 1 })).toBe(UNSUPPORTED);
  });

  it('gives feelin\'s unary test result for generated cells and inputs', () => {
    const ctx = context();
    const cells = ['< 24', '<= 24', '> 24', '>= 24', '< -5', '>=0.5', '24', '1', '"dogge"', '"ja"', '""', 'true', 'false', '< "m"', '>= "ja"', '2.50', '-3'];
    const inputs: unknown[] = [24, 23.99, 0, -5, -6, 1, 2.5, 'dogge', 'ja', '', 'zz', 'a', true, false, null, date('2026-01-01'), [1], '24'];
    let fast = 0;
    const mismatches: string[] = [];
    for (const cell of cells) {
      for (const input of inputs) {
        const got = fastUnaryTest(cell, input, ctx);
        if (got === UNSUPPORTED) continue;
        fast++;
        let want: unknown;
        try {
          const res = unaryTest(cell, { ...ctx, '?': input });
          want = res.warnings.length > 0 ? `warned ${res.warnings.map((w) => w.type).join()}` : res.value === true;
        } catch {
          want = 'threw';
        }
        if (want !== (got === true)) mismatches.push(`${cell} on ${JSON.stringify(input)}: fast ${String(got)}, feelin ${String(want)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(fast).toBeGreaterThan(100);
  });

  it('leaves paths, calls, arithmetic, chains and odd names to feelin', () => {
    const ctx = context();
    for (const expr of ['obj.a = 1', 'n1 + s1 > 2', 'date("2026-01-01") < s1', 'n1 < n2 < n5', 'list[1] = 1', 'n1 in [1..2]', 'x1 = 1', 't < f', 'n1 = s1', 'd1 = s1', 'n1 and t', 'sum([1]) = 1', 'größe > 1', 'today()', 'now', '-1 < n1', 'n1 == 1', 's1 + s2', 'n1 ** 2', 'if n1 then 1 else 2', 'if t then 1', '1e3', 'today + duration("P1DT2H")', 'duration("P1D") + today', 'date("2026-02-30") < today', 'd1 - d2', 'duration("P1D") = duration("P1D")']) {
      expect([expr, fastEvaluate(expr, ctx)]).toEqual([expr, UNSUPPORTED]);
    }
    expect(fastEvaluate('n1 < n2', { ...ctx, 'a b': 1 })).toBe(UNSUPPORTED);
  });

  it('keeps the public functions\' answers, errors included', () => {
    const opts = { today: '2026-11-20', types: { wunschdatum: 'date' as const, alter: 'number' as const } };
    expect(evaluateCondition('wunschdatum >= today', { wunschdatum: '2026-11-24' }, opts)).toBe(true);
    expect(evaluateCondition('wunschdatum >= today', { wunschdatum: '2026-11-19' }, opts)).toBe(false);
    expect(evaluateCondition('wunschdatum >= today', {}, opts)).toBe(false);
    expect(evaluateExpression('alter < 16 or alter > 65', { alter: 70 }, opts)).toBe(true);
    expect(evaluateExpression('alter < 16', {}, opts)).toBeNull();
    expect(() => evaluateCondition('alterx < 16', { alter: 3 }, opts)).toThrow(/unknown name "alterx"/);
    expect(() => evaluateCondition('alter', { alter: 3 }, opts)).toThrow(/should be a condition/);
    // The age rule: fast for days up to 28, feelin for the 31st; both give the same.
    const ymd = 'years and months duration(geburtsdatum, today).years';
    const gb = { types: { geburtsdatum: 'date' as const }, today: '2026-11-20' };
    expect(evaluateExpression(ymd, { geburtsdatum: '1990-05-13' }, gb)).toBe(36);
    expect(evaluateExpression(ymd, { geburtsdatum: '1990-05-31' }, gb)).toBe(36);
    expect(evaluateExpression(ymd, { geburtsdatum: '1990-11-21' }, gb)).toBe(35);
    expect(evaluateExpression(ymd, { geburtsdatum: '1990-05-13' }, { ...gb, today: '1991-05-12' })).toBe(0);
  });
});
