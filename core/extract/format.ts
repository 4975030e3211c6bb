/** Read-back forms of canonical values: "13. Mai 1990", "46,00 €", enum labels, grouped phone numbers. */
import type { Slot } from '../definition/schema';
import { parseIsoDate } from './calendar';

const MONTH_NAMES = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function groupDigits(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A number in the locale's style; thousands separated from 10 000 on (DIN 5008 leaves 4 digits alone). */
export function formatNumber(n: number, locale: string, decimals?: number): string {
  const en = locale === 'en';
  const fixed = decimals === undefined ? String(n) : n.toFixed(decimals);
  const neg = fixed.startsWith('-');
  const [intPart, frac] = (neg ? fixed.slice(1) : fixed).split('.');
  const grouped = Math.abs(n) >= 10000 || decimals !== undefined && Math.abs(n) >= 1000 ? groupDigits(intPart, en ? ',' : '.') : intPart;
  return (neg ? '-' : '') + grouped + (frac !== undefined ? (en ? '.' : ',') + frac : '');
}

/** '+492091690' → '+49 209 1690'; mobile and landline alike: country code, three digits, then blocks of four. */
export function formatPhone(phone: string): string {
  const m = /^\+49(\d+)$/.exec(phone);
  if (!m) return phone;
  const rest = m[1];
  const head = rest.slice(0, 3);
  const tail = rest.slice(3).replace(/(\d{4})(?=\d)/g, '$1 ');
  return `+49 ${head}${tail ? ' ' + tail : ''}`;
}

function localized(label: unknown, locale: string): string | undefined {
  if (typeof label === 'string') return label;
  if (label && typeof label === 'object') {
    const l = label as Record<string, string | undefined>;
    return l[locale] ?? l.de;
  }
  return undefined;
}

const YES_NO: Record<string, [string, string]> = {
  de: ['ja', 'nein'], en: ['yes', 'no'], tr: ['evet', 'hayır'], ar: ['نعم', 'لا'], uk: ['так', 'ні'], ru: ['да', 'нет'], pl: ['tak', 'nie'],
};

/** The value as read back to the citizen in `locale` (German unless 'en'; digits for dates in the other city languages). */
export function formatValue(slot: Slot, value: unknown, locale: string): string {
  if (value === undefined || value === null) return '';
  const en = locale === 'en';
  switch (slot.type) {
    case 'date': {
      const d = parseIsoDate(value);
      if (!d) return String(value);
      if (en) return `${d.d} ${MONTH_NAMES.en[d.m - 1]} ${d.y}`;
      // Other languages of the city write dates as digits: 15.12.2026 reads right in all of them.
      if (locale !== 'de' && locale in YES_NO) return `${String(d.d).padStart(2, '0')}.${String(d.m).padStart(2, '0')}.${d.y}`;
      return `${d.d}. ${MONTH_NAMES.de[d.m - 1]} ${d.y}`;
    }
    case 'time': return typeof value === 'string' ? (locale === 'de' || !(locale in YES_NO) ? `${value} Uhr` : value) : String(value);
    case 'money':
      if (typeof value !== 'number') return String(value);
      return en ? `€${formatNumber(value, 'en', 2)}` : `${formatNumber(value, 'de', 2)} €`;
    case 'integer':
    case 'number': return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'boolean': {
      const [yes, no] = YES_NO[locale] ?? YES_NO.de;
      return value === true ? yes : value === false ? no : String(value);
    }
    case 'enum': return localized(slot.values?.[String(value)]?.label, locale) ?? String(value);
    case 'phone': return typeof value === 'string' ? formatPhone(value) : String(value);
    default: return String(value);
  }
}
