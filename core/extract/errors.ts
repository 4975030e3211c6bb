/**
 * Reason keys of `invalid` extractions, with the texts a channel can show. Extractors never
 * throw on citizen input; the keys tell the citizen what was wrong and what to do instead.
 */

export const REASONS = {
  invalid_date: { de: 'Dieses Datum gibt es nicht. Bitte prüfen Sie Tag und Monat, z. B. 13.05.1990.', en: 'That date does not exist. Please check day and month, e.g. 13 May 1990.' },
  year_missing: { de: 'Bitte nennen Sie das vollständige Datum mit Jahr, z. B. 20.08.2010.', en: 'Please give the full date with the year, e.g. 20 August 2010.' },
  day_missing: { de: 'Bitte nennen Sie auch den Tag, z. B. 15.12.2026.', en: 'Please give the day too, e.g. 15 December 2026.' },
  invalid_time: { de: 'Diese Uhrzeit gibt es nicht. Bitte schreiben Sie sie z. B. als 14:30.', en: 'That time does not exist. Please write it like 14:30.' },
  not_integer: { de: 'Bitte geben Sie eine ganze Zahl an, z. B. 2.', en: 'Please give a whole number, e.g. 2.' },
  invalid_money: { de: 'Bitte geben Sie einen Betrag mit höchstens zwei Nachkommastellen an, z. B. 46,00 €.', en: 'Please give an amount with at most two decimals, e.g. €46.00.' },
  invalid_postcode: { de: 'Eine Postleitzahl hat fünf Ziffern, z. B. 45879.', en: 'A German postcode has five digits, e.g. 45879.' },
  invalid_email: { de: 'Diese E-Mail-Adresse ist nicht gültig. Bitte prüfen Sie sie, z. B. name@example.de.', en: 'That e-mail address is not valid. Please check it, e.g. name@example.com.' },
  invalid_phone: { de: 'Diese Telefonnummer ist nicht vollständig. Bitte mit Vorwahl angeben, z. B. 0209 169-0.', en: 'That phone number is incomplete. Please include the area code, e.g. +49 209 1690.' },
  too_small: { de: 'Der Wert ist zu klein.', en: 'The value is too small.' },
  too_large: { de: 'Der Wert ist zu groß.', en: 'The value is too large.' },
  too_short: { de: 'Die Angabe ist zu kurz.', en: 'The answer is too short.' },
  too_long: { de: 'Die Angabe ist zu lang.', en: 'The answer is too long.' },
  pattern_mismatch: { de: 'Die Angabe hat nicht das erwartete Format.', en: 'The answer does not have the expected format.' },
  pattern_invalid: { de: 'Diese Angabe kann gerade nicht geprüft werden; eine Mitarbeiterin oder ein Mitarbeiter hilft weiter.', en: 'This answer cannot be checked right now; a member of staff will help.' },
} as const;

export type ReasonKey = keyof typeof REASONS;

/** The citizen-facing text of a reason key; unknown keys and locales fall back to German. */
export function reasonMessage(reason: string, locale: string): string {
  const entry = (REASONS as Record<string, { de: string; en: string }>)[reason];
  if (!entry) return locale === 'en' ? 'The answer could not be used.' : 'Die Angabe konnte nicht verwendet werden.';
  return locale === 'en' ? entry.en : entry.de;
}
