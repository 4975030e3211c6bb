import { evaluateCondition, evaluateExpression, evaluateUnaryTest, RuleError } from '.';

const today = '2026-06-14';

function ruleError(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RuleError) return err;
    throw err;
  }
  throw new Error('expected a RuleError');
}

describe('evaluateExpression', () => {
  it('computes the age from a birth date with the injected today', () => {
    const expr = 'years and months duration(geburtsdatum, today).years';
    const types = { geburtsdatum: 'date' as const };
    expect(evaluateExpression(expr, { geburtsdatum: '2002-06-15' }, { today: '2026-06-14', types })).toBe(23);
    expect(evaluateExpression(expr, { geburtsdatum: '2002-06-15' }, { today: '2026-06-15', types })).toBe(24);
  });

  it('treats untyped YYYY-MM-DD strings as dates and compares them with today', () => {
    expect(evaluateExpression('geburtsdatum < today', { geburtsdatum: '1990-05-13' }, { today })).toBe(true);
    expect(evaluateExpression('geburtsdatum < today', { geburtsdatum: '2030-01-01' }, { today })).toBe(false);
  });

  it('keeps a date-looking string a string when its type says string', () => {
    expect(evaluateExpression('kennung + "!"', { kennung: '2020-01-01' }, { today, types: { kennung: 'string' } })).toBe('2020-01-01!');
  });

  it('converts results back to canonical form', () => {
    expect(evaluateExpression('einzug + duration("P14D")', { einzug: '2026-02-20' }, { today })).toBe('2026-03-06');
    expect(evaluateExpression('today - date("2026-06-01")', {}, { today })).toBe('P13D');
    expect(evaluateExpression('years and months duration(date("2020-01-01"), today)', {}, { today })).toBe('P6Y5M');
    expect(evaluateExpression('beginn + duration("PT30M")', { beginn: '09:45' }, { today, types: { beginn: 'time' } })).toBe('10:15');
    expect(evaluateExpression('[a, b]', { a: 1, b: '2026-01-01' }, { today })).toEqual([1, '2026-01-01']);
    expect(evaluateExpression('{summe: a * 2}', { a: 1.5 }, { today })).toEqual({ summe: 3 });
  });

  it('reads fields of action results by path', () => {
    const scope = { termin: { beginn: '2026-07-01T09:30', ort: 'Hans-Sachs-Haus', datum: '2026-07-01' } };
    expect(evaluateExpression('termin.ort', scope, { today })).toBe('Hans-Sachs-Haus');
    expect(evaluateExpression('termin.datum > today', scope, { today })).toBe(true);
  });

  it('rounds away binary noise and keeps numbers as numbers', () => {
    expect(evaluateExpression('0.1 + 0.2', {}, { today })).toBe(0.3);
    expect(evaluateExpression('sum([22.8, 6, 15])', {}, { today })).toBe(43.8);
    expect(evaluateExpression('1 / 3', {}, { today })).toBe(0.3333333333);
  });

  it('propagates null operands as null instead of failing', () => {
    expect(evaluateExpression('x + 1', { x: null }, { today })).toBeNull();
    expect(evaluateExpression('x < 16', { x: undefined }, { today })).toBeNull();
  });

  it('raises a clear error for an unknown name, naming expression, name and column', () => {
    const err = ruleError(() => evaluateExpression('alter + zuschlag', { alter: 3 }, { today, rule: 'gesamt' }));
    expect(err.code).toBe('unknown_name');
    expect(err.message).toContain('"alter + zuschlag" (in gesamt)');
    expect(err.message).toContain('unknown name "zuschlag" at column 8');
    expect(err.rule).toBe('gesamt');
  });

  it('calls a misspelt function a function, not a name', () => {
    const err = ruleError(() => evaluateExpression('strlen(name)', { name: 'x' }, { today }));
    expect(err.message).toContain('"strlen" at column 0 is not a FEEL function');
  });

  it('raises for a missing field of an action result', () => {
    const err = ruleError(() => evaluateExpression('termin.raum', { termin: { ort: 'Buer' } }, { today }));
    expect(err.code).toBe('unknown_name');
    expect(err.message).toContain('"raum"');
  });

  it('refuses to read the clock', () => {
    expect(ruleError(() => evaluateExpression('now()', {}, { today })).code).toBe('clock');
    const err = ruleError(() => evaluateExpression('today() > x', { x: '2020-01-01' }, { today }));
    expect(err.code).toBe('clock');
    expect(err.message).toContain('write today (without parentheses)');
  });

  it('reports syntax errors with their column', () => {
    const err = ruleError(() => evaluateExpression('alter >= 24 and (x', { alter: 1, x: true }, { today }));
    expect(err.code).toBe('feel_syntax');
    expect(err.message).toContain('column 18');
  });

  it('reports type errors that are not caused by null', () => {
    const err = ruleError(() => evaluateExpression('"a" + 1', {}, { today }));
    expect(err.code).toBe('feel_error');
    expect(err.message).toContain('""a" + 1": Can\'t add a number to a string at column 4');
  });

  it('rejects values that are not canonical for their type', () => {
    const err = ruleError(() => evaluateExpression('d < today', { d: '13.05.1990' }, { today, types: { d: 'date' } }));
    expect(err.code).toBe('bad_value');
    expect(err.message).toContain('YYYY-MM-DD');
  });

  it('keeps scope values out of error messages, which may reach logs', () => {
    const secret = { geburtsdatum: '1990-05-13', name: 'Erika Mustermann', akte: { nummer: 'AZ-4711' } };
    const types = { geburtsdatum: 'date' as const };
    const messages = [
      ruleError(() => evaluateExpression('geburtsdatum + 1', secret, { today, types })).message,
      ruleError(() => evaluateExpression('akte.zeichen', secret, { today })).message,
      ruleError(() => evaluateExpression('akte.nummer.teil', secret, { today })).message,
      ruleError(() => evaluateCondition('name', secret, { today })).message,
      ruleError(() => evaluateExpression('geburtsdatum < today', { geburtsdatum: '13.05.1990' }, { today, types })).message,
    ];
    expect(messages[0]).toContain("Can't add a number to a date");
    for (const m of messages) {
      expect(m).not.toMatch(/1990|Erika|AZ-4711/);
    }
  });

  it('lets the injected today win over a scope entry of the same name', () => {
    expect(evaluateExpression('today', { today: '1999-01-01' }, { today })).toBe(today);
  });
});

describe('evaluateCondition', () => {
  it('is true only for true, false for false and null', () => {
    expect(evaluateCondition('alter < 16', { alter: 12 }, { today })).toBe(true);
    expect(evaluateCondition('alter < 16', { alter: 30 }, { today })).toBe(false);
    expect(evaluateCondition('alter < 16', { alter: null }, { today })).toBe(false);
  });

  it('treats a name known from types but absent from the scope as empty, not unknown', () => {
    const types = { alter: 'number' as const, hat_ausweis: 'boolean' as const };
    expect(evaluateCondition('alter < 16', {}, { today, types })).toBe(false);
    expect(evaluateCondition('hat_ausweis', {}, { today, types })).toBe(false);
    expect(() => evaluateCondition('alter < 16', {}, { today })).toThrow(/unknown name "alter"/);
  });

  it('rejects a non-boolean condition with a hint', () => {
    const err = ruleError(() => evaluateCondition('alter + 1', { alter: 3 }, { today }));
    expect(err.code).toBe('not_boolean');
    expect(err.message).toContain('yields a number');
  });
});

describe('evaluateUnaryTest', () => {
  it.each([
    ['< 24', 23, true], ['< 24', 24, false], ['>= 24', 24, true],
    ['[18..65]', 18, true], ['[18..65]', 65, true], ['[18..65]', 66, false], ['(18..65)', 18, false],
    ['"dogge"', 'dogge', true], ['"dogge"', 'mops', false], ['-', 'anything', true],
    ['not("x")', 'y', true], ['not("x")', 'x', false], ['"a", "b"', 'b', true], ['true', true, true], ['true', false, false],
  ])('%s against %p is %p', (test, input, expected) => {
    expect(evaluateUnaryTest(test, input, {}, { today })).toBe(expected);
  });

  it('compares dates when the input type says date', () => {
    expect(evaluateUnaryTest('< today', '2020-01-01', {}, { today, inputType: 'date' })).toBe(true);
    expect(evaluateUnaryTest('>= date("2026-02-07")', '2026-02-06', {}, { today, inputType: 'date' })).toBe(false);
  });

  it('reads other names of the scope inside a test', () => {
    expect(evaluateUnaryTest('< grenze', 5, { grenze: 6 }, { today })).toBe(true);
  });
});
