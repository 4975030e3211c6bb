/** Whole citizen messages as they arrive: dialect, typos, several facts, chatter around the answer. */
import type { Slot } from '../definition/schema';
import { extractForSlot } from './index';
import type { ExtractContext, Extraction } from './types';

const ctx: ExtractContext = { locale: 'de', today: '2026-11-26' };
const slot = (type: Slot['type'], extra: Partial<Slot> = {}): Slot =>
  ({ type, ask: 'Frage?', personal: false, confirm: false, optional: false, accept_anytime: false, ...extra }) as Slot;
const got = (r: Extraction) => (r.kind === 'value' ? r.value : r.kind === 'ambiguous' ? { options: r.options } : r.kind);

describe('real-looking messages', () => {
  it.each<[Slot['type'], string, unknown]>([
    ['date', 'Also geboren bin ich am 3.4.1985, in Essen', '1985-04-03'],
    ['date', 'geb. 01.04.85', '1985-04-01'],
    ['date', 'ich bin am dreizehnten mai neunzehnhundertneunzig geboren', '1990-05-13'],
    ['date', 'Eingezogen sind wir am 1. November', '2026-11-01'],
    ['date', 'Ham wa am 14.11. geholt, den Hund', '2026-11-14'],
    ['date', 'Geht es auch übermorgen so um 10?', '2026-11-28'],
    ['date', 'am liebsten nächsten Mittwoch', '2026-12-02'],
    ['date', 'Mo oder Di', 'none'],
    ['time', 'so gegen halb elf wär gut', '10:30'],
    ['time', 'Am besten nachmittags, so um drei', '15:00'],
    ['time', 'ab 10 Uhr', '10:00'],
    ['time', 'Vormittags wäre mir lieber', 'none'],
    ['integer', 'Wir ham zwei Hunde', 2],
    ['integer', 'Nur den einen', 1],
    ['integer', 'drei stück', 3],
    ['integer', 'Wir sind zu viert', 4],
    ['boolean', 'Jo, passt scho', true],
    ['boolean', 'Jau', true],
    ['boolean', 'Nee, dat stimmt nich', false],
    ['boolean', 'Nö, hab ich nicht', false],
    ['boolean', 'Ne, noch nicht', false],
    ['boolean', 'Keine Ahnung ehrlich gesagt', 'none'],
    ['boolean', 'Yes, that is correct', true],
    ['boolean', 'No, that is wrong', false],
    ['postcode', 'PLZ: 45879', '45879'],
    ['postcode', 'Ich wohne in der Bahnhofstr. 12 in 45879 Gelsenkirchen', '45879'],
    ['postcode', 'Telefon 0209 16900', 'none'],
    ['phone', 'Erreichbar bin ich unter 0171 / 123 45 67', '+491711234567'],
    ['phone', 'Tel 0209-169-0 (Zentrale)', '+492091690'],
    ['email', 'Meine Mail ist Erika.Mustermann@Example.org, danke!', 'erika.mustermann@example.org'],
    ['email', 'erika at example punkt org', 'erika@example.org'],
    ['email', 'Schreiben Sie mir at home', 'none'],
    ['money', 'Ich zahle derzeit 129,- im Jahr', 129],
    ['text', '  Erika   Mustermann  ', 'Erika Mustermann'],
  ])('%s ← %j', (type, text, expected) => {
    expect(got(extractForSlot(slot(type), text, ctx))).toEqual(expected);
  });

  it('one message, many facts, each slot takes its own', () => {
    const text = 'Hallo, ich heiße Erika, bin am 13.5.1990 geboren, wohne in 45879 Gelsenkirchen und habe 2 Hunde. Tel. 0209 169-0';
    expect(got(extractForSlot(slot('date'), text, ctx))).toBe('1990-05-13');
    expect(got(extractForSlot(slot('postcode'), text, ctx))).toBe('45879');
    expect(got(extractForSlot(slot('integer'), text, ctx))).toBe(2);
    expect(got(extractForSlot(slot('phone'), text, ctx))).toBe('+492091690');
    expect(got(extractForSlot(slot('time'), text, ctx))).toBe('none');
    expect(got(extractForSlot(slot('email'), text, ctx))).toBe('none');
  });

  it('typos in enum answers within the tolerance', () => {
    const values = {
      personalausweis: { label: 'Personalausweis', synonyms: { de: ['perso', 'ausweis'] } },
      reisepass: { label: 'Reisepass', synonyms: { de: ['pass'] } },
      meldebescheinigung: { label: 'Meldebescheinigung' },
    };
    const s = slot('enum', { values });
    expect(got(extractForSlot(s, 'Personalausweiss', ctx))).toBe('personalausweis');
    expect(got(extractForSlot(s, 'Persnalausweis', ctx))).toBe('personalausweis');
    expect(got(extractForSlot(s, 'Reißepass', ctx))).toBe('reisepass');
    expect(got(extractForSlot(s, 'Meldebeschienigung', ctx))).toBe('meldebescheinigung');
    expect(got(extractForSlot(s, 'Ausweis und Pass', ctx))).toEqual({ options: ['personalausweis', 'reisepass'] });
    expect(got(extractForSlot(s, 'Führerschein', ctx))).toBe('none');
  });
});
