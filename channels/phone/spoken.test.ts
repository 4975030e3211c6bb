import { normalizeSpoken, spokenCardinal, spokenOrdinal } from './spoken';

describe('spoken German numbers', () => {
  test.each([
    ['dritter Mai neunzehnhundertneunzig', '3. Mai 1990'],
    ['am dreizehnten Mai neunzehnhundertneunzig', 'am 13. Mai 1990'],
    ['der einundzwanzigste Juni zweitausendsechsundzwanzig', 'der 21. Juni 2026'],
    ['vier fünf acht sieben neun', '45879'],
    ['null eins sieben eins', '0171'],
    ['Meine Postleitzahl ist 4 5 8 7 9.', 'Meine Postleitzahl ist 45879.'],
    ['zehn Uhr dreißig', '10 Uhr 30'],
    ['ja bitte', 'ja bitte'],
    ['ein Termin in Buer', 'ein Termin in Buer'],
    ['erika punkt mustermann at example punkt org', 'erika.mustermann@example.org'],
    ['meine Adresse ist max minus muster ät web punkt de', 'meine Adresse ist max-muster@web.de'],
  ])('%s → %s', (spoken, written) => {
    expect(normalizeSpoken(spoken)).toBe(written);
  });

  test('cardinals and ordinals as words', () => {
    expect(spokenCardinal('neunzehnhundertneunzig')).toBe(1990);
    expect(spokenCardinal('zweitausendeins')).toBe(2001);
    expect(spokenCardinal('dreiundzwanzig')).toBe(23);
    expect(spokenCardinal('Hund')).toBeUndefined();
    expect(spokenOrdinal('erster')).toBe(1);
    expect(spokenOrdinal('sechsten')).toBe(6);
    expect(spokenOrdinal('siebte')).toBe(7);
    expect(spokenOrdinal('dreißigsten')).toBe(30);
    expect(spokenOrdinal('heute')).toBeUndefined();
    expect(spokenOrdinal('bitte')).toBeUndefined();
  });
});
