import type { Slot } from '../definition/schema';
import { choiceByLabel, labelKey } from './label-choice';

const anliegen = {
  type: 'enum',
  values: {
    personalausweis: { label: { de: 'Personalausweis', uk: 'Посвідчення особи', ru: 'Удостоверение личности', pl: 'Dowód osobisty', ar: 'بطاقة الهوية' }, synonyms: { uk: ['паспорт громадянина'] } },
    reisepass: { label: { de: 'Reisepass', uk: 'Закордонний паспорт', ru: 'Заграничный паспорт', pl: 'Paszport', ar: 'جواز السفر' } },
    sonstiges: { label: { de: 'Sonstiges', uk: 'Інше', ru: 'Другое', pl: 'Inne', ar: 'غير ذلك' } },
  },
} as unknown as Slot;

describe('a choice by its exact label, in every script', () => {
  test.each([
    ['uk', 'Закордонний паспорт', 'reisepass'], ['uk', 'закордонний  паспорт!', 'reisepass'], ['uk', '«Інше»', 'sonstiges'],
    ['uk', 'паспорт громадянина', 'personalausweis'],
    ['ru', 'Заграничный паспорт', 'reisepass'], ['ru', 'ДРУГОЕ', 'sonstiges'],
    ['pl', 'Dowód osobisty', 'personalausweis'], ['pl', 'dowód osobisty.', 'personalausweis'],
    ['ar', 'جواز السفر', 'reisepass'], ['ar', 'غير ذلك؟', 'sonstiges'], ['ar', 'بطاقة الهويّة', 'personalausweis'],
    // The German label is what a service without the language shows, so it works too.
    ['uk', 'Reisepass', 'reisepass'],
  ])('%s: "%s" → %s', (locale, text, id) => {
    expect(choiceByLabel(anliegen, text, locale as 'uk')).toEqual({ value: id, evidence: expect.any(String) });
  });

  test.each([
    ['uk', 'мені потрібен закордонний паспорт'], // contains a label: the extractors decide, not this
    ['uk', 'Закордонний'], ['ru', 'паспорт'], ['pl', 'Paszport albo dowód'], ['uk', 'Paszport'], // Polish label in a Ukrainian session
    ['ar', 'جواز'], ['de', 'Reisepas'], // no fuzzy match
  ])('%s: "%s" chooses nothing by label', (locale, text) => {
    expect(choiceByLabel(anliegen, text, locale as 'uk')).toBeNull();
  });

  test('a label two values share is no choice', () => {
    const twice = { type: 'enum', values: { a: { label: { de: 'A', uk: 'Паспорт' } }, b: { label: { de: 'B', uk: 'паспорт' } } } } as unknown as Slot;
    expect(choiceByLabel(twice, 'Паспорт', 'uk')).toBeNull();
    expect(choiceByLabel(twice, 'A', 'uk')?.value).toBe('a');
  });

  test('a list slot takes comma-separated labels, only when every part is a label', () => {
    const many = { ...anliegen, many: true } as unknown as Slot;
    expect(choiceByLabel(many, 'Інше, Закордонний паспорт', 'uk')?.value).toEqual(['reisepass', 'sonstiges']);
    expect(choiceByLabel(many, 'جواز السفر، غير ذلك', 'ar')?.value).toEqual(['reisepass', 'sonstiges']);
    expect(choiceByLabel(many, 'Інше', 'uk')?.value).toEqual(['sonstiges']);
    expect(choiceByLabel(many, 'Інше, щось ще', 'uk')).toBeNull();
  });

  test('normalisation is light: case, edges, spaces, Arabic marks, ё', () => {
    expect(labelKey('  «Ёлка»! ', 'ru')).toBe('елка');
    expect(labelKey('İkamet belgesi', 'tr')).toBe('ikamet belgesi');
    expect(labelKey('جَوَاز', 'ar')).toBe('جواز');
    expect(choiceByLabel({ type: 'text' } as unknown as Slot, 'Інше', 'uk')).toBeNull();
  });
});
