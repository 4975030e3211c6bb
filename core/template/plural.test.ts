import { parseTemplate, renderNodes } from '.';
import { missingCategories, pluralCategory, requiredCategories, type PluralForms } from './plural';

function render(text: string, n: number, locale: string): string {
  const p = parseTemplate(text);
  if (!p.ok) throw new Error(p.problem.message);
  return renderNodes(p.nodes, {
    text: () => String(n), raw: () => n, cond: () => false, missingText: '-', plural: (x) => pluralCategory(locale, x),
  });
}

describe('plural forms by CLDR', () => {
  test('the categories each language of the city needs', () => {
    expect(requiredCategories('de')).toEqual(['one', 'other']);
    expect(requiredCategories('tr')).toEqual(['one', 'other']);
    expect(requiredCategories('pl')).toEqual(['one', 'few', 'many', 'other']);
    expect(requiredCategories('ru')).toEqual(['one', 'few', 'many', 'other']);
    expect(requiredCategories('uk')).toEqual(['one', 'few', 'many', 'other']);
    expect(requiredCategories('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
  });

  const PL = '{n} {plural n: one=rok | few=lata | many=lat | other=roku}';
  const UK = '{n} {plural n: one=рік | few=роки | many=років | other=року}';
  const RU = '{n} {plural n: one=год | few=года | many=лет | other=года}';
  const AR = '{n} {plural n: zero=سنة | one=سنة | two=سنتان | few=سنوات | many=سنة | other=سنة}';
  test.each([
    [PL, 'pl', 1, '1 rok'], [PL, 'pl', 3, '3 lata'], [PL, 'pl', 5, '5 lat'], [PL, 'pl', 12, '12 lat'], [PL, 'pl', 22, '22 lata'], [PL, 'pl', 1.5, '1.5 roku'],
    [UK, 'uk', 1, '1 рік'], [UK, 'uk', 21, '21 рік'], [UK, 'uk', 4, '4 роки'], [UK, 'uk', 11, '11 років'], [UK, 'uk', 10, '10 років'],
    [RU, 'ru', 1, '1 год'], [RU, 'ru', 2, '2 года'], [RU, 'ru', 6, '6 лет'], [RU, 'ru', 101, '101 год'],
    [AR, 'ar', 1, '1 سنة'], [AR, 'ar', 2, '2 سنتان'], [AR, 'ar', 3, '3 سنوات'], [AR, 'ar', 10, '10 سنوات'], [AR, 'ar', 11, '11 سنة'], [AR, 'ar', 100, '100 سنة'],
    ['{n} {plural n: Jahr | Jahre}', 'de', 1, '1 Jahr'], ['{n} {plural n: Jahr | Jahre}', 'de', 0, '0 Jahre'], ['{n} {plural n: yıl | yıl}', 'tr', 5, '5 yıl'],
  ])('%s in %s with %d → %s', (text, locale, n, out) => {
    expect(render(text, n, locale)).toBe(out);
  });

  test('two plain forms are one | other; a missing category falls back to other and is named', () => {
    const p = parseTemplate('{plural n: rok | lata}');
    if (!p.ok) throw new Error('parse');
    const forms = (p.nodes[0] as { forms: PluralForms }).forms;
    expect(forms).toEqual({ one: 'rok', other: 'lata' });
    expect(missingCategories(forms, 'pl')).toEqual(['few', 'many']);
    expect(missingCategories(forms, 'de')).toEqual([]);
    expect(render('{n} {plural n: rok | lata}', 5, 'pl')).toBe('5 lata');
  });

  test.each([
    ['{plural n: one=rok | lata}', 'all forms named'],
    ['{plural n: one=rok | few=lata}', '"other" is missing'],
    ['{plural n: one=rok | lots=lat | other=roku}', 'no CLDR plural category'],
    ['{plural n: one=a | one=b | other=c}', 'named twice'],
    ['{plural n: a | b | c}', 'two forms'],
  ])('%s is refused: %s', (text, words) => {
    const p = parseTemplate(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problem.message).toContain(words);
  });
});
