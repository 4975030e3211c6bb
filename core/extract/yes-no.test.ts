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

describe('yes and no said as a short statement (und9)', () => {
  it.each([
    ['liegt vor', true], ['die liegt mir vor', true], ['hab ich schon bekommen', true], ['ich hab eine', true], ['hab ich gemeldet', true],
    ['noch nicht', false], ['ich habe keine', false], ['hab keine', false],
    ['hab ich noch nicht gemacht', false], ['liegt noch nicht vor', false], ['fehlt noch', false], ['ist kein Listenhund', false],
    ['nicht gefährlich', false], ['eher nicht', false], ['nicht wirklich', false], ['möchte ich nicht', false], ['brauch ich nicht', false],
    ['ja möchte ich', true], ['I do', true], ["I don't", false], ['not yet', false], ['not really', false],
    ['hab ich grad nicht da', false], ['brauche ich das?', 'none'], ['nicht gerne', 'none'],
  ])('%j', (text, want) => {
    expect(value(text)).toBe(want);
  });
  it('"of course not" is no, "of course" yes; "aber sicher" is yes, not a reservation', () => {
    expect(value('of course not')).toBe(false);
    expect(value('of course')).toBe(true);
    expect(value('aber sicher')).toBe(true);
    expect(value('aber klar')).toBe(true);
    expect(value('ja, aber nur als Foto')).toBe('none');
  });
  it.each([['klaro', true], ['sicher', true], ['sicher nicht', false], ['auf jeden', true], ['auf gar keinen Fall', false], ['absolutely', true], ['definitely not', false]])('%j', (text, want) => {
    expect(value(text)).toBe(want);
  });
});
