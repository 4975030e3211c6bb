import type { Slot } from '../definition/schema';
import { extractForSlot, formatValue, reasonMessage } from './index';
import type { ExtractContext } from './types';

const ctx: ExtractContext = { locale: 'de', today: '2026-11-26' };
const slot = (s: Partial<Slot> & Pick<Slot, 'type'>): Slot =>
  ({ ask: 'Frage?', personal: false, confirm: false, optional: false, accept_anytime: false, ...s }) as Slot;

describe('extractForSlot: dispatch by type', () => {
  const message = 'Ich bin am 13.5.1990 geboren und wohne in 45879 Gelsenkirchen, Tel. 0209 169-0, max@example.org';
  it.each<[Slot['type'], unknown]>([
    ['date', '1990-05-13'],
    ['postcode', '45879'],
    ['phone', '+492091690'],
    ['email', 'max@example.org'],
  ])('several facts in one message: %s → %p', (type, expected) => {
    expect(extractForSlot(slot({ type }), message, ctx)).toMatchObject({ kind: 'value', value: expected });
  });

  it('every type', () => {
    expect(extractForSlot(slot({ type: 'time' }), 'halb drei', ctx)).toMatchObject({ value: '14:30' });
    expect(extractForSlot(slot({ type: 'integer' }), '2 Hunde', ctx)).toMatchObject({ value: 2 });
    expect(extractForSlot(slot({ type: 'number' }), '3,5', ctx)).toMatchObject({ value: 3.5 });
    expect(extractForSlot(slot({ type: 'money' }), '46,00 €', ctx)).toMatchObject({ value: 46 });
    expect(extractForSlot(slot({ type: 'boolean' }), 'jo', ctx)).toMatchObject({ value: true });
    expect(extractForSlot(slot({ type: 'text' }), '  Erika   Mustermann ', ctx)).toMatchObject({ value: 'Erika Mustermann' });
    const values = { tierheim: { label: 'Tierheim' }, privat: { label: 'Privat' } };
    expect(extractForSlot(slot({ type: 'enum', values }), 'aus dem Tierheim', ctx)).toMatchObject({ value: 'tierheim' });
    expect(extractForSlot(slot({ type: 'enum' }), 'aus dem Tierheim', ctx)).toEqual({ kind: 'none' });
  });
});

describe('extractForSlot: limits of the slot', () => {
  it('min and max', () => {
    const s = slot({ type: 'integer', min: 1, max: 20 });
    expect(extractForSlot(s, '0', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_small' });
    expect(extractForSlot(s, '25 Hunde', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_large' });
    expect(extractForSlot(s, '20', ctx)).toMatchObject({ kind: 'value', value: 20 });
    expect(extractForSlot(slot({ type: 'money', max: 10000 }), '12.000 €', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_large' });
  });

  it('min_length, max_length, pattern', () => {
    const name = slot({ type: 'text', min_length: 2, max_length: 10 });
    expect(extractForSlot(name, 'E', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_short' });
    expect(extractForSlot(name, 'Erika Mustermann-Schulze', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_long' });
    const aktenzeichen = slot({ type: 'text', pattern: '[A-Z]{2}-\\d{4}' });
    expect(extractForSlot(aktenzeichen, 'AB-1234', ctx)).toMatchObject({ kind: 'value', value: 'AB-1234' });
    expect(extractForSlot(aktenzeichen, 'Mein Zeichen ist AB-1234', ctx)).toMatchObject({ kind: 'invalid', reason: 'pattern_mismatch' });
    expect(extractForSlot(slot({ type: 'text', pattern: '([' }), 'x', ctx)).toMatchObject({ kind: 'invalid', reason: 'pattern_invalid' });
  });

  it('an ambiguous answer keeps only options within the limits', () => {
    const s = slot({ type: 'integer', min: 1, max: 20 });
    expect(extractForSlot(s, 'zwei oder 30', ctx)).toMatchObject({ kind: 'ambiguous', options: [2] });
    expect(extractForSlot(s, '25 oder 30', ctx)).toMatchObject({ kind: 'invalid', reason: 'too_large' });
    expect(extractForSlot(s, 'zwei oder drei', ctx)).toMatchObject({ kind: 'ambiguous', options: [2, 3] });
  });

  it('invalid values from the extractor pass through', () => {
    expect(extractForSlot(slot({ type: 'date' }), '31.02.2020', ctx)).toMatchObject({ kind: 'invalid', reason: 'invalid_date' });
    expect(reasonMessage('invalid_date', 'de')).toMatch(/Datum/);
    expect(reasonMessage('too_small', 'en')).toMatch(/small/);
    expect(reasonMessage('unknown_key', 'de')).toMatch(/nicht verwendet/);
  });

  it('bad input never throws', () => {
    for (const type of ['text', 'date', 'time', 'integer', 'number', 'money', 'boolean', 'enum', 'email', 'phone', 'postcode'] as const) {
      for (const text of ['', '\u0000\u202E', 'x'.repeat(100000), '(((((', '@@@', '9'.repeat(400), '.,-/:']) {
        expect(() => extractForSlot(slot({ type }), text, ctx)).not.toThrow();
      }
    }
  });
});

describe('formatValue', () => {
  it('dates', () => {
    expect(formatValue(slot({ type: 'date' }), '1990-05-13', 'de')).toBe('13. Mai 1990');
    expect(formatValue(slot({ type: 'date' }), '1990-03-01', 'de')).toBe('1. März 1990');
    expect(formatValue(slot({ type: 'date' }), '1990-05-13', 'en')).toBe('13 May 1990');
  });
  it('money and numbers', () => {
    expect(formatValue(slot({ type: 'money' }), 46, 'de')).toBe('46,00 €');
    expect(formatValue(slot({ type: 'money' }), 1234.5, 'de')).toBe('1.234,50 €');
    expect(formatValue(slot({ type: 'money' }), 46, 'en')).toBe('€46.00');
    expect(formatValue(slot({ type: 'number' }), 3.5, 'de')).toBe('3,5');
    expect(formatValue(slot({ type: 'integer' }), 1990, 'de')).toBe('1990');
    expect(formatValue(slot({ type: 'integer' }), 25000, 'de')).toBe('25.000');
  });
  it('enum, boolean, phone, time and the rest', () => {
    const values = { zuechter: { label: { de: 'Züchter', en: 'Breeder' } } };
    expect(formatValue(slot({ type: 'enum', values }), 'zuechter', 'de')).toBe('Züchter');
    expect(formatValue(slot({ type: 'enum', values }), 'zuechter', 'en')).toBe('Breeder');
    expect(formatValue(slot({ type: 'enum', values }), 'zuechter', 'tr')).toBe('Züchter');
    expect(formatValue(slot({ type: 'boolean' }), true, 'de')).toBe('ja');
    expect(formatValue(slot({ type: 'boolean' }), false, 'en')).toBe('no');
    expect(formatValue(slot({ type: 'phone' }), '+492091690', 'de')).toBe('+49 209 1690');
    expect(formatValue(slot({ type: 'phone' }), '+491711234567', 'de')).toBe('+49 171 1234 567');
    expect(formatValue(slot({ type: 'time' }), '14:30', 'de')).toBe('14:30 Uhr');
    expect(formatValue(slot({ type: 'postcode' }), '45879', 'de')).toBe('45879');
    expect(formatValue(slot({ type: 'text' }), undefined, 'de')).toBe('');
  });
});
