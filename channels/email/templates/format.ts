/** Formatting of template data for German and English plain text (values arrive in canonical form). */

const MONTHS: Record<'de' | 'en', string[]> = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const WEEKDAYS: Record<'de' | 'en', string[]> = {
  de: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export type TemplateLocale = 'de' | 'en';

/** `2026-11-27` → "Freitag, 27. November 2026" / "Friday, 27 November 2026"; anything else unchanged. */
export function formatDate(value: unknown, locale: TemplateLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!m) return String(value);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Weekday from the calendar date alone (UTC arithmetic, no time zone can shift it).
  const weekday = WEEKDAYS[locale][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return locale === 'de' ? `${weekday}, ${d}. ${MONTHS.de[mo - 1]} ${y}` : `${weekday}, ${d} ${MONTHS.en[mo - 1]} ${y}`;
}

/** `2026-11-27T10:00` (local Berlin time, as the calendar returns it) → date and "10:00 Uhr" / "10:00". */
export function formatDateTime(value: unknown, locale: TemplateLocale): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(String(value));
  if (!m) return formatDate(value, locale);
  return locale === 'de' ? `${formatDate(m[1], locale)}, ${m[2]} Uhr` : `${formatDate(m[1], locale)}, ${m[2]}`;
}

/** Euros: 129 → "129,00 €" / "€129.00". */
export function formatMoney(value: unknown, locale: TemplateLocale): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return locale === 'de' ? `${n.toFixed(2).replace('.', ',')} €` : `€${n.toFixed(2)}`;
}

/** A text value for a plain-text mail: one line, trimmed, no control characters. */
export function plain(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

const URL_LIKE = /\b(?:(?:https?|ftp|file|javascript|data):\/*|www\.)[^\s]*|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:de|com|net|org|info|io|eu|biz|ru|cn|xyz|top|online|site|app|link|click)(?:\/[^\s]*)?\b/giu;

/**
 * Citizen text inside a city mail: one line, and every link or domain replaced, so a mail from
 * the city can never carry a clickable address someone else typed.
 */
export function neutraliseUrls(text: string, locale: TemplateLocale = 'de'): string {
  return text.replace(URL_LIKE, locale === 'en' ? '[link removed]' : '[Link entfernt]');
}

/** A free-text value for a mail body: plain, links neutralised, at most `max` characters. */
export function freeText(value: unknown, locale: TemplateLocale = 'de', max = 500): string {
  const t = neutraliseUrls(plain(value), locale);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * A person's name as a mail may print it (never in a subject or greeting): letters, spaces,
 * hyphens, apostrophes and dots, at most five words. Anything else is not printed at all.
 */
export function personName(value: unknown): string {
  const t = plain(value).replace(/\s+/g, ' ');
  if (!/^\p{L}[\p{L}\p{M} .'’-]{0,79}$/u.test(t)) return '';
  const words = t.split(' ');
  if (words.length > 5) return '';
  // A sentence is no name ("Kunde Ihr Konto wird gesperrt"): each word starts with a capital, or is a name particle.
  if (!words.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.has(w))) return '';
  if (new RegExp(URL_LIKE.source, 'iu').test(t)) return '';
  return t;
}

/** Lower-case words inside names (von der Heide, del Carmen, bin Said). */
const NAME_PARTICLES = new Set(['von', 'vom', 'zu', 'zur', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'van', 'ter', 'ten', 'y', 'e', 'bin', 'ibn', 'bint', 'al', 'el', 'oğlu']);
