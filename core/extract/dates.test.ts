import { extractDate } from './index';
import type { ExtractContext } from './types';

// 2026-11-26 is a Thursday.
const ctx: ExtractContext = { locale: 'de', today: '2026-11-26' };
const value = (text: string, c: ExtractContext = ctx) => {
  const r = extractDate(text, c);
  return r.kind === 'value' ? r.value : r;
};

describe('extractDate: written forms', () => {
  it.each([
    ['13.05.1990', '1990-05-13'],
    ['13.5.1990', '1990-05-13'],
    ['13.5.90', '1990-05-13'],
    ['13. 05. 1990', '1990-05-13'],
    ['13. Mai 1990', '1990-05-13'],
    ['13 Mai 1990', '1990-05-13'],
    ['13.Mai 1990', '1990-05-13'],
    ['Mai 13, 1990', '1990-05-13'],
    ['May 13th 1990', '1990-05-13'],
    ['13 May 1990', '1990-05-13'],
    ['the 13th of May 1990', '1990-05-13'],
    ['1990-05-13', '1990-05-13'],
    ['13/05/1990', '1990-05-13'],
    ['3. März 2020', '2020-03-03'],
    ['3. Maerz 2020', '2020-03-03'],
    ['3. Marz 2020', '2020-03-03'],
    ['13. Sept. 1990', '1990-09-13'],
    ['13 Sep 1990', '1990-09-13'],
    ['5. Jan. 2027', '2027-01-05'],
    ['Jan. 5, 2020', '2020-01-05'],
    ['1. Okt 2026', '2026-10-01'],
    ['am 13ten Mai 1990', '1990-05-13'],
    ['24. Dez. 2026', '2026-12-24'],
    ['29.02.2024', '2024-02-29'],
    ['geb. am 01.04.1985 in Essen', '1985-04-01'],
    ['Ich bin am 13.5.1990 geboren und wohne in 45879 Gelsenkirchen', '1990-05-13'],
    ['Geburtsdatum: 13.05.1990, Tel. 0209 169-0', '1990-05-13'],
    ['am 20.11.2026', '2026-11-20'],
    ['Freitag, den 27.11.2026', '2026-11-27'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps the evidence as written in the message', () => {
    expect(extractDate('Ich bin am 13. Mai 1990 geboren', ctx)).toEqual({ kind: 'value', value: '1990-05-13', evidence: '13. Mai 1990' });
  });
});

describe('extractDate: spoken forms (phone channel)', () => {
  it.each([
    ['dritter Mai neunzehnhundertneunzig', '1990-05-03'],
    ['am dritten Mai zweitausendvier', '2004-05-03'],
    ['dreizehnter fünfter neunzehnhundertneunzig', '1990-05-13'],
    ['der einunddreißigste Dezember neunzehnhundertneunundneunzig', '1999-12-31'],
    ['erster April neunzehn hundert fünfundachtzig', '1985-04-01'],
    ['zwanzigster Juli neunzehn neunzig', '1990-07-20'],
    ['the third of May nineteen ninety', '1990-05-03'],
    ['am siebten Juni 1975', '1975-06-07'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });
});

describe('extractDate: relative to the reference date', () => {
  it.each([
    ['heute', '2026-11-26'],
    ['morgen', '2026-11-27'],
    ['übermorgen', '2026-11-28'],
    ['uebermorgen bitte', '2026-11-28'],
    ['gestern', '2026-11-25'],
    ['today', '2026-11-26'],
    ['tomorrow', '2026-11-27'],
    ['morgen früh', '2026-11-27'],
    ['Montag', '2026-11-30'],
    ['am Freitag', '2026-11-27'],
    ['Geht auch Samstag?', '2026-11-28'],
    ['kommenden Mittwoch', '2026-12-02'],
    ['nächsten Dienstag', '2026-12-01'],
    ['next Tuesday', '2026-12-01'],
    ['diesen Freitag', '2026-11-27'],
    ['letzten Montag', '2026-11-23'],
    ['nächste Woche Dienstag', '2026-12-01'],
    ['Freitag nächste Woche', '2026-12-04'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('a weekday named on that weekday could be today or in a week', () => {
    expect(extractDate('Donnerstag', ctx)).toEqual({ kind: 'ambiguous', options: ['2026-11-26', '2026-12-03'], evidence: 'Donnerstag' });
  });

  it('"nächsten Freitag" said on a Monday is used both ways', () => {
    const monday = { locale: 'de', today: '2026-11-23' };
    expect(extractDate('nächsten Freitag', monday)).toMatchObject({ kind: 'ambiguous', options: ['2026-11-27', '2026-12-04'] });
    expect(extractDate('übernächsten Freitag', monday)).toMatchObject({ kind: 'ambiguous', options: ['2026-12-04', '2026-12-11'] });
  });

  it('"Guten Morgen" and "heute Morgen" are no dates of tomorrow', () => {
    expect(extractDate('Guten Morgen, ich brauche einen Termin', ctx)).toEqual({ kind: 'none' });
    expect(value('heute Morgen')).toBe('2026-11-26');
    expect(extractDate('montags ist geschlossen', ctx)).toEqual({ kind: 'none' });
  });

  it('a weekday that contradicts the date next to it makes the answer ambiguous', () => {
    expect(extractDate('Freitag, den 28.11.2026', ctx)).toMatchObject({ kind: 'ambiguous', options: ['2026-11-27', '2026-11-28'] });
  });

  it('a malformed reference date yields no relative date and does not throw', () => {
    expect(extractDate('morgen', { locale: 'de', today: 'gestern' })).toEqual({ kind: 'none' });
  });
});

describe('extractDate: years', () => {
  it('two-digit years: past century when the year would be in the future by more than ten years', () => {
    expect(value('13.5.90')).toBe('1990-05-13');
    expect(value('13.5.05')).toBe('2005-05-13');
    expect(value('13.5.26')).toBe('2026-05-13');
    expect(value('1.1.45')).toBe('1945-01-01');
  });

  it('two-digit years within the coming ten years are ambiguous', () => {
    expect(extractDate('13.5.30', ctx)).toMatchObject({ kind: 'ambiguous', options: ['2030-05-13', '1930-05-13'] });
  });

  it('no year: the nearest occurrence within 120 days, else ambiguous', () => {
    expect(value('15.12.')).toBe('2026-12-15');
    expect(value('5.1.')).toBe('2027-01-05');
    expect(value('am 20.11')).toBe('2026-11-20');
    expect(value('13. Mai', { locale: 'de', today: '2026-04-20' })).toBe('2026-05-13');
    expect(extractDate('5.6.', ctx)).toMatchObject({ kind: 'ambiguous', options: ['2026-06-05', '2027-06-05'] });
    expect(value('20.12.', { locale: 'de', today: '2027-01-03' })).toBe('2026-12-20');
  });
});

describe('extractDate: impossible, ambiguous and absent', () => {
  it.each(['31.02.2020', '30.2.', '29.02.2023', '31.04.2026', '32.01.2026', '13.13.2026', '31. Juni 1990', '1990-02-30'])('%s is invalid', (text) => {
    expect(extractDate(text, ctx)).toMatchObject({ kind: 'invalid', reason: 'invalid_date' });
  });

  it('two different dates in one message are ambiguous', () => {
    expect(extractDate('am 13.5.1990 oder am 14.5.1990', ctx)).toMatchObject({ kind: 'ambiguous', options: ['1990-05-13', '1990-05-14'] });
    expect(extractDate('Montag oder Dienstag', ctx)).toMatchObject({ kind: 'ambiguous', options: ['2026-11-30', '2026-12-01'] });
  });

  it('the same date written twice is one value', () => {
    expect(value('13.05.1990, also der 13. Mai 1990')).toBe('1990-05-13');
  });

  it.each([
    'Mai', 'Mai 1990', '0209 169-0', '0171/1234567', '+49 209 1690', '45879 Gelsenkirchen',
    '14:30', '9.15 Uhr', '1.000 Euro', '3,5', 'Version 2.3.1', 'Ich habe 2 Hunde', '', '    ',
    'Hauptstraße 13', 'Ich habe drei Hunde', 'achten Sie darauf',
  ])('%j is no date', (text) => {
    expect(extractDate(text, ctx)).toEqual({ kind: 'none' });
  });

  it('US order only in English and only when the day-first reading is impossible', () => {
    expect(value('05/13/1990', { locale: 'en', today: '2026-11-26' })).toBe('1990-05-13');
    expect(extractDate('05/13/1990', ctx)).toMatchObject({ kind: 'invalid' });
    expect(extractDate('05/06/1990', { locale: 'en', today: '2026-11-26' })).toMatchObject({ kind: 'ambiguous', options: ['1990-06-05', '1990-05-06'] });
  });
});

describe('extractDate: partial corrections against the previous value', () => {
  const base = { ...ctx, base: '1990-05-13' };
  it.each([
    ['den 5.', '1990-05-05'],
    ['nein, ich meinte den 5.', '1990-05-05'],
    ['Nein, der 15.', '1990-05-15'],
    ['5.', '1990-05-05'],
    ['den fünften', '1990-05-05'],
    ['im Juni', '1990-06-13'],
    ['nein, Juni', '1990-06-13'],
    ['nein, 1991', '1991-05-13'],
    ['den 5. Juni', '1990-06-05'],
    ['nein, 13.5.1991', '1991-05-13'],
    ['nein, im März', '1990-03-13'],
  ])('%s → %s', (text, expected) => {
    expect(value(text, base)).toBe(expected);
  });

  it('a correction that makes the date impossible is invalid', () => {
    expect(extractDate('den 31.', { ...ctx, base: '1990-02-13' })).toMatchObject({ kind: 'invalid', reason: 'invalid_date' });
  });

  it('without a previous value a bare day is the nearest such day (date-phrases.ts)', () => {
    expect(extractDate('den 5.', ctx)).toMatchObject({ kind: 'value', value: '2026-12-05' });
    expect(extractDate('den 5.', { ...ctx, base: 'kaputt' })).toMatchObject({ kind: 'value', value: '2026-12-05' });
  });

  it('a first name that is also a month abbreviation changes nothing', () => {
    expect(extractDate('Jan hat das eingegeben', base)).toEqual({ kind: 'none' });
  });

  it('numbers that are not days do not correct the day', () => {
    expect(extractDate('5 Hunde', base)).toEqual({ kind: 'none' });
    expect(extractDate('um 5 Uhr', base)).toEqual({ kind: 'none' });
  });
});

describe('year words and age statements (issue 9)', () => {
  const ctx = { locale: 'de', today: '2026-11-20' };
  it('"am 1. August nächsten Jahres" is next year', () => {
    expect(extractDate('am 1. August nächsten Jahres', ctx)).toMatchObject({ kind: 'value', value: '2027-08-01' });
    expect(extractDate('am 3. März letzten Jahres', ctx)).toMatchObject({ kind: 'value', value: '2025-03-03' });
    expect(extractDate('on 1 August next year', { locale: 'en', today: '2026-11-20' })).toMatchObject({ kind: 'value', value: '2027-08-01' });
  });
  it('"wird am 20. August 16" is an age turned, not the year 2016', () => {
    expect(extractDate('meine Tochter wird am 20. August 16', ctx)).toMatchObject({ kind: 'invalid', reason: 'year_missing' });
    expect(extractDate('geboren am 20. August 16', ctx)).toMatchObject({ kind: 'value', value: '2016-08-20' });
  });
});
