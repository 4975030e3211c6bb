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
