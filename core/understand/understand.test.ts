/**
 * Attribution on the example definitions: each fact to the slot its words name, or asked.
 * A wrong value is worse than a question, so the traps here must come out as "none" or
 * "ambiguous", never as a guess.
 */
import path from 'node:path';
import { loadServiceFile } from '../../catalog';
import type { ServiceDefinition } from '../definition/schema';
import { matchAnswer, understand } from '.';
import { peopleCount } from './people';

function def(name: string): ServiceDefinition {
  const loaded = loadServiceFile(path.join(__dirname, '..', '..', 'definitions', `${name}.yaml`));
  if (!loaded.service) throw new Error(`${name} does not load`);
  return loaded.service.definition;
}

const hund = def('hundesteuer');
const wohnsitz = def('wohnsitz-anmeldung');
const termin = def('terminvereinbarung');
const HUND_STEP = ['anzahl_hunde', 'gefaehrlich', 'rasse', 'erwerbsdatum', 'hund_alter', 'herkunft', 'gross'];

function read(d: ServiceDefinition, pending: string, text: string, open: string[] = [], locale = 'de') {
  const r = understand(d, { pending, open, text, locale, today: '2026-11-20' });
  return { pending: r.pending, fills: Object.fromEntries(r.fills.map((f) => [f.slot, f.value])) };
}

describe('a name slot takes the name, not the whole line', () => {
  it.each([
    ['Max Mustermann, max@example.org', 'Max Mustermann', { email: 'max@example.org' }],
    ['Ich heiße Jürgen Kowalczyk, meine Mail ist juergen.k@web.de', 'Jürgen Kowalczyk', { email: 'juergen.k@web.de' }],
    ['Sie heißt Mia Nowak', 'Mia Nowak', {}],
    ['Ich bin Olga Petrenko', 'Olga Petrenko', {}],
    ['Auf Ayşe Yılmaz bitte', 'Ayşe Yılmaz', {}],
    ['Mein Name ist Anna-Lena Becker', 'Anna-Lena Becker', {}],
    ['auf meinen Namen, Sabine Krüger', 'Sabine Krüger', {}],
    ['Name ist Tim Weber und die Mail tim.weber@web.de', 'Tim Weber', { email: 'tim.weber@web.de' }],
  ])('%j', (text, name, others) => {
    const r = read(termin, 'name', text, ['email']);
    expect(r.pending).toMatchObject({ kind: 'value', value: name });
    expect(r.fills).toEqual(others);
  });

  it('a sentence with digits is no name: asked again', () => {
    expect(read(termin, 'name', 'Ich wohne in der Hauptstraße 5 in Buer', ['email']).pending.kind).toBe('none');
  });

  it('an e-mail address stays in the text when no e-mail slot is open', () => {
    expect(read(termin, 'name', 'Max Mustermann, max@example.org').pending).toMatchObject({ kind: 'value', value: 'Max Mustermann, max@example.org' });
  });
});

it('a booking number inside a sentence: the number its pattern asks for', () => {
  const absagen = def('termin-absagen');
  expect(read(absagen, 'buchungsnummer', 'Hiermit sage ich den Termin GE-7H3K9M2Q ab').pending).toMatchObject({ kind: 'value', value: 'GE-7H3K9M2Q' });
  expect(read(absagen, 'buchungsnummer', 'weiß ich nicht mehr').pending).toMatchObject({ kind: 'invalid', reason: 'pattern_mismatch' });
});

describe('numbers: alternatives are asked, parts are no totals', () => {
  it.each(['2 oder 3 Jahre', 'so zwei, drei Jahre', '2 bis 3 Jahre alt'])('%j is asked, not the larger', (text) => {
    expect(read(hund, 'hund_alter', text, HUND_STEP).pending).toMatchObject({ kind: 'ambiguous', options: [2, 3] });
  });

  it('"die zwei Kinder" is not the number of persons', () => {
    expect(read(wohnsitz, 'personen', 'die zwei Kinder').pending.kind).toBe('none');
    // With the citizen named, the people listed are counted (people.ts).
    expect(read(wohnsitz, 'personen', 'ich und die zwei Kinder').pending).toMatchObject({ kind: 'value', value: 3 });
    expect(read(wohnsitz, 'standort', 'nur die zwei Kinder ziehen mit', ['personen', 'wunschdatum']).fills).toEqual({});
    expect(read(wohnsitz, 'personen', 'wir sind 4 Personen').pending).toMatchObject({ kind: 'value', value: 4 });
  });

  it('"einer", "nur einer" and English "one dog" count one dog', () => {
    expect(read(hund, 'anzahl_hunde', 'einer', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 1 });
    expect(read(hund, 'anzahl_hunde', 'nur einer', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 1 });
    expect(read(hund, 'anzahl_hunde', 'one dog', HUND_STEP, 'en').pending).toMatchObject({ kind: 'value', value: 1 });
  });

  it('a puppy is 0 years old; "seit 12 Wochen" is no age', () => {
    expect(read(hund, 'hund_alter', 'Welpe', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 0 });
    expect(read(hund, 'hund_alter', 'der is noch n Welpe, 12 Wochen', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 0 });
    expect(read(hund, 'anzahl_hunde', 'wir haben seit dem 1. November einen Welpen', HUND_STEP).fills).toMatchObject({ hund_alter: 0, erwerbsdatum: '2026-11-01' });
    expect(read(hund, 'hund_alter', 'den haben wir seit 12 Wochen', HUND_STEP).pending.kind).toBe('none');
    expect(read(hund, 'hund_alter', '18 Monate', HUND_STEP).pending.kind).toBe('none');
  });

  it('the citizen\'s own correction in one message decides; "oder" does not', () => {
    expect(read(hund, 'anzahl_hunde', 'zwei, ne, drei mit dem neuen', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 3 });
    expect(read(hund, 'hund_alter', 'der ist 4, nicht 3', HUND_STEP).pending).toMatchObject({ kind: 'value', value: 4 });
    expect(read(hund, 'erwerbsdatum', 'am 4.11., ne sorry, am 7.11.', HUND_STEP).pending).toMatchObject({ kind: 'value', value: '2026-11-07' });
    expect(read(hund, 'anzahl_hunde', 'zwei oder drei', HUND_STEP).pending.kind).toBe('ambiguous');
  });
});

describe('dates', () => {
  it('"meine Tochter wird am 20. August 16" is no birth date: asked with the year', () => {
    const ubs = def('untersuchungsberechtigungsschein');
    expect(read(ubs, 'geburtsdatum', 'meine Tochter wird am 20. August 16', ['beginn']).pending).toMatchObject({ kind: 'invalid', reason: 'year_missing' });
  });
});

describe('authored answers in other word forms', () => {
  it('"Welche Unterlage brauche ich?" is the documents answer; the weather is none', () => {
    expect(matchAnswer(hund, 'Welche Unterlage brauche ich?', 'de')?.id).toBe('unterlagen');
    expect(matchAnswer(hund, 'Wie viel Zeit hab ich?', 'de')?.id).toBe('frist');
    expect(matchAnswer(hund, 'Wie ist das Wetter morgen?', 'de')).toBeNull();
  });
});

describe('booking numbers are written the way the calendar writes them (und9)', () => {
  const absagen = def('termin-absagen');
  it.each([
    ['ge-ab12cd34', 'GE-AB12CD34'], ['GE AB12CD34', 'GE-AB12CD34'], ['GEAB12CD34', 'GE-AB12CD34'], ['GE - MN34BV56', 'GE-MN34BV56'],
    ['meine buchungsnummer lautet ge-77hjk2lm', 'GE-77HJK2LM'], ['Buchungsnr.: GE-PEYLGFTX', 'GE-PEYLGFTX'],
  ])('%j → %s', (text, want) => {
    expect(read(absagen, 'buchungsnummer', text).pending).toMatchObject({ kind: 'value', value: want });
  });
  it('two different numbers are asked about, a word is no number', () => {
    expect(read(absagen, 'buchungsnummer', 'GE-AB12CD34 oder GE-AB12CD35').pending.kind).toBe('ambiguous');
    expect(read(absagen, 'buchungsnummer', 'Generation').pending.kind).not.toBe('value');
  });
});

describe('free text: names as a clerk writes them, no sentences, no labels (und9)', () => {
  it.each([['max mustermann', 'Max Mustermann'], ['ich heiße ayşe yılmaz', 'Ayşe Yılmaz'], ['der heißt leon schmitz', 'Leon Schmitz'], ['Hans-Peter von der Heide', 'Hans-Peter von der Heide']])('%j → %s', (text, want) => {
    expect(read(termin, 'name', text, ['email']).pending).toMatchObject({ kind: 'value', value: want });
  });
  it.each(['Ich bin die Mutter von Tim', 'wieso brauchen Sie meinen Namen?', 'nein'])('%j is no name', (text) => {
    expect(read(termin, 'name', text, ['email']).pending.kind).toBe('none');
  });
  const fz = def('fuehrungszeugnis');
  it('a label before a colon is cut, a refusal is no text', () => {
    expect(read(fz, 'verwendungszweck', 'Zweck: Waffenschein').pending).toMatchObject({ kind: 'value', value: 'Waffenschein' });
    expect(read(fz, 'behoerde_anschrift', 'Anschrift: Domplatz 1-3, 48143 Münster').pending).toMatchObject({ kind: 'value', value: 'Domplatz 1-3, 48143 Münster' });
    expect(read(fz, 'behoerde_anschrift', 'hab ich grad nicht da').pending.kind).toBe('none');
  });
});

describe('a time question takes a bare hour; dates without year follow the slot rule (und9)', () => {
  it('"15" answers only the time question', () => {
    expect(read(termin, 'uhrzeit', '15').pending).toMatchObject({ kind: 'value', value: '15:00' });
    expect(read(termin, 'wunschdatum', '15', ['uhrzeit']).fills).toEqual({});
  });
  it('"am 7." for an appointment is the coming 7th when the rule rules out the past one; a birthday stays open', () => {
    const validate = (slot: string, v: unknown) => slot !== 'wunschdatum' || String(v) > '2026-11-20';
    const r = understand(termin, { pending: 'wunschdatum', open: [], text: 'am 7.', locale: 'de', today: '2026-11-20', validate });
    expect(r.pending).toMatchObject({ kind: 'value', value: '2026-12-07' });
    const fz = def('fuehrungszeugnis');
    const b = understand(fz, { pending: 'geburtsdatum', open: [], text: 'am 5. März', locale: 'de', today: '2026-11-20', validate: () => true });
    expect(b.pending.kind).not.toBe('value');
  });
});

describe('code-like text is no name (und9)', () => {
  it.each(["Robert'); DROP TABLE students;--", 'Max <script>alert(1)</script>', 'http://example.org/max', 'Max = admin'])('%j', (text) => {
    expect(read(termin, 'name', text, ['email']).pending.kind).toBe('none');
  });
  it("an apostrophe or a dot is fine: O'Brien, Dr. Müller", () => {
    expect(read(termin, 'name', "Sean O'Brien").pending).toMatchObject({ kind: 'value', value: "Sean O'Brien" });
  });
});

describe('a count of persons from the people a citizen lists (und9)', () => {
  it.each([
    ['nur ich', 1], ['ich alleine', 1], ['ich und meine Frau', 2], ['meine Frau, ich und die zwei Kinder', 4], ['2 Erwachsene, 2 Kinder', 4],
    ['Wir sind 2 Erwachsene und 1 Kind', 3], ['wir beide', 2], ['me and my wife', 2], ['mich und meinen Mann', 2],
  ])('%j → %d', (text, n) => {
    expect(read(wohnsitz, 'personen', text).pending).toMatchObject({ kind: 'value', value: n });
  });
  it.each(['Familie mit drei Kindern', 'ich und mein Hund', 'die ganze Familie'])('%j is asked again', (text) => {
    expect(read(wohnsitz, 'personen', text).pending.kind).not.toBe('value');
  });
  it('only a count of persons reads people: the number of dogs does not', () => {
    expect(read(hund, 'anzahl_hunde', 'ich und meine Frau').pending.kind).toBe('none');
  });
});

describe('numbers that are no count and spans that are no age (und9)', () => {
  it.each([['Hund angemeldet, Hausnummer 12', {}], ['Ich habe seit 3 Jahren einen Hund und jetzt einen zweiten', {}], ['ich hab 2 Jahre gewartet und jetzt einen Hund', {}]])('%j', (text, fills) => {
    const r = read(hund, 'anzahl_hunde', text, HUND_STEP.slice(1));
    expect(r.pending.kind).not.toBe('value');
    expect(r.fills).toEqual(fills);
  });
  it('"einen 2 jährigen Labrador" is an age; "einen, der ist 5" too', () => {
    expect(read(hund, 'anzahl_hunde', 'Ich habe einen 2 jährigen Labrador', HUND_STEP.slice(1)).fills).toEqual({ hund_alter: 2 });
    expect(read(hund, 'anzahl_hunde', 'einen, der ist 5', HUND_STEP.slice(1)).fills).toEqual({ hund_alter: 5 });
    expect(read(hund, 'hund_alter', 'ein halbes Jahr').pending).toMatchObject({ kind: 'value', value: 0 });
  });
});

describe('people listed without the citizen are no total (und9)', () => {
  it.each(['meine Frau', 'meine Frau und mein Sohn', 'die zwei Kinder'])('%j', (text) => {
    expect(read(wohnsitz, 'personen', text).pending.kind).toBe('none');
  });
});

describe('a stated total is not added to the people that explain it (und9)', () => {
  it.each([['2 Personen, ich und meine Frau', 2], ['wir beide, ich und mein Mann', 2]])('%j → %d', (text, n) => {
    expect(read(wohnsitz, 'personen', text).pending).toMatchObject({ kind: 'value', value: n });
  });
  it('a total that disagrees with the people named is no count of people', () => {
    expect(peopleCount('3 Personen, ich und meine Frau').kind).toBe('none');
    expect(peopleCount('ich und meine Frau')).toMatchObject({ kind: 'value', value: 2 });
  });
});
