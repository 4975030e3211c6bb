/**
 * The words a voice needs around numbers, per locale: month names in the form a date takes
 * ("15. Dezember", "15 грудня", "15 grudnia"), the currency said with its cents in the plural
 * form `Intl.PluralRules` picks, and how "." and "@" of an e-mail address are said.
 */
import { voiceLocale, type VoiceLocale } from './texts';

interface SpeechWords {
  /** Month names as they stand after a day number. */
  months: string[];
  /** The spoken date. */
  date(d: number, month: string, y: string): string;
  /** The spoken sum; `plural` picks the CLDR category of a count. */
  money(euros: string, cents: number | null, plural: (n: number) => Intl.LDMLPluralRule): string;
  dot: string;
  at: string;
}

const forms = (f: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) =>
  (cat: Intl.LDMLPluralRule): string => f[cat] ?? f.other;

const UK_CENT = forms({ one: 'цент', few: 'центи', many: 'центів', other: 'цента' });
const RU_CENT = forms({ one: 'цент', few: 'цента', many: 'центов', other: 'цента' });
const PL_CENT = forms({ one: 'cent', few: 'centy', many: 'centów', other: 'centa' });

const WORDS: Record<VoiceLocale, SpeechWords> = {
  de: {
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    date: (d, m, y) => `${d}. ${m} ${y}`,
    money: (e, c) => (c ? `${e} Euro ${c}` : `${e} Euro`),
    dot: 'Punkt', at: 'at',
  },
  en: {
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    date: (d, m, y) => `${d} ${m} ${y}`,
    money: (e, c) => `${e} ${e === '1' ? 'euro' : 'euros'}${c ? ` ${c}` : ''}`,
    dot: 'dot', at: 'at',
  },
  tr: {
    months: ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'],
    date: (d, m, y) => `${d} ${m} ${y}`,
    // Turkish nouns stay singular after a number.
    money: (e, c) => (c ? `${e} avro ${c} sent` : `${e} avro`),
    dot: 'nokta', at: 'et',
  },
  ar: {
    months: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
    date: (d, m, y) => `${d} ${m} ${y}`,
    money: (e, c) => (c ? `${e} يورو و${c} سنت` : `${e} يورو`),
    dot: 'نقطة', at: 'آت',
  },
  uk: {
    months: ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
    date: (d, m, y) => `${d} ${m} ${y} року`,
    money: (e, c, p) => (c ? `${e} євро ${c} ${UK_CENT(p(c))}` : `${e} євро`),
    dot: 'крапка', at: 'собака',
  },
  ru: {
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    date: (d, m, y) => `${d} ${m} ${y} года`,
    money: (e, c, p) => (c ? `${e} евро ${c} ${RU_CENT(p(c))}` : `${e} евро`),
    dot: 'точка', at: 'собака',
  },
  pl: {
    months: ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'],
    date: (d, m, y) => `${d} ${m} ${y}`,
    money: (e, c, p) => (c ? `${e} euro ${c} ${PL_CENT(p(c))}` : `${e} euro`),
    dot: 'kropka', at: 'małpa',
  },
};

/** The speech words of a locale (German when it has none). */
export function speechWords(locale: string): SpeechWords & { locale: VoiceLocale } {
  const l = voiceLocale(locale);
  return { ...WORDS[l], locale: l };
}
