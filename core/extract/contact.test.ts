import { extractEmail, extractPhone, extractPostcode, isPlausibleEmail } from './index';

const val = (r: { kind: string; value?: unknown }) => (r.kind === 'value' ? r.value : r);

describe('extractPostcode', () => {
  it.each([
    ['45879', '45879'], ['45879 Gelsenkirchen', '45879'], ['Ich wohne in 45879 Gelsenkirchen', '45879'],
    ['meine PLZ ist 44137', '44137'], ['D-45879', '45879'], ['01067 Dresden', '01067'],
    ['Hauptstraße 5, 45894 Gelsenkirchen-Buer', '45894'], ['vier fünf acht sieben neun', '45879'],
    ['Ich bin am 13.5.1990 geboren und wohne in 45879 Gelsenkirchen', '45879'],
  ])('%j → %s', (text, expected) => {
    expect(val(extractPostcode(text))).toBe(expected);
  });

  it.each(['00999', '01000', '99999'])('%s is out of range', (text) => {
    expect(extractPostcode(text)).toMatchObject({ kind: 'invalid', reason: 'invalid_postcode' });
  });

  it.each([
    '0209 16900', '+49 209 16900', '0171 12345', '1234567', '4587', '45879€', '12.345', '13.05.1990', '', 'Gelsenkirchen',
    '458 79', 'Kundennummer 123456789',
  ])('%j is no postcode', (text) => {
    expect(extractPostcode(text)).toEqual({ kind: 'none' });
  });

  it('two postcodes are ambiguous', () => {
    expect(extractPostcode('von 44137 nach 45879')).toMatchObject({ kind: 'ambiguous', options: ['44137', '45879'] });
  });
});

describe('extractEmail', () => {
  it.each([
    ['erika@example.org', 'erika@example.org'],
    ['Max.Mustermann@Example.DE', 'max.mustermann@example.de'],
    ['meine Mail: max(at)gmx.de', 'max@gmx.de'],
    ['schreiben Sie an info@gelsenkirchen.de.', 'info@gelsenkirchen.de'],
    ['jürgen.müller@web.de', 'jürgen.müller@web.de'],
    ['a+b@sub.domain.example', 'a+b@sub.domain.example'],
  ])('%j → %s', (text, expected) => {
    expect(val(extractEmail(text))).toBe(expected);
  });

  it.each(['a@b', 'max..m@x.de', 'foo@bar.c0m', '.max@x.de', 'max@-x.de', 'max@@x.de', '@example.org'])('%j is invalid', (text) => {
    expect(extractEmail(text)).toMatchObject({ kind: 'invalid', reason: 'invalid_email' });
  });

  it('spelled out on the phone, as the whole message', () => {
    expect(extractEmail('erika punkt mustermann at example punkt org')).toEqual({ kind: 'value', value: 'erika.mustermann@example.org', evidence: 'erika punkt mustermann at example punkt org' });
    expect(val(extractEmail('Meine E-Mail-Adresse ist max unterstrich m ät gmx punkt de.'))).toBe('max_m@gmx.de');
    expect(extractEmail('Ich bin at home, das ist der Punkt')).toEqual({ kind: 'none' });
    expect(extractEmail('erika at example')).toEqual({ kind: 'none' });
  });

  it('no @ at all is none', () => {
    expect(extractEmail('Ich habe keine E-Mail')).toEqual({ kind: 'none' });
  });

  it('plausibility check', () => {
    expect(isPlausibleEmail('x@example.org')).toBe(true);
    expect(isPlausibleEmail('x@localhost')).toBe(false);
  });
});

describe('extractPhone', () => {
  it.each([
    ['0209 169-0', '+492091690'],
    ['+49 209 1690', '+492091690'],
    ['0171/1234567', '+491711234567'],
    ['0049 171 1234567', '+491711234567'],
    ['+49 (0)209 1690', '+492091690'],
    ['(0209) 169-0', '+492091690'],
    ['Tel.: 0209/169-0', '+492091690'],
    ['Meine Nummer ist 0171 123 45 67', '+491711234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['null eins sieben eins eins zwei drei vier fünf sechs sieben', '+491711234567'],
    ['null zwo null neun eins sechs neun null', '+492091690'],
    ['Ich bin am 13.5.1990 geboren, Telefon 0209 1690', '+492091690'],
  ])('%j → %s', (text, expected) => {
    expect(val(extractPhone(text))).toBe(expected);
  });

  it.each(['1690', '169-0', '45879', '13.05.1990', '46,00 €', '', 'keine Nummer', '2 Hunde'])('%j is no phone number', (text) => {
    expect(extractPhone(text)).toEqual({ kind: 'none' });
  });

  it('a number too short for an area code and line is invalid', () => {
    expect(extractPhone('0209 12')).toMatchObject({ kind: 'invalid', reason: 'invalid_phone' });
  });
});

describe('a postcode said as "45 879" (und9)', () => {
  it.each([['45 879', '45879'], ['PLZ 45 899 Gelsenkirchen', '45899'], ['Die PLZ ist 45 883', '45883']])('%j → %s', (text, want) => {
    expect(extractPostcode(text)).toMatchObject({ kind: 'value', value: want });
  });
  it.each(['0209 45 879', '45 879 12', '45 87 9'])('%j is no postcode', (text) => {
    expect(extractPostcode(text).kind).toBe('none');
  });
});
