import { parseCardinalWord, parseGermanCardinal, parseGermanOrdinal, parseOrdinalWord } from './index';
import { parseNumberWordRun } from './number-words';

describe('German number words', () => {
  it.each([
    ['null', 0], ['eins', 1], ['zwei', 2], ['zwo', 2], ['sechzehn', 16], ['siebzehn', 17], ['zwanzig', 20],
    ['einundzwanzig', 21], ['neunundneunzig', 99], ['hundert', 100], ['einhundert', 100], ['hundertundeins', 101],
    ['dreihundertvierzig', 340], ['tausend', 1000], ['neunzehnhundertneunzig', 1990], ['zweitausendvier', 2004],
    ['zweitausendsechsundzwanzig', 2026], ['neunzehnhundertfuenfundachtzig', 1985],
  ])('%s → %d', (word, n) => {
    expect(parseGermanCardinal(word)).toBe(n);
  });
  it.each(['hund', 'einundeins', 'zwanzigundeins', 'undzwanzig', '', 'hunderthundert'])('%j is no number', (word) => {
    expect(parseGermanCardinal(word)).toBeUndefined();
  });
  it.each([
    ['erster', 1], ['ersten', 1], ['zweite', 2], ['dritter', 3], ['dritten', 3], ['vierte', 4], ['sechste', 6], ['siebten', 7],
    ['achte', 8], ['neunten', 9], ['elften', 11], ['zwoelfter', 12], ['dreizehnter', 13], ['zwanzigsten', 20],
    ['einunddreissigste', 31],
  ])('ordinal %s → %d', (word, n) => {
    expect(parseGermanOrdinal(word)).toBe(n);
  });
  it.each(['guten', 'unter', 'leute', 'beste', 'mutter', 'hinten'])('%s is no ordinal', (word) => {
    expect(parseGermanOrdinal(word)).toBeUndefined();
  });
});

describe('English number words and runs', () => {
  it('cardinals and ordinals', () => {
    expect(parseCardinalWord('twelve')).toBe(12);
    expect(parseCardinalWord('twenty-one')).toBe(21);
    expect(parseOrdinalWord('third')).toBe(3);
    expect(parseOrdinalWord('twentyfirst')).toBe(21);
  });
  it('spoken years', () => {
    expect(parseNumberWordRun(['neunzehn', 'hundert', 'neunzig'])).toBe(1990);
    expect(parseNumberWordRun(['neunzehn', 'neunzig'])).toBe(1990);
    expect(parseNumberWordRun(['nineteen', 'ninety'])).toBe(1990);
    expect(parseNumberWordRun(['two', 'thousand', 'four'])).toBe(2004);
    expect(parseNumberWordRun(['hund'])).toBeUndefined();
  });
});
