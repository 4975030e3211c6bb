import { extractDate, extractInteger, normalizeText } from '.';

const on = (locale: string) => ({ locale, today: '2026-11-20' });

describe('dates written in the other languages of the city', () => {
  test.each([
    ['15 Aralık 1990', 'tr', '1990-12-15'],
    ["15 Aralık'ta", 'tr', '2026-12-15'],
    ['doğum tarihim 3 Kasim 1985', 'tr', '1985-11-03'],
    ['15 грудня 1990 року', 'uk', '1990-12-15'],
    ['5 мая 1990 года', 'ru', '1990-05-05'],
    ['15 декабря', 'ru', '2026-12-15'],
    ['7 października 1990', 'pl', '1990-10-07'],
    ['7 pazdziernika 1990', 'pl', '1990-10-07'],
    ['15 ديسمبر 1990', 'ar', '1990-12-15'],
    ['١٥ كانون الأول ١٩٩٠', 'ar', '1990-12-15'],
    ['2 شباط 2001', 'ar', '2001-02-02'],
  ])('%s (%s) → %s', (text, locale, value) => {
    expect(extractDate(text, on(locale))).toMatchObject({ kind: 'value', value });
  });

  test('a month name alone, or inside a longer word, is no date', () => {
    // Turkish "ocak" is also a stove, Russian "маяк" a lighthouse.
    expect(extractDate('ocak', on('tr'))).toEqual({ kind: 'none' });
    expect(extractDate('15 маяк', on('ru'))).toEqual({ kind: 'none' });
    expect(extractDate('Kasım', on('tr'))).toEqual({ kind: 'none' });
  });

  test('German and English dates read as before', () => {
    expect(extractDate('am 13. Mai 1990', on('de'))).toMatchObject({ value: '1990-05-13' });
    expect(extractDate('May 13th 1990', on('en'))).toMatchObject({ value: '1990-05-13' });
  });
});

describe('Arabic-Indic and Persian digits', () => {
  test('become ASCII digits, one character for one, so evidence spans stay aligned', () => {
    expect(normalizeText('١٥/١٢/١٩٩٠')).toBe('15/12/1990');
    expect(normalizeText('۲۰۲۶')).toBe('2026');
    expect(normalizeText('٣ كلاب').length).toBe('٣ كلاب'.length);
  });

  test('reach every extractor', () => {
    expect(extractDate('١٥/١٢/١٩٩٠', on('ar'))).toMatchObject({ kind: 'value', value: '1990-12-15' });
    expect(extractInteger('٣', on('ar'))).toMatchObject({ kind: 'value', value: 3 });
  });
});
