import { damerauLevenshtein, extractEnum } from './index';
import type { ExtractContext } from './types';

const de: ExtractContext = { locale: 'de', today: '2026-11-26' };
const en: ExtractContext = { locale: 'en', today: '2026-11-26' };

// Breeds of § 3 and § 10 LHundG NRW, as in definitions/hundesteuer.yaml.
const rassen = {
  pitbull_terrier: { label: 'Pitbull Terrier', synonyms: { de: ['pitbull', 'pit bull', 'pitbullterrier'] } },
  american_staffordshire_terrier: { label: 'American Staffordshire Terrier', synonyms: { de: ['amstaff', 'american staffordshire'] } },
  staffordshire_bullterrier: { label: 'Staffordshire Bullterrier', synonyms: { de: ['staffbull', 'staffordshire'] } },
  bullterrier: { label: 'Bullterrier', synonyms: { de: ['bull terrier'] } },
  rottweiler: { label: 'Rottweiler' },
  mastiff: { label: 'Mastiff' },
  bullmastiff: { label: 'Bullmastiff' },
  mastino_espanol: { label: 'Mastino Español', synonyms: { de: ['spanischer mastiff'] } },
  tosa_inu: { label: 'Tosa Inu', synonyms: { de: ['tosa'] } },
};
const herkunft = {
  zuechter: { label: { de: 'Züchter', en: 'Breeder' }, synonyms: { de: ['zucht'], en: ['breeder'] } },
  tierheim: { label: { de: 'Tierheim', en: 'Animal shelter' }, synonyms: { de: ['tierschutz'], en: ['shelter', 'rescue'] } },
  privat: { label: { de: 'Privat', en: 'Private' }, synonyms: { de: ['von privat', 'bekannten', 'nachbarn'], en: ['friend'] } },
  ausland: { label: { de: 'Ausland', en: 'Abroad' }, synonyms: { de: ['tierschutz ausland'] } },
};
const art = {
  zuzug: { label: 'Zuzug nach Gelsenkirchen', synonyms: { de: ['zugezogen', 'aus einer anderen stadt', 'anmeldung'] } },
  umzug: { label: 'Umzug innerhalb Gelsenkirchens', synonyms: { de: ['innerhalb', 'ummeldung'] } },
  ausland: { label: 'Zuzug aus dem Ausland', synonyms: { de: ['aus dem ausland'] } },
};
const anlass = {
  ablauf: { label: 'Alter Ausweis läuft ab', synonyms: { de: ['läuft ab', 'abgelaufen', 'verlängern'] } },
  verlust: { label: 'Verloren oder gestohlen', synonyms: { de: ['verloren', 'gestohlen', 'geklaut'] } },
};

const val = (r: ReturnType<typeof extractEnum>) => (r.kind === 'value' ? r.value : r);

describe('extractEnum', () => {
  it.each([
    ['Rottweiler', 'rottweiler'],
    ['ein Rottweiler', 'rottweiler'],
    ['rottweiler', 'rottweiler'],
    ['ROTTWEILER!', 'rottweiler'],
    ['Rottweiller', 'rottweiler'], // typo, distance 1
    ['Rotweiler', 'rottweiler'],
    ['Es ist ein Pitbull', 'pitbull_terrier'],
    ['pit bull', 'pitbull_terrier'],
    ['Staffordshire Bullterrier', 'staffordshire_bullterrier'],
    ['American Staffordshire Terrier', 'american_staffordshire_terrier'],
    ['ein Bullterrier', 'bullterrier'],
    ['Bullterier', 'bullterrier'],
    ['Bullmastiff', 'bullmastiff'],
    ['Mastino Espanol', 'mastino_espanol'],
    ['ein spanischer Mastiff', 'mastino_espanol'],
    ['Tosa', 'tosa_inu'],
    ['Ich habe zwei Rottweiler', 'rottweiler'],
  ])('breed %j → %s', (text, expected) => {
    expect(val(extractEnum(text, rassen, de))).toBe(expected);
  });

  it.each([
    ['aus dem Tierheim', 'tierheim'],
    ['vom Züchter', 'zuechter'],
    ['vom Zuechter', 'zuechter'],
    ['vom Zuchter', 'zuechter'],
    ['von Züchtern', 'zuechter'],
    ['von privat', 'privat'],
    ['von Nachbarn', 'privat'],
    ['vom Tierschutz aus dem Ausland', 'ausland'],
  ])('origin %j → %s', (text, expected) => {
    expect(val(extractEnum(text, herkunft, de))).toBe(expected);
  });

  it('English labels and synonyms in an English session', () => {
    expect(val(extractEnum('from a breeder', herkunft, en))).toBe('zuechter');
    expect(val(extractEnum('animal shelter', herkunft, en))).toBe('tierheim');
    expect(val(extractEnum('Tierheim', herkunft, en))).toBe('tierheim');
  });

  it('words of a phrase may be split by a separable verb', () => {
    expect(val(extractEnum('Mein Ausweis läuft bald ab', anlass, de))).toBe('ablauf');
    expect(val(extractEnum('Mein Perso ist mir geklaut worden', anlass, de))).toBe('verlust');
  });

  it('a word named exactly by one value is no typo of another', () => {
    expect(val(extractEnum('Ummeldung innerhalb der Stadt', art, de))).toBe('umzug');
    expect(val(extractEnum('Anmeldung', art, de))).toBe('zuzug');
    expect(val(extractEnum('ich komme aus dem Ausland', art, de))).toBe('ausland');
  });

  it('two values named → ambiguous with both', () => {
    expect(extractEnum('Rottweiler-Mastiff-Mischling', rassen, de)).toMatchObject({ kind: 'ambiguous', options: ['rottweiler', 'mastiff'] });
  });

  it('a negated value does not count', () => {
    expect(val(extractEnum('kein Rottweiler, sondern ein Pitbull', rassen, de))).toBe('pitbull_terrier');
    expect(extractEnum('Es ist kein Rottweiler', rassen, de)).toEqual({ kind: 'none' });
  });

  it.each(['Labrador', 'Dackel', 'Blumenkohl', '', 'Mast', 'Terrier', 'ja'])('%j matches nothing', (text) => {
    expect(extractEnum(text, rassen, de)).toEqual({ kind: 'none' });
  });

  it('short words are never fuzzy', () => {
    const v = { tosa_inu: { label: 'Tosa' } };
    expect(extractEnum('Rosa', v, de)).toEqual({ kind: 'none' });
    expect(extractEnum('Tosas', v, de)).toMatchObject({ kind: 'value', value: 'tosa_inu' });
  });

  it('no values → none', () => {
    expect(extractEnum('Rottweiler', undefined, de)).toEqual({ kind: 'none' });
  });

  it('Damerau-Levenshtein counts a transposition as one edit', () => {
    expect(damerauLevenshtein('rottweiler', 'rottwieler')).toBe(1);
    expect(damerauLevenshtein('anmeldung', 'ummeldung')).toBe(2);
    expect(damerauLevenshtein('abc', 'abc')).toBe(0);
  });
});

describe('a correction inside the message (issue 9)', () => {
  const orte = { buer: { label: 'Buer' }, erle: { label: 'Erle' }, horst: { label: 'Horst' } };
  it('"Buer, nee warte, lieber Erle" is Erle; "Buer oder Erle" is asked', () => {
    expect(extractEnum('Buer, nee warte, lieber Erle', orte, de)).toMatchObject({ kind: 'value', value: 'erle' });
    expect(extractEnum('Erle, nicht Buer', orte, de)).toMatchObject({ kind: 'value', value: 'erle' });
    expect(extractEnum('Buer oder Erle', orte, de)).toMatchObject({ kind: 'ambiguous' });
  });
});
