import { didYouMean, editDistance } from './suggest';
import { offsetInScalar } from './yaml-source';

describe('didYouMean', () => {
  it('counts a swap of neighbours as one typo', () => {
    expect(editDistance('tpye', 'type')).toBe(1);
    expect(editDistance('colect', 'collect')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('suggests close keys and names, and nothing for far ones', () => {
    expect(didYouMean('tpye', ['type', 'ask', 'hint'])).toBe('type');
    expect(didYouMean('colect', ['collect', 'confirm', 'if'])).toBe('collect');
    expect(didYouMean('geburtstag', ['geburtsdatum', 'anliegen'])).toBe('geburtsdatum');
    expect(didYouMean('zzzzzz', ['type', 'ask'])).toBeUndefined();
    expect(didYouMean('a', ['b'])).toBe('b');
    expect(didYouMean('x', [])).toBeUndefined();
  });
});

describe('offsetInScalar', () => {
  it('maps into plain, quoted and escaped scalars', () => {
    expect(offsetInScalar('alter < 3', 'alter < 3', 6, 'PLAIN')).toBe(6);
    expect(offsetInScalar('"alter < 3"', 'alter < 3', 6, 'QUOTE_DOUBLE')).toBe(7);
    expect(offsetInScalar("'it''s x'", "it's x", 5, 'QUOTE_SINGLE')).toBe(7);
    expect(offsetInScalar('"a = \\"b\\" x"', 'a = "b" x', 8, 'QUOTE_DOUBLE')).toBe(11);
  });

  it('maps into block scalars line by line', () => {
    const raw = '|\n      alter > 3 and\n      alter <\n';
    const value = 'alter > 3 and\nalter <\n';
    expect(raw[offsetInScalar(raw, value, 14, 'BLOCK_LITERAL')]).toBe('a');
    expect(offsetInScalar(raw, value, 14, 'BLOCK_LITERAL')).toBe(raw.indexOf('alter <'));
  });
});
