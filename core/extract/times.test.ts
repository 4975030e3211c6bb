import { bareHour, extractTime } from './index';

const value = (text: string) => {
  const r = extractTime(text);
  return r.kind === 'value' ? r.value : r;
};

describe('extractTime', () => {
  it.each([
    ['14 Uhr', '14:00'],
    ['um 14 Uhr bitte', '14:00'],
    ['14:30', '14:30'],
    ['14:30 Uhr', '14:30'],
    ['9.15 Uhr', '09:15'],
    ['9:05', '09:05'],
    ['14 Uhr 30', '14:30'],
    ['14h', '14:00'],
    ['2 pm', '14:00'],
    ['2:30 pm', '14:30'],
    ['11am', '11:00'],
    ['12 am', '00:00'],
    ['12 pm', '12:00'],
    ['halb drei', '14:30'],
    ['halb eins', '12:30'],
    ['halb acht', '07:30'],
    ['halb neun morgens', '08:30'],
    ['halb sieben abends', '18:30'],
    ['viertel nach drei', '15:15'],
    ['viertel vor drei', '14:45'],
    ['dreiviertel drei', '14:45'],
    ['zehn nach halb drei', '14:40'],
    ['fünf vor halb drei', '14:25'],
    ['zehn nach drei', '15:10'],
    ['fünf vor zwölf', '11:55'],
    ['um drei', '15:00'],
    ['um 15', '15:00'],
    ['so gegen 10 Uhr', '10:00'],
    ['ab 10 Uhr', '10:00'],
    ['drei Uhr', '15:00'],
    ['ein Uhr', '13:00'],
    ['3 Uhr nachmittags', '15:00'],
    ['um 8 Uhr früh', '08:00'],
    ['um 3 Uhr morgens', '03:00'],
    ['03:00', '03:00'],
    ['Termin um 10:00 Uhr bitte', '10:00'],
    ['am 5.6. um 14 Uhr', '14:00'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps the evidence', () => {
    expect(extractTime('Passt Ihnen halb drei?')).toEqual({ kind: 'value', value: '14:30', evidence: 'halb drei' });
  });

  it.each(['25:00', '14:75', '24:30'])('%s is no real time', (text) => {
    expect(extractTime(text)).toMatchObject({ kind: 'invalid', reason: 'invalid_time' });
  });

  it('two times offered are ambiguous', () => {
    expect(extractTime('zwischen 14 und 15 Uhr')).toMatchObject({ kind: 'ambiguous', options: ['14:00', '15:00'] });
    expect(extractTime('14:00 oder 16:30')).toMatchObject({ kind: 'ambiguous', options: ['14:00', '16:30'] });
  });

  it.each([
    'vormittags', 'nachmittags', 'am Vormittag', 'mittags', 'morgen', '13.05.1990', '0209 169-0', 'ich habe 2 Hunde',
    '46,00 €', '45879', 'vor drei Jahren', 'Ich habe eine Uhr gefunden', 'um 1 Hund anzumelden', 'Ich bin vor 3 Jahren umgezogen', '', 'halb so schlimm',
  ])('%j is no time', (text) => {
    expect(extractTime(text)).toEqual({ kind: 'none' });
  });
});

describe('ranges, dotted times, English and bare hours (und9)', () => {
  it.each(['vor 10 Uhr', 'bis 12 Uhr', 'nach 16 Uhr', 'after 3 pm', 'spätestens um 11'])('%j is the bound of a range, no time', (text) => {
    expect(extractTime(text).kind).toBe('none');
  });
  it.each([
    ['ab 15 Uhr', '15:00'], ['nicht vor 10 Uhr', '10:00'], ['16.30', '16:30'], ['um 16.30', '16:30'], ['7.30', '07:30'],
    ['half past 2', '14:30'], ['quarter past 3', '15:15'], ['quarter to 4', '15:45'], ['around 10', '10:00'], ['Mittag', '12:00'],
    ['um 9, nee, um 10', '10:00'], ['um 9 bitte, oder doch lieber um 10', '10:00'],
  ])('%j → %s', (text, want) => {
    expect(value(text)).toBe(want);
  });
  it('"10.12" alone may be a date: no time', () => {
    expect(extractTime('10.12').kind).toBe('none');
  });
  it('a bare hour is read only by bareHour (the answer to a time question)', () => {
    expect(extractTime('15').kind).toBe('none');
    expect(bareHour('15')).toMatchObject({ kind: 'value', value: '15:00' });
    expect(bareHour('neun')).toMatchObject({ kind: 'value', value: '09:00' });
    expect(bareHour('3')).toMatchObject({ kind: 'value', value: '15:00' });
    expect(bareHour('0').kind).toBe('none');
    expect(bareHour('zwei Hunde').kind).toBe('none');
  });
});

describe('counts after "Uhr", "oder" alternatives, range ends (und9)', () => {
  it.each([['um 10 Uhr zwei Personen', '10:00'], ['am Dienstag um 8 Uhr drei Leute', '08:00'], ['um 10 Uhr fünf', '10:05'], ['ab 9 Uhr morgens bis 12', '09:00'], ['midday', '12:00'], ['um 9 oder lieber 10', '10:00']])('%j → %s', (text, want) => {
    expect(value(text)).toBe(want);
  });
  it('"um acht oder neun" offers both', () => {
    expect(extractTime('um acht oder neun')).toMatchObject({ kind: 'ambiguous', options: ['08:00', '09:00'] });
  });
});
