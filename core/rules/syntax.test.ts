import { checkFeelSyntax, referencedNames } from '.';

describe('checkFeelSyntax', () => {
  it.each([['alter < < 16', 8], ['x = = 1', 4]])('reports a doubled comparison operator in %s at its column', (expr, col) => {
    const [p] = checkFeelSyntax(expr, 'expression');
    expect(p).toMatchObject({ code: 'feel_syntax', col });
  });

  it.each([['>== 3', 2], ['=> 3', 1], ['== 3', 1], ['<> 3', 1]])('reports the malformed table cell %s', (test, col) => {
    expect(checkFeelSyntax(test, 'unaryTest')).toMatchObject([{ code: 'feel_syntax', col }]);
  });

  it('still accepts a unary test in a table cell', () => {
    expect(checkFeelSyntax('< 16', 'unaryTest')).toEqual([]);
  });

  it('accepts valid expressions and unary tests', () => {
    expect(checkFeelSyntax('years and months duration(geburtsdatum, today).years >= 24')).toEqual([]);
    expect(checkFeelSyntax('if foto = "vor_ort" then 6 else 0')).toEqual([]);
    for (const cell of ['< 24', '>= 24', '[18..65]', '"dogge"', '-', 'not("x")', '"a", "b"']) {
      expect(checkFeelSyntax(cell, 'unaryTest')).toEqual([]);
    }
  });

  it('points at an incomplete expression at its end', () => {
    const [p] = checkFeelSyntax('alter >= ');
    expect(p.code).toBe('feel_syntax');
    expect(p.col).toBe(9);
    expect(p.message).toContain('ends too early');
  });

  it('points at an unexpected token', () => {
    const problems = checkFeelSyntax('alter >= 24 )');
    expect(problems).toEqual([{ code: 'feel_syntax', col: 12, message: 'unexpected ")" at column 12' }]);
  });

  it('points at a doubled operator', () => {
    expect(checkFeelSyntax('a +* 2')[0].col).toBe(3);
  });

  it('reports an unclosed string', () => {
    const [p] = checkFeelSyntax('rasse = "dogge');
    expect(p.code).toBe('feel_syntax');
    expect(p.col).toBe(8);
    expect(p.message).toContain('not closed');
  });

  it('reports a broken unary test with its column', () => {
    const [p] = checkFeelSyntax('>= ', 'unaryTest');
    expect(p).toMatchObject({ code: 'feel_syntax', col: 3 });
  });

  it('reports empty FEEL', () => {
    expect(checkFeelSyntax('  ')[0]).toMatchObject({ code: 'feel_syntax', col: 0 });
  });

  it('flags functions FEEL does not know, but not the built-ins', () => {
    expect(checkFeelSyntax('strlen(name) > 3')).toEqual([expect.objectContaining({ code: 'feel_unknown_function', col: 0 })]);
    expect(checkFeelSyntax('x + lenght(y)')[0]).toMatchObject({ code: 'feel_unknown_function', col: 4 });
    expect(checkFeelSyntax('string length(name) > 3 and count(xs) = 2 and round half up(x, 2) > 1 and not(y)')).toEqual([]);
    expect(checkFeelSyntax('years and months duration(a, today).years')).toEqual([]);
  });

  it('flags calls that would read the clock', () => {
    expect(checkFeelSyntax('x < now()')).toEqual([expect.objectContaining({ code: 'feel_clock', col: 4 })]);
    expect(checkFeelSyntax('today() > x')[0].code).toBe('feel_clock');
    expect(checkFeelSyntax('x < today')).toEqual([]);
  });
});

describe('referencedNames', () => {
  it('finds plain names and skips built-in functions, including multi-word ones', () => {
    expect(referencedNames('years and months duration(geburtsdatum, today).years')).toEqual(['geburtsdatum']);
    expect(referencedNames('string length(name) > 3 and count(kinder) < max(grenze, 2)')).toEqual(['name', 'kinder', 'grenze']);
  });

  it('includes today only on request', () => {
    expect(referencedNames('geburtsdatum < today', { includeImplicit: true })).toEqual(['geburtsdatum', 'today']);
  });

  it('reduces paths to their first name', () => {
    expect(referencedNames('termin.beginn + duration("PT10M") > termin.ende')).toEqual(['termin']);
  });

  it('ignores names bound inside the expression', () => {
    expect(referencedNames('for h in hunde return h.rasse')).toEqual(['hunde']);
    expect(referencedNames('some h in hunde satisfies h.gewicht >= grenze')).toEqual(['hunde', 'grenze']);
    expect(referencedNames('hunde[item.gewicht > 20]')).toEqual(['hunde']);
    expect(referencedNames('{a: 1, b: a + x}.b')).toEqual(['x']);
    expect(referencedNames('function(n) n + basis')).toEqual(['basis']);
    expect(referencedNames('for i in 1..n, j in i..m return i * j')).toEqual(['n', 'm']);
  });

  it('reads the outer name in a context entry of the same name', () => {
    expect(referencedNames('{ name: name, steuersatz: steuersatz }')).toEqual(['name', 'steuersatz']);
    expect(referencedNames('{ ort: termin.ort, name: name }')).toEqual(['termin', 'name']);
  });

  it('lists each name once, in order of first use', () => {
    expect(referencedNames('if a > b then a else c + b')).toEqual(['a', 'b', 'c']);
  });

  it('reads names in unary tests but not the input placeholder', () => {
    expect(referencedNames('< grenze', { kind: 'unaryTest' })).toEqual(['grenze']);
    expect(referencedNames('? > untergrenze', { kind: 'unaryTest' })).toEqual(['untergrenze']);
    expect(referencedNames('[18..65]', { kind: 'unaryTest' })).toEqual([]);
  });

  it('does not mistake literals and keywords for names', () => {
    expect(referencedNames('x = null or y = true or z = "a b"')).toEqual(['x', 'y', 'z']);
    expect(referencedNames('x instance of number')).toEqual(['x']);
  });
});
