import { inferExpressionType, slotValueType } from '.';
import type { ValueType } from '.';

const env: Record<string, ValueType> = {
  geburtsdatum: 'date', alter: 'number', name: 'string', hat_ausweis: 'boolean', beginn: 'time', kinder: 'list', termin: 'any',
};
const infer = (expr: string) => inferExpressionType(expr, env);

describe('inferExpressionType: types', () => {
  it.each<[string, ValueType]>([
    ['alter >= 24', 'boolean'],
    ['alter + 1', 'number'],
    ['name + "!"', 'string'],
    ['geburtsdatum + duration("P14D")', 'date'],
    ['today - geburtsdatum', 'duration'],
    ['years and months duration(geburtsdatum, today)', 'duration'],
    ['years and months duration(geburtsdatum, today).years', 'number'],
    ['geburtsdatum.year', 'number'],
    ['date("2026-02-07")', 'date'],
    ['@"2026-02-07"', 'date'],
    ['time("10:00")', 'time'],
    ['count(kinder)', 'number'],
    ['sum([1, 2])', 'number'],
    ['upper case(name)', 'string'],
    ['starts with(name, "A")', 'boolean'],
    ['alter in [18..65]', 'boolean'],
    ['hat_ausweis and alter > 16', 'boolean'],
    ['not(hat_ausweis)', 'boolean'],
    ['if hat_ausweis then 6 else 0', 'number'],
    ['if hat_ausweis then 6 else null', 'number'],
    ['if hat_ausweis then 6 else "x"', 'any'],
    ['[1, 2]', 'list'],
    ['{a: 1}', 'context'],
    ['(alter)', 'number'],
    ['-alter', 'number'],
    ['termin.beginn', 'any'],
    ['unbekannt', 'any'],
    ['some k in kinder satisfies k > 1', 'boolean'],
  ])('%s : %s', (expr, type) => {
    const r = infer(expr);
    expect(r.problems).toEqual([]);
    expect(r.type).toBe(type);
  });
});

describe('inferExpressionType: mismatches', () => {
  it('finds a date compared with a number at the operator', () => {
    const r = infer('alter > 16 and geburtsdatum < 18');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'feel_type', col: 28 });
    expect(r.problems[0].message).toContain('cannot compare a date ("geburtsdatum") with a number ("18")');
  });

  it('finds a string added to a number', () => {
    const r = infer('alter + name');
    expect(r.problems).toEqual([expect.objectContaining({ col: 6 })]);
    expect(r.problems[0].message).toContain('cannot add a number ("alter") and a string ("name")');
  });

  it('finds boolean operators on non-booleans', () => {
    const r = infer('hat_ausweis or alter');
    expect(r.problems).toEqual([expect.objectContaining({ col: 15 })]);
    expect(r.problems[0].message).toContain('"or" needs a condition');
    expect(infer('not(alter)').problems[0].col).toBe(4);
    expect(infer('if alter then 1 else 2').problems[0].col).toBe(3);
  });

  it('checks ranges and between against the tested value', () => {
    expect(infer('geburtsdatum in [18..65]').problems[0].col).toBe(17);
    expect(infer('alter between 1 and "x"').problems[0].col).toBe(20);
    expect(infer('geburtsdatum in [date("2000-01-01")..today]').problems).toEqual([]);
  });

  it('checks arguments of common functions', () => {
    expect(infer('string length(alter) > 2').problems[0].col).toBe(14);
    expect(infer('years and months duration(alter, today)').problems[0].col).toBe(26);
  });

  it('finds nested problems inside function arguments and lists', () => {
    expect(infer('count([alter + name])').problems[0].col).toBe(13);
  });

  it('never complains about unknown types', () => {
    for (const expr of ['termin.beginn < 5', 'unbekannt + 1', 'termin = "x"', 'x and y', 'alter = null', 'kinder[1] > 3', 'for k in kinder return k + 1']) {
      expect(infer(expr).problems).toEqual([]);
    }
  });

  it('yields any without problems for broken syntax', () => {
    expect(infer('alter >=').type).toBe('boolean');
    expect(infer('alter >=').problems).toEqual([]);
  });
});

describe('slotValueType', () => {
  it('maps slot types to FEEL value types', () => {
    expect(['text', 'email', 'phone', 'postcode', 'enum'].map((t) => slotValueType(t as never))).toEqual(['string', 'string', 'string', 'string', 'string']);
    expect(slotValueType('date')).toBe('date');
    expect(slotValueType('time')).toBe('time');
    expect(['integer', 'number', 'money'].map((t) => slotValueType(t as never))).toEqual(['number', 'number', 'number']);
    expect(slotValueType('boolean')).toBe('boolean');
  });
});
