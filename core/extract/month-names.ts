/**
 * Month names in the other languages of the city (Turkish, Ukrainian, Russian, Polish, Arabic),
 * folded like every text the extractors read. Only the forms a date takes after its day number
 * are listed ("15 Aralık", "15 грудня", "15 декабря", "15 grudnia", "15 ديسمبر"): these languages
 * put the day first, and several of the names are everyday words on their own (Turkish "ocak" is
 * a stove, "ekim" a sowing), so a name only counts right after a day number.
 *
 * Arabic has two sets in use: the Egyptian/Gulf loan names (يناير …) and the Levantine/Iraqi ones
 * (كانون الثاني …) that Syrian and Iraqi citizens write. Turkish names are also listed as typed on
 * a keyboard without ı and ü ("Kasim", "Eylul").
 */
import { foldText } from './normalize';

const NAMES: Array<[month: number, forms: string[]]> = [
  [1, ['Ocak', 'січня', 'січень', 'января', 'январь', 'stycznia', 'styczeń', 'يناير', 'كانون الثاني']],
  [2, ['Şubat', 'лютого', 'лютий', 'февраля', 'февраль', 'lutego', 'luty', 'فبراير', 'شباط']],
  [3, ['Mart', 'березня', 'березень', 'марта', 'март', 'marca', 'marzec', 'مارس', 'آذار']],
  [4, ['Nisan', 'квітня', 'квітень', 'апреля', 'апрель', 'kwietnia', 'kwiecień', 'أبريل', 'ابريل', 'إبريل', 'نيسان']],
  [5, ['Mayıs', 'Mayis', 'травня', 'травень', 'мая', 'май', 'maja', 'maj', 'مايو', 'أيار', 'ايار']],
  [6, ['Haziran', 'червня', 'червень', 'июня', 'июнь', 'czerwca', 'czerwiec', 'يونيو', 'يونية', 'حزيران']],
  [7, ['Temmuz', 'липня', 'липень', 'июля', 'июль', 'lipca', 'lipiec', 'يوليو', 'يولية', 'تموز']],
  [8, ['Ağustos', 'серпня', 'серпень', 'августа', 'август', 'sierpnia', 'sierpień', 'أغسطس', 'اغسطس', 'آب']],
  [9, ['Eylül', 'Eylul', 'вересня', 'вересень', 'сентября', 'сентябрь', 'września', 'wrzesień', 'سبتمبر', 'أيلول', 'ايلول']],
  [10, ['Ekim', 'жовтня', 'жовтень', 'октября', 'октябрь', 'października', 'październik', 'أكتوبر', 'اكتوبر', 'تشرين الأول', 'تشرين الاول']],
  [11, ['Kasım', 'Kasim', 'листопада', 'листопад', 'ноября', 'ноябрь', 'listopada', 'listopad', 'نوفمبر', 'تشرين الثاني']],
  [12, ['Aralık', 'Aralik', 'грудня', 'грудень', 'декабря', 'декабрь', 'grudnia', 'grudzień', 'ديسمبر', 'كانون الأول', 'كانون الاول']],
];

/** Folded month name (other languages of the city) → month number. */
export const LOCALE_MONTHS: Record<string, number> = Object.fromEntries(
  NAMES.flatMap(([month, forms]) => forms.map((f) => [foldText(f), month] as const)),
);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Alternation for a RegExp (longest first, so "كانون الثاني" wins over a shorter name). */
export const LOCALE_MONTH_PATTERN = Object.keys(LOCALE_MONTHS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
