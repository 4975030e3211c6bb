/**
 * The phone in every language of the city: no built-in text asks a caller to write, dates and
 * sums are said in the caller's language (with the CLDR plural of the cents), and the verbs
 * name the call's language for recognizer and voice.
 */
import { MESSAGE_LOCALES, msg, type MessageKey } from '../../core/session/messages';
import { UK } from '../../core/session/locales';
import { forVoice, WRITE_WORDS } from './for-voice';
import { speakDates, speakEmail, speakMoney, speakTimes, toSsml } from './ssml';
import { VOICE_LOCALES, VOICE_TEXTS, voiceTexts } from './texts';
import { turnVerbs } from './verbs';

const KEYS = Object.keys(VOICE_TEXTS.de) as (keyof typeof VOICE_TEXTS.de)[];

test('every locale with built-in messages has phone texts, and every phone text is its own (not German)', () => {
  expect([...VOICE_LOCALES].sort()).toEqual([...MESSAGE_LOCALES].sort());
  for (const l of VOICE_LOCALES) {
    if (l === 'de') continue;
    for (const k of KEYS) expect(VOICE_TEXTS[l][k]).not.toBe(VOICE_TEXTS.de[k]);
  }
  expect(voiceTexts('fr')).toBe(VOICE_TEXTS.de);
});

// Every key of the built-in messages (each locale file carries all of them; tsc checks).
const MESSAGE_KEYS = Object.keys(UK) as MessageKey[];

test.each([...VOICE_LOCALES])('%s: no built-in message, once worded for a call, asks to write', (locale) => {
  const all: string[] = KEYS.map((k) => VOICE_TEXTS[locale][k]);
  for (const key of MESSAGE_KEYS) all.push(forVoice(msg(locale, key, { title: 'X', example: 'Y', options: 'A, B', label: 'L', value: 'V', refs: 'R' }), locale));
  expect(all.filter((t) => WRITE_WORDS[locale].test(t))).toEqual([]);
  // The way to a person is said with the key, in the caller's language.
  expect(forVoice(msg(locale, 'greeting', { title: 'X' }), locale)).toMatch(/0/);
  expect(forVoice(msg(locale, 'no_answer'), locale)).toMatch(/0/);
});

test.each([
  ['de', 'Termin am 15. Dezember 2026', '27 Euro 60', 'erika Punkt m at example Punkt org'],
  ['en', 'Termin am 15 December 2026', '27 euros 60', 'erika dot m at example dot org'],
  ['tr', 'Termin am 15 Aralık 2026', '27 avro 60 sent', 'erika nokta m et example nokta org'],
  ['ar', 'Termin am 15 ديسمبر 2026', '27 يورو و60 سنت', 'erika نقطة m آت example نقطة org'],
  ['uk', 'Termin am 15 грудня 2026 року', '27 євро 60 центів', 'erika крапка m собака example крапка org'],
  ['ru', 'Termin am 15 декабря 2026 года', '27 евро 60 центов', 'erika точка m собака example точка org'],
  ['pl', 'Termin am 15 grudnia 2026', '27 euro 60 centów', 'erika kropka m małpa example kropka org'],
])('%s: dates, sums and e-mail addresses are said in the caller\'s language', (locale, date, sum, mail) => {
  expect(speakDates('Termin am 15.12.2026', locale)).toBe(date);
  expect(speakDates('Termin am 2026-12-15', locale)).toBe(date);
  expect(speakMoney('27,60 €', locale)).toBe(sum);
  expect(speakEmail('erika.m@example.org', locale)).toBe(mail);
  const ssml = toSsml(['15.12.2026, 14:30, 27,60 €, 45879'], locale);
  expect(ssml).not.toMatch(/2 0 2 6|15\.12/);
  expect(ssml).toContain('4 5 8 7 9');
});

test('the cents take the plural form their count needs (CLDR one/few/many)', () => {
  expect(speakMoney('1,01 €', 'uk')).toBe('1 євро 1 цент');
  expect(speakMoney('1,02 €', 'uk')).toBe('1 євро 2 центи');
  expect(speakMoney('1,05 €', 'uk')).toBe('1 євро 5 центів');
  expect(speakMoney('1,21 €', 'ru')).toBe('1 евро 21 цент');
  expect(speakMoney('1,22 €', 'ru')).toBe('1 евро 22 цента');
  expect(speakMoney('1,12 €', 'ru')).toBe('1 евро 12 центов');
  expect(speakMoney('1,22 €', 'pl')).toBe('1 euro 22 centy');
  expect(speakMoney('1,12 €', 'pl')).toBe('1 euro 12 centów');
  expect(speakMoney('46,00 €', 'pl')).toBe('46 euro');
});

test('times: German and English as said, the other voices read "14:30" themselves', () => {
  expect(speakTimes('um 14:30 Uhr', 'de')).toBe('um 14 Uhr 30');
  expect(speakTimes('at 10:00', 'en')).toBe('at 10 o\'clock');
  for (const l of ['tr', 'ar', 'uk', 'ru', 'pl']) expect(speakTimes('14:30', l)).toBe('14:30');
});

test.each([...VOICE_LOCALES])('%s: verbs listen and speak in the call\'s language', (locale) => {
  const language = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-SY', uk: 'uk-UA', ru: 'ru-RU', pl: 'pl-PL' }[locale];
  const [g] = turnVerbs(['?'], 'active', { actionHook: '/a', language, yesNo: true, locale });
  expect(g).toMatchObject({ verb: 'gather', recognizer: { language }, say: { synthesizer: { vendor: 'default', language } } });
  expect(JSON.stringify(g)).toContain(VOICE_TEXTS[locale].yesNoKeys.replace(/["]/g, '').slice(0, 10));
  const end = turnVerbs([], 'handoff', { actionHook: '/a', language, yesNo: false, locale, officePhone: '0209 169-0' });
  expect(end[0]).toMatchObject({ verb: 'say', synthesizer: { language } });
});
