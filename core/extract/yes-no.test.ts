import { extractYesNo } from './index';

const value = (text: string) => {
  const r = extractYesNo(text);
  return r.kind === 'value' ? r.value : r.kind;
};

describe('extractYesNo', () => {
  it.each([
    'ja', 'Ja.', 'JA!', 'jaaa', 'jo', 'joa', 'jup', 'jep', 'klar', 'na klar', 'genau', 'richtig', 'stimmt', 'passt',
    'gerne', 'sehr gerne', 'okay', 'ok', 'OK.', 'yes', 'yep', 'sure', 'correct', 'Das ist richtig', 'Ja, das stimmt',
    'ja gerne', 'äh ja', 'also ja', 'Ja genau so ist es', 'in Ordnung', 'auf jeden Fall', 'jawohl', 'Ja, bitte buchen Sie den Termin',
    'passt so', 'einverstanden', 'Ja, ich habe die Wohnungsgeberbestätigung',
  ])('%j → yes', (text) => {
    expect(value(text)).toBe(true);
  });

  it.each([
    'nein', 'Nein.', 'nee', 'nö', 'noe', 'ne', 'no', 'nope', 'falsch', 'stimmt nicht', 'das stimmt nicht', 'nicht richtig',
    'nein, ich meinte den 5.', 'Nein danke', 'auf keinen Fall', 'That is not correct', "that isn't right", 'Das ist falsch',
    'passt nicht', 'Nein, das stimmt so nicht', 'ne, lass mal',
  ])('%j → no', (text) => {
    expect(value(text)).toBe(false);
  });

  it.each([
    'ja nein', 'naja', 'na ja', 'jein', 'vielleicht', 'weiß ich nicht', 'mir ist nicht klar', 'ich hab ne Frage',
    'Ja, aber die Adresse ist falsch', 'Okay, aber das Datum stimmt nicht', 'Das habe ich ja schon gesagt, ich wohne hier seit Mai',
    'Ich hätte gerne einen Termin am Montag bitte', 'Wie lange dauert das?', '', 'nicht gerne', 'Hund', '13.05.1990',
    'Ich weiß nicht, ob das stimmt',
  ])('%j → none', (text) => {
    expect(value(text)).toBe('none');
  });

  it('returns the words it decided on as evidence', () => {
    expect(extractYesNo('Ähm, ja genau.')).toEqual({ kind: 'value', value: true, evidence: 'ja genau' });
    expect(extractYesNo('Das stimmt nicht')).toEqual({ kind: 'value', value: false, evidence: 'stimmt' });
  });
});

describe('"hab ich" as the whole answer (issue 9)', () => {
  it.each([['hab ich', true], ['habe ich schon', true], ['hab ich nicht', false], ['hab ich noch nicht', false]])('%j', (text, yes) => {
    expect(extractYesNo(text, { locale: 'de', today: '2026-11-20' })).toMatchObject({ kind: 'value', value: yes });
  });
  it('"hab ich doch schon gesagt" alone is no answer', () => {
    expect(extractYesNo('hab ich doch schon gesagt', { locale: 'de', today: '2026-11-20' }).kind).toBe('none');
  });
});
