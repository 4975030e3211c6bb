import { MAX_TEXT_LENGTH, foldText, normalizeText } from './index';
import { foldWithMap, sourceSpan } from './normalize';

describe('normalizeText', () => {
  it('collapses whitespace and trims', () => {
    expect(normalizeText('  Ich   bin\n\tda  ')).toBe('Ich bin da');
  });
  it('applies NFKC (full-width digits, ligatures, composed umlauts)', () => {
    expect(normalizeText('４５８７９')).toBe('45879');
    expect(normalizeText('ﬁle')).toBe('file');
    expect(normalizeText('Mu\u0308ller')).toBe('Müller');
  });
  it('removes zero-width and bidi control characters', () => {
    expect(normalizeText('45\u200B879')).toBe('45879');
    expect(normalizeText('\u202Eabc\u202C\uFEFF')).toBe('abc');
    expect(normalizeText('a\u2066b\u2069c\u00ADd')).toBe('abcd');
  });
  it('unifies dashes and quotes', () => {
    expect(normalizeText('0209 169–0')).toBe('0209 169-0');
    expect(normalizeText('don’t')).toBe("don't");
  });
  it('limits the length', () => {
    expect(normalizeText('a '.repeat(100000)).length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
  });
  it('never throws on non-strings', () => {
    expect(normalizeText(undefined as unknown as string)).toBe('');
  });
});

describe('folding', () => {
  it('lower-cases and spells out umlauts', () => {
    expect(foldText('Übermorgen Straße Größe Café')).toBe('uebermorgen strasse groesse cafe');
  });
  it('maps folded ranges back to the source', () => {
    const source = 'Die Größe';
    const f = foldWithMap(source);
    const start = f.text.indexOf('groesse');
    expect(sourceSpan(source, f, start, start + 'groesse'.length)).toBe('Größe');
  });
});
