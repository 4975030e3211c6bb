import type { DecisionTable } from '../definition/schema';
import { evaluateDecisionTable, RuleError, UniqueHitError } from '.';

const opts = { today: '2026-06-14' };
const run = (table: DecisionTable, scope: Record<string, unknown>) => evaluateDecisionTable('t', table, scope, opts);

describe('hit policy unique', () => {
  const fee: DecisionTable = {
    hit: 'unique',
    rows: [{ when: { alter: '< 24' }, then: 27.6 }, { when: { alter: '>= 24' }, then: 46, legal_basis: '§ 1 PAuswGebV' }],
  };

  it('returns the one matching row with default ids r1, r2 and its legal basis', () => {
    expect(run(fee, { alter: 23 })).toEqual({ result: 27.6, row: 'r1', inputs: { alter: 23 }, legalBasis: [] });
    expect(run(fee, { alter: 24 })).toEqual({ result: 46, row: 'r2', inputs: { alter: 24 }, legalBasis: ['§ 1 PAuswGebV'] });
  });

  it('returns null when no row matches', () => {
    const table: DecisionTable = { hit: 'unique', rows: [{ when: { alter: '[18..65]' }, then: 'erwerbsfaehig' }] };
    expect(run(table, { alter: 70 })).toEqual({ result: null, inputs: { alter: 70 }, legalBasis: [] });
  });

  it('raises UniqueHitError naming both rows and the inputs when rows overlap', () => {
    const overlapping: DecisionTable = {
      hit: 'unique',
      rows: [{ id: 'jung', when: { alter: '<= 24' }, then: 27.6 }, { id: 'alt', when: { alter: '>= 24' }, then: 46 }],
    };
    expect(run(overlapping, { alter: 23 }).row).toBe('jung');
    let caught: unknown;
    try { run(overlapping, { alter: 24 }); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(UniqueHitError);
    expect(caught).toBeInstanceOf(RuleError);
    const err = caught as UniqueHitError;
    expect(err.code).toBe('unique_hit');
    expect(err.rows).toEqual(['jung', 'alt']);
    expect(err.inputs).toEqual({ alter: 24 });
    expect(err.message).toContain('rows jung and alt both match the same inputs (alter)');
    expect(err.message).not.toContain('24,');
  });
});

describe('hit policy first', () => {
  const table: DecisionTable = {
    hit: 'first',
    rows: [
      { id: 'ehrenamt', when: { ehrenamt: 'true' }, then: 0 },
      { id: 'regel', when: { ehrenamt: '-' }, then: 13 },
    ],
  };

  it('takes the first matching row in order', () => {
    expect(run(table, { ehrenamt: true })).toMatchObject({ result: 0, row: 'ehrenamt' });
    expect(run(table, { ehrenamt: false })).toMatchObject({ result: 13, row: 'regel' });
  });
});

describe('hit policy collect', () => {
  const rows: DecisionTable['rows'] = [
    { id: 'grund', when: { anzahl: '>= 1' }, then: 129 },
    { id: 'gefaehrlich', when: { gefaehrlich: true }, then: 498 },
    { id: 'zweiter', when: { anzahl: '>= 2' }, then: 18 },
  ];

  it('sums the results of all matching rows and lists their ids', () => {
    const r = run({ hit: 'collect', aggregate: 'sum', rows }, { anzahl: 2, gefaehrlich: true });
    expect(r.result).toBe(645);
    expect(r.row).toEqual(['grund', 'gefaehrlich', 'zweiter']);
  });

  it('aggregates with min, max, count and list', () => {
    const scope = { anzahl: 2, gefaehrlich: false };
    expect(run({ hit: 'collect', aggregate: 'min', rows }, scope).result).toBe(18);
    expect(run({ hit: 'collect', aggregate: 'max', rows }, scope).result).toBe(129);
    expect(run({ hit: 'collect', aggregate: 'count', rows }, scope).result).toBe(2);
    expect(run({ hit: 'collect', aggregate: 'list', rows }, scope).result).toEqual([129, 18]);
    expect(run({ hit: 'collect', rows }, scope).result).toEqual([129, 18]);
  });

  it('gives null for sum without matches but 0 for count', () => {
    const scope = { anzahl: 0, gefaehrlich: false };
    expect(run({ hit: 'collect', aggregate: 'sum', rows }, scope)).toMatchObject({ result: null, row: [] });
    expect(run({ hit: 'collect', aggregate: 'count', rows }, scope).result).toBe(0);
  });

  it('rounds sums of amounts', () => {
    const table: DecisionTable = { hit: 'collect', aggregate: 'sum', rows: [{ when: { a: '-' }, then: 0.1 }, { when: { a: '-' }, then: 0.2 }] };
    expect(run(table, { a: 1 }).result).toBe(0.3);
  });

  it('refuses to sum strings', () => {
    const table: DecisionTable = { hit: 'collect', aggregate: 'sum', rows: [{ when: { a: '-' }, then: 'x' }] };
    expect(() => run(table, { a: 1 })).toThrow(/aggregate sum needs numbers/);
  });
});

describe('cells', () => {
  const rasse: DecisionTable = {
    hit: 'first',
    rows: [
      { id: 'quoted', when: { rasse: '"dogge"' }, then: 'a' },
      { id: 'bare', when: { rasse: 'mastiff' }, then: 'b' },
      { id: 'list', when: { rasse: '"mops", "pudel"' }, then: 'c' },
      { id: 'nicht', when: { rasse: 'not("rottweiler")' }, then: 'd' },
      { id: 'rest', when: { rasse: '-' }, then: 'e' },
    ],
  };

  it.each([['dogge', 'a'], ['mastiff', 'b'], ['pudel', 'c'], ['dackel', 'd'], ['rottweiler', 'e']])('%s → %s', (value, expected) => {
    expect(run(rasse, { rasse: value }).result).toBe(expected);
  });

  it('compares number and boolean literals by equality', () => {
    const table: DecisionTable = { hit: 'unique', rows: [{ when: { n: 2, b: false }, then: 'yes' }] };
    expect(run(table, { n: 2, b: false }).result).toBe('yes');
    expect(run(table, { n: 2, b: true }).result).toBeNull();
    expect(run(table, { n: '2', b: false }).result).toBeNull();
  });

  it('accepts a path as input and records canonical inputs', () => {
    const table: DecisionTable = { hit: 'unique', rows: [{ when: { 'termin.datum': '< date("2026-07-01")' }, then: true }] };
    const r = run(table, { termin: { datum: '2026-06-20' } });
    expect(r).toMatchObject({ result: true, inputs: { 'termin.datum': '2026-06-20' } });
  });

  it('rejects aggregate without collect', () => {
    expect(() => run({ hit: 'first', aggregate: 'sum', rows: [{ when: { a: '-' }, then: 1 }] }, { a: 1 })).toThrow(/only works with hit: collect/);
  });
});
