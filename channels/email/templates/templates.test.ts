import { formatDateTime, formatMoney, renderNotification, TemplateError } from '.';
import { personName } from './format';

const ctx = (locale: 'de' | 'en') => ({ locale, serviceAddress: 'buergerservice@stadt.example' });

describe('notification templates', () => {
  test('termin_bestaetigung in German: booking number, date and time, place, how to cancel', () => {
    const m = renderNotification('termin_bestaetigung', { booking: 'GE-AB12CD34', beginn: '2026-11-27T10:00', ort: 'Buer', name: 'Erika Mustermann' }, ctx('de'));
    expect(m.subject).toBe('Ihr Termin GE-AB12CD34 – Freitag, 27. November 2026, 10:00 Uhr');
    expect(m.text).toMatch(/^Guten Tag,/);
    expect(m.text).not.toContain('Mustermann');
    expect(m.text).toContain('Buchungsnummer:   GE-AB12CD34');
    expect(m.text).toContain('Freitag, 27. November 2026, 10:00 Uhr');
    expect(m.text).toContain('BÜRGERcenter Buer');
    expect(m.text).toMatch(/spätestens 24 Stunden vorher ab/);
    expect(m.text).toContain('buergerservice@stadt.example');
  });

  test('termin_bestaetigung in English', () => {
    const m = renderNotification('termin_bestaetigung', { booking: 'GE-AB12CD34', beginn: '2026-12-28T08:00', ort: 'Horst' }, ctx('en'));
    expect(m.subject).toBe('Your appointment GE-AB12CD34 – Monday, 28 December 2026, 08:00');
    expect(m.text).toMatch(/^Hello,/);
    expect(m.text).toContain('Place:          BÜRGERcenter Horst');
    expect(m.text).toMatch(/at least 24 hours before/);
  });

  test('hundesteuer_eingang names the expected rate and that it is no assessment yet', () => {
    const de = renderNotification('hundesteuer_eingang', { name: 'Max Muster', steuersatz: 129 }, ctx('de'));
    expect(de.text).toContain('Voraussichtliche Jahressteuer für diesen Hund: 129,00 €');
    expect(de.text).toContain('noch kein Steuerbescheid');
    const en = renderNotification('hundesteuer_eingang', { steuersatz: 627 }, ctx('en'));
    expect(en.text).toContain('€627.00');
    expect(en.text).toContain('not yet a tax assessment');
  });

  test('untersuchungsberechtigungsschein names the person, the start and the 14-month rule', () => {
    const de = renderNotification('untersuchungsberechtigungsschein', { name: 'Lena Muster', beginn: '2027-08-01' }, ctx('de'));
    expect(de.subject).toBe('Untersuchungsberechtigungsschein (Jugendarbeitsschutz)');
    expect(de.text).toContain('Jugendliche Person:   Lena Muster');
    expect(de.text).toContain('Beschäftigungsbeginn: Sonntag, 1. August 2027');
    expect(de.text).toContain('14 Monate');
    const en = renderNotification('untersuchungsberechtigungsschein', { name: 'Lena Muster', beginn: '2027-08-01' }, ctx('en'));
    expect(en.text).toContain('Start of work: Sunday, 1 August 2027');
  });

  test('an unknown template or missing data is a clear error with a code', () => {
    expect(() => renderNotification('termin_bestätigung', {}, ctx('de'))).toThrow(/No e-mail template "termin_bestätigung". Known: termin_bestaetigung/);
    const err = (() => { try { renderNotification('termin_bestaetigung', { booking: 'GE-1', ort: '' }, ctx('de')); } catch (e) { return e; } })() as TemplateError;
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.code).toBe('missing_data');
    expect(err.message).toMatch(/needs beginn, ort/);
  });

  test('values are one plain line; formatters leave unknown shapes alone', () => {
    const m = renderNotification('termin_bestaetigung', { booking: 'GE-1\r\nBcc: x@evil', beginn: 'bald', ort: 'Erle' }, ctx('de'));
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).toContain('Datum und Uhrzeit: bald');
    expect(formatDateTime('2026-11-27T10:00', 'en')).toBe('Friday, 27 November 2026, 10:00');
    expect(formatMoney('abc', 'de')).toBe('abc');
  });

  test('a phishing "name" reaches no subject, greeting or link of any city mail', () => {
    const name = 'Kunde, Ihr Konto wird gesperrt. Bestätigen Sie unter http://stadt-login.example/login';
    const data = { booking: 'GE-AB12CD34', beginn: '2026-11-27T10:00', ort: 'Buer', name, steuersatz: 129, text: `Hallo ${name}`, betreff: name };
    for (const template of ['termin_bestaetigung', 'hundesteuer_eingang', 'untersuchungsberechtigungsschein', 'nachricht']) {
      for (const locale of ['de', 'en'] as const) {
        const m = renderNotification(template, { ...data, beginn: template === 'untersuchungsberechtigungsschein' ? '2027-08-01' : data.beginn }, ctx(locale));
        expect(`${m.subject}\n${m.text}`).not.toMatch(/https?:|stadt-login\.example|www\./);
        expect(m.subject).not.toMatch(/gesperrt|Kunde/);
        expect(m.text.split('\n')[0]).not.toMatch(/gesperrt|Kunde/);
      }
    }
  });

  test.each([
    ['Kunde Ihr Konto wird gesperrt', ''], ['Max Stadt-Login.Com', ''], ['Bitte sofort anrufen', ''],
    ['Anna-Lena von der Heide', 'Anna-Lena von der Heide'], ['Ayşe Yılmaz', 'Ayşe Yılmaz'], ["D'Angelo O'Neill", "D'Angelo O'Neill"],
  ])('a name that is a sentence or a domain is not printed: %j', (input, printed) => {
    expect(personName(input)).toBe(printed);
  });

  test('nachricht carries the words of the definition itself', () => {
    const m = renderNotification('nachricht', { betreff: 'Ihre Bestellung', text: 'Gebühr: 8 €' }, ctx('de'));
    expect(m.subject).toBe('Ihre Bestellung');
    expect(m.text).toMatch(/^Guten Tag,\n\nGebühr: 8 €/);
    expect(() => renderNotification('nachricht', { betreff: 'x' }, ctx('de'))).toThrow(TemplateError);
  });
});
