/** The desk catalogue: every locale keeps every placeholder; plural forms follow CLDR; reasons in each language. */
import { reasonFamilies, reasonText } from '../reasons';
import { DESK_LOCALES, DESK_TEXTS, deskText } from '.';

const names = (t: string): string[] => [...new Set((t.match(/\{(?:plural )?([a-z_]+)/g) ?? []).map((m) => m.replace(/^\{(plural )?/, '')))].sort();

test.each([...DESK_LOCALES])('%s keeps the placeholders of every German text and differs from German', (l) => {
  let same = 0;
  for (const [key, de] of Object.entries(DESK_TEXTS.de)) {
    const text = DESK_TEXTS[l][key as keyof typeof DESK_TEXTS.de];
    expect([key, names(text)]).toEqual([key, names(de)]);
    if (l !== 'de' && text === de) same += 1;
  }
  // Only codes and names may be the same as in German (e.g. "Telefon", "E-Mail", the file name).
  expect(same).toBeLessThan(8);
});

test('counts take the CLDR plural form of the desk language', () => {
  expect(deskText('de', 'cases_count', { n: 1 })).toBe('1 Fall angezeigt.');
  expect(deskText('de', 'cases_count', { n: 3 })).toBe('3 Fälle angezeigt.');
  expect(deskText('uk', 'cases_count', { n: 3 })).toBe('Показано 3 звернення.');
  expect(deskText('uk', 'cases_count', { n: 5 })).toBe('Показано 5 звернень.');
  expect(deskText('ru', 'wait_dh', { d: 2, h: 1 })).toBe('2 дня 1 ч');
  expect(deskText('ru', 'wait_dh', { d: 5, h: 1 })).toBe('5 дней 1 ч');
  expect(deskText('pl', 'cases_count', { n: 22 })).toBe('Wyświetlono 22 sprawy.');
  expect(deskText('pl', 'cases_count', { n: 25 })).toBe('Wyświetlono 25 spraw.');
});

test('reason codes become sentences in the desk language; unknown codes stay visible', () => {
  expect(reasonText('too_many_attempts')).toMatch(/mehrmals nicht verstanden/);
  expect(reasonText('too_many_attempts', 'ar')).toBe(DESK_TEXTS.ar.reason_too_many_attempts);
  expect(reasonText('action_failed:slot_taken', 'uk')).toBe('Крок із наслідками не вдався (помилка: slot_taken). Перевірте його та за потреби поверніть звернення помічникові.');
  expect(reasonText('phone: caller pressed 0', 'en')).toBe('Phone: the caller pressed 0 for a person.');
  expect(reasonText('something_new', 'tr')).toBe('Devredildi (something_new).');
  expect(reasonText(undefined, 'pl')).toBe('Nie podano powodu.');
  expect(reasonFamilies('ru').find((f) => f.id === 'follow_up')?.label).toBe('Вопрос после закрытия');
});
