/** The public German phrasing of issue 9: each trap that gave a wrong value is a test. */
import { extractDate, extractInteger, extractMoney, extractTime } from '.';
import type { ExtractContext } from './types';

// A Friday.
const ctx: ExtractContext = { locale: 'de', today: '2026-11-20' };

describe('dates against the reference date', () => {
  it.each([
    ['am 15.', '2026-11-15'],
    ['seit dem 3.', '2026-11-03'],
    ['ab dem 3.', '2026-12-03'],
    ['am fünfzehnten', '2026-11-15'],
    ['in drei Wochen', '2026-12-11'],
    ['in 14 Tagen', '2026-12-04'],
    ['vor zwei Wochen', '2026-11-06'],
    ['in einem Monat', '2026-12-20'],
    ['übernächste Woche Freitag', '2026-12-04'],
    ['übernächste Woche am Freitag', '2026-12-04'],
    ['nächste Woche Montag', '2026-11-23'],
    ['seit letzter Woche Samstag', '2026-11-14'],
    ['in zwei Wochen am Mittwoch', '2026-12-02'],
    ['am Samstag, den 14.', '2026-11-14'],
    ['an Allerheiligen', '2027-11-01'],
    ['seit Allerheiligen', '2026-11-01'],
    ['Heiligabend', '2026-12-24'],
    ['Silvester', '2026-12-31'],
    ['Rosenmontag', '2027-02-08'],
    ['Karfreitag', '2027-03-26'],
    ['Ostermontag', '2027-03-29'],
    ['Christi Himmelfahrt', '2027-05-06'],
    ['Pfingstmontag 2027', '2027-05-17'],
    ['Fronleichnam', '2027-05-27'],
    ['am Tag der Deutschen Einheit', '2027-10-03'],
  ])('%j → %s', (text, iso) => {
    expect(extractDate(text, ctx)).toMatchObject({ kind: 'value', value: iso });
  });

  it('a day as near in the past as in the future is asked, unless the words tell', () => {
    expect(extractDate('am 3.', ctx)).toMatchObject({ kind: 'ambiguous', options: ['2026-11-03', '2026-12-03'] });
    expect(extractDate('Den hab ich seit dem 3.', ctx)).toMatchObject({ kind: 'value', value: '2026-11-03' });
  });

  it.each(['Ostern', 'Weihnachten', 'Pfingsten'])('%j names several days: asked', (text) => {
    expect(extractDate(text, ctx).kind).toBe('ambiguous');
  });

  it.each(['nächsten Monat', 'im Mai', 'Anfang Dezember', 'nach Weihnachten', 'kurz vor Ostern'])('%j names no day: the day is asked for', (text) => {
    expect(extractDate(text, ctx)).toMatchObject({ kind: 'invalid', reason: 'day_missing' });
  });

  it('a month phrase next to a real date does not spoil it', () => {
    expect(extractDate('Ich ziehe nächsten Monat um, am 3.12.', ctx)).toMatchObject({ kind: 'value', value: '2026-12-03' });
  });

  it('"den 5." still corrects the day of the previous value', () => {
    expect(extractDate('nein, den 5.', { ...ctx, base: '1990-05-13' })).toMatchObject({ kind: 'value', value: '1990-05-05' });
  });

  it.each(['den 2. Hund', 'zum 3. Mal', 'am 1. Tag', 'Ich habe 2 Hunde'])('%j is no date', (text) => {
    expect(extractDate(text, ctx)).toEqual({ kind: 'none' });
  });
});

describe('times', () => {
  it.each([
    ['8 Uhr abends', '20:00'],
    ['7 Uhr abends', '19:00'],
    ['um 10 nachts', '22:00'],
    ['nachts um 2', '02:00'],
    ['morgens um 8', '08:00'],
    ['um 1 mittags', '13:00'],
    ['Ich bin um 7 zurück', '07:00'],
    ['ich bin um 5 zuhause', '17:00'],
    ['Mitternacht', '00:00'],
    ['um Mitternacht', '00:00'],
    ['zur Mittagszeit', '12:00'],
    ['gegen Mittag', '12:00'],
    ['halb zwölf', '11:30'],
    ['viertel nach zehn', '10:15'],
    ['dreiviertel elf', '10:45'],
  ])('%j → %s', (text, hhmm) => {
    expect(extractTime(text, ctx)).toMatchObject({ kind: 'value', value: hhmm });
  });

  it('"viertel 6" is read differently by region: asked', () => {
    expect(extractTime('viertel 6', ctx)).toMatchObject({ kind: 'ambiguous', options: ['17:15', '18:15'] });
  });

  it.each(['Mittagessen', 'am Dienstag nachmittags', 'um 1 Hund anzumelden', 'um 2 Jahre'])('%j is no time', (text) => {
    expect(extractTime(text, ctx)).toEqual({ kind: 'none' });
  });
});

describe('numbers and money', () => {
  it.each([
    ['ein Dutzend', 12],
    ['zwei Dutzend', 24],
    ['ein halbes Dutzend', 6],
    ['wir sind zu viert', 4],
    ['2 Tausend', 2000],
  ])('%j → %d', (text, n) => {
    expect(extractInteger(text, ctx)).toMatchObject({ kind: 'value', value: n });
  });

  it.each(['in drei Wochen', 'am 15.', 'Der alte Hund ist am 10. gestorben', 'vor zwei Wochen'])('%j holds no count', (text) => {
    expect(extractInteger(text, ctx)).toEqual({ kind: 'none' });
  });

  it.each([
    ['zwei Euro fünfzig', 2.5],
    ['2 Euro 50', 2.5],
    ['zwölf Euro und fünfzig Cent', 12.5],
    ['fünfzig Cent', 0.5],
    ['12 500 €', 12500],
    ['€ 12 500', 12500],
    ['1 234 567,50 €', 1234567.5],
    ['3 Tausend Euro', 3000],
  ])('%j → %d €', (text, n) => {
    expect(extractMoney(text, ctx)).toMatchObject({ kind: 'value', value: n });
  });
});
