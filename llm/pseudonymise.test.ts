import { pseudonymise, restore } from './pseudonymise';

describe('pseudonymise', () => {
  test.each([
    ['Ich heiße Max Müller, bitte', 'Max Müller', 'NAME'],
    ['Mein Name ist Ayşe Yılmaz.', 'Ayşe Yılmaz', 'NAME'],
    ['my name is John Smith', 'John Smith', 'NAME'],
    ['Frau Schmidt-Meier hat angerufen', 'Schmidt-Meier', 'NAME'],
    ['Mein Sohn Jonas fängt an', 'Jonas', 'NAME'],
    ['Mail: max.mueller@example.org', 'max.mueller@example.org', 'EMAIL'],
    ['Tel 0209 1234567', '0209 1234567', 'PHONE'],
    ['mobil +49 176 12345678', '+49 176 12345678', 'PHONE'],
    ['IBAN DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 00', 'IBAN'],
    ['IBAN DE89370400440532013000 bitte', 'DE89370400440532013000', 'IBAN'],
    ['Steuer-ID 12 345 678 901', '12 345 678 901', 'TAXID'],
    ['Steuernummer 123/4567/89012', '123/4567/89012', 'TAXID'],
    ['Ausweisnummer L01X00T47', 'L01X00T47', 'ID'],
    ['wohne Bahnhofstraße 12a', 'Bahnhofstraße 12a', 'ADDRESS'],
    ['wohne in der Hauptstr. 5', 'Hauptstr. 5', 'ADDRESS'],
  ])('%s → no "%s" left', (text, secret, kind) => {
    const p = pseudonymise(text);
    expect(p.text).not.toContain(secret);
    expect(p.text).toMatch(new RegExp(`\\[${kind}_1\\]`));
    expect(restore(p.text, p.map)).toBe(text);
  });

  test('a bare name (two capitalised words) is a name; enum words, months and greetings are kept', () => {
    const p = pseudonymise('Max Mustermann, Termin in Hans Sachs Haus, Ende Juni, Guten Tag', [], ['hans', 'sachs', 'haus']);
    expect(p.text).toBe('[NAME_1], Termin in Hans Sachs Haus, Ende Juni, Guten Tag');
    expect(pseudonymise('Staffordshire Bullterrier Mischling', [], ['staffordshire', 'bullterrier']).text).toBe('Staffordshire Bullterrier Mischling');
  });

  test('keeps what extraction needs: dates, postcodes, ages, enum words', () => {
    const text = 'Mein Perso läuft am 30.06.2027 ab, bin 58, PLZ 45879, hab noch n Papierfoto';
    expect(pseudonymise(text, [], [], { today: '2026-12-01' }).text).toBe(text);
  });

  test('known values of the session are replaced wherever they occur', () => {
    const p = pseudonymise('Schicken Sie es an Kowalski, Jan', ['Kowalski, Jan']);
    expect(p.text).not.toContain('Kowalski');
  });

  test('the same value gets the same placeholder; restore works in nested data', () => {
    const p = pseudonymise('a@b.de und nochmal a@b.de');
    expect(p.text).toBe('[EMAIL_1] und nochmal [EMAIL_1]');
    expect(restore({ list: [{ value: '[EMAIL_1]', evidence: 'an [EMAIL_1]' }], n: 3 }, p.map)).toEqual({ list: [{ value: 'a@b.de', evidence: 'an a@b.de' }], n: 3 });
  });

  test('a placeholder the model invents is left as it is (and then fails grounding)', () => {
    const p = pseudonymise('Ich heiße Max Müller');
    expect(restore('[NAME_7]', p.map)).toBe('[NAME_7]');
  });
});

describe('birth dates for external providers', () => {
  test.each([
    ['Ich bin am 13.05.1990 geboren', '13.05.1990'],
    ['meine Tochter ist am 02.03.2011 geboren', '02.03.2011'],
    ['geboren am 02.03.2011, Mail folgt', '02.03.2011'],
    ['Geburtsdatum: 2011-03-02', '2011-03-02'],
    ['geb. 5. März 2012', '5. März 2012'],
    ['date of birth 13 May 2009', '13 May 2009'],
    ['Hund seit 1.2.1999 bei mir, ich 7.7.1975', '7.7.1975'],
  ])('%s → "%s" does not go out, and comes back restored', (text, secret) => {
    const p = pseudonymise(text);
    expect(p.text).not.toContain(secret);
    expect(p.text).toMatch(/\[DATE_\d\]/);
    expect(restore(p.text, p.map)).toBe(text);
  });

  test('dates from today on still go out (appointments, start dates); none without a today', () => {
    for (const text of ['Termin am 10.12.2026 bitte', 'Mein Sohn fängt am 01.08.2027 an', 'ab dem 15. Dezember 2026', 'heute, 1.12.26', '١٥/١٢/٢٠٢٦']) {
      expect(pseudonymise(text, [], [], { today: '2026-12-01' }).text).toBe(text);
      expect(pseudonymise(text).text).not.toBe(text);
    }
  });

  // issue 12: a birth date needs no cue word, and comes in every spelling and language.
  test.each([
    ['12.03.2005', '12.03.2005'],
    ['03/12/2005 bitte', '03/12/2005'],
    ['12-03-2005', '12-03-2005'],
    ['2005/03/12', '2005/03/12'],
    ['Das ist der 7.7.75.', '7.7.75'],
    ['am 1.12.25 war das', '1.12.25'],
    ['12 Mart 2005 doğdum', '12 Mart 2005'],
    ['3 травня 2010', '3 травня 2010'],
    ['12 marca 2005', '12 marca 2005'],
    ['May 13, 2009', 'May 13, 2009'],
    ['١٢/٠٣/٢٠٠٥', '١٢/٠٣/٢٠٠٥'],
    ['seit dem 3.11.2026 wohne ich hier', '3.11.2026'],
    ['Hund gekauft 2026-11-30', '2026-11-30'],
  ])('past date without a cue: %s → "%s" is held back from an external model', (text, secret) => {
    const p = pseudonymise(text, [], [], { today: '2026-12-01' });
    expect(p.text).not.toContain(secret);
    expect(restore(p.text, p.map)).toBe(text);
  });
});
