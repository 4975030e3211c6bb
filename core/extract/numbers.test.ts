import { extractInteger, extractMoney, extractNumber, parseNumeral } from './index';
import type { ExtractContext } from './types';

const de: ExtractContext = { locale: 'de', today: '2026-11-26' };
const en: ExtractContext = { locale: 'en', today: '2026-11-26' };
const val = (r: { kind: string; value?: unknown }) => (r.kind === 'value' ? r.value : r);

describe('extractInteger', () => {
  it.each([
    ['2', 2], ['2 Hunde', 2], ['zwei', 2], ['zwei Hunde', 2], ['zwo', 2], ['drei', 3], ['zwölf', 12], ['zwanzig', 20],
    ['einundzwanzig', 21], ['hundert', 100], ['hundertdreiundzwanzig', 123], ['zweitausendvier', 2004], ['eins', 1],
    ['einen Hund', 1], ['Ich habe nur einen Hund', 1], ['Nur den einen', 1], ['Wir sind zu dritt, also 3 Personen', 3],
    ['Ich bin 35 Jahre alt', 35], ['1.000', 1000], ['twelve', 12], ['twenty-one', 21], ['-5', -5], ['null', 0],
    ['ich habe seit dem 13.5.2020 zwei Hunde', 2], ['um 14 Uhr mit 2 Personen', 2], ['Der Welpe ist 0 Jahre alt', 0],
    ['Wir sind 4', 4], ['Es sind insgesamt 3.', 3], ['Ich habe 20000 Euro gespart', 20000],
    ['Ich wohne in 45879 Gelsenkirchen mit 3 Kindern', 3], ['PLZ 45879, 3 Kinder', 3], ['45879', 45879],
  ])('%j → %p', (text, expected) => {
    expect(val(extractInteger(text, de))).toBe(expected);
  });

  it('decimals are not whole numbers', () => {
    expect(extractInteger('3,5', de)).toMatchObject({ kind: 'invalid', reason: 'not_integer' });
    expect(extractInteger('2.5', en)).toMatchObject({ kind: 'invalid', reason: 'not_integer' });
  });

  it('two different numbers are ambiguous', () => {
    expect(extractInteger('2-3', de)).toMatchObject({ kind: 'ambiguous', options: [2, 3] });
    expect(extractInteger('zwei oder drei Hunde', de)).toMatchObject({ kind: 'ambiguous', options: [2, 3] });
    expect(extractInteger('Ich habe einen großen Hund, 2 Jahre alt', de)).toMatchObject({ kind: 'value', value: 2 });
  });

  it.each([
    'ein paar', 'keine Ahnung', 'Hund', '', '0171 1234567', '13.05.1990', 'um 14 Uhr', 'aus einer anderen Stadt',
    'Ich brauche einen Termin', 'max@example.org', 'Ich habe einen Hund und eine Katze, beide wohnen bei mir',
  ])('%j is no integer', (text) => {
    expect(extractInteger(text, de)).toEqual({ kind: 'none' });
  });
});

describe('extractNumber and separators', () => {
  it.each([
    ['3,5', 3.5], ['3.5', 3.5], ['1.000,50', 1000.5], ['1.234.567', 1234567], ['20%', 20], ['drei', 3], ['0,75', 0.75],
  ])('de %j → %p', (text, expected) => {
    expect(val(extractNumber(text, de))).toBe(expected);
  });
  it.each([['1,000', 1000], ['1,000.50', 1000.5], ['3.5', 3.5], ['3,5', 3.5]])('en %j → %p', (text, expected) => {
    expect(val(extractNumber(text, en))).toBe(expected);
  });
  it('"1,000" in German is a decimal by the book and a thousand by habit: ambiguous', () => {
    expect(extractNumber('1,000', de)).toMatchObject({ kind: 'ambiguous', options: [1, 1000] });
    expect(parseNumeral('1.000', 'de')).toEqual([1000]);
    expect(parseNumeral('abc', 'de')).toEqual([]);
  });
});

describe('extractMoney', () => {
  it.each([
    ['46,00 €', 46], ['46 Euro', 46], ['46 €', 46], ['46€', 46], ['EUR 46.50', 46.5], ['€46', 46], ['€ 46,50', 46.5],
    ['46,-', 46], ['46,- €', 46], ['46 Euro 50', 46.5], ['46 Euro und 50 Cent', 46.5], ['50 Cent', 0.5],
    ['sechsundvierzig Euro', 46], ['Gebühr 1.234,50 €', 1234.5], ['2500', 2500], ['ca. 2.500 Euro netto', 2500],
    ['Ich verdiene 1800 Euro im Monat', 1800],
  ])('%j → %p', (text, expected) => {
    expect(val(extractMoney(text, de))).toBe(expected);
  });

  it('English amounts', () => {
    expect(val(extractMoney('€1,234.50', en))).toBe(1234.5);
    expect(val(extractMoney('46 euros', en))).toBe(46);
  });

  it('more than two decimals is no amount of money', () => {
    expect(extractMoney('46,005 €', de)).toMatchObject({ kind: 'invalid', reason: 'invalid_money' });
    expect(extractMoney('3,14159', de)).toMatchObject({ kind: 'invalid', reason: 'invalid_money' });
  });

  it('an amount with currency wins over other numbers in the message', () => {
    expect(val(extractMoney('Für 2 Hunde zahle ich 147 €', de))).toBe(147);
  });

  it('nothing numeric is none; an article is no amount', () => {
    expect(extractMoney('nichts', de)).toEqual({ kind: 'none' });
    expect(extractMoney('ein Personalausweis', de)).toEqual({ kind: 'none' });
  });
});

describe('"einer" (issue 9)', () => {
  const ctx = { locale: 'de', today: '2026-11-20' };
  it('"einer" and "nur einer" are one; "einer meiner Hunde" is a part', () => {
    expect(extractInteger('einer', ctx)).toMatchObject({ kind: 'value', value: 1 });
    expect(extractInteger('nur einer', ctx)).toMatchObject({ kind: 'value', value: 1 });
    expect(extractInteger('einer meiner Hunde', ctx)).toEqual({ kind: 'none' });
  });
});
