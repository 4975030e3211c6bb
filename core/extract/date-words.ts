/** Month and weekday names (folded: lower case, ä→ae) and the year rules shared by the date extractors. */
import { isoToDayNumber, isValidYmd, parseIsoDate, toDayNumber, formatIsoDate } from './calendar';

/** Month names and common abbreviations, German and English, folded. */
export const MONTHS: Record<string, number> = {
  januar: 1, jaenner: 1, january: 1, jan: 1,
  februar: 2, feber: 2, february: 2, febr: 2, feb: 2,
  maerz: 3, marz: 3, maers: 3, march: 3, mrz: 3, mar: 3,
  april: 4, apr: 4,
  mai: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  dezember: 12, december: 12, dez: 12, dec: 12,
};

/** Alternation for a RegExp, longest first so "sept" wins over "sep". */
export const MONTH_PATTERN = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** Weekday names → ISO weekday (1 = Monday). */
export const WEEKDAYS: Record<string, number> = {
  montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6, sonntag: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};
export const WEEKDAY_PATTERN = Object.keys(WEEKDAYS).sort((a, b) => b.length - a.length).join('|');

/** The reference date's year; a malformed `today` falls back to a fixed year so nothing throws. */
export function referenceYear(today: string): number {
  return parseIsoDate(today)?.y ?? 2000;
}

/**
 * Two-digit years. With reference year R and century C (2026 → 2000): C+yy when it is not after
 * R ("90" → 1990, "05" → 2005); C+yy−100 when C+yy lies more than 10 years ahead ("45" → 1945);
 * both when C+yy lies in the coming 10 years ("30" → 2030 or 1930), because a birth date and an
 * appointment want different answers and guessing would be a harm.
 */
export function expandTwoDigitYear(yy: number, today: string): number[] {
  const ref = referenceYear(today);
  const century = Math.floor(ref / 100) * 100;
  const y = century + yy;
  if (y <= ref) return [y];
  if (y > ref + 10) return [y - 100];
  return [y, y - 100];
}

/** Year candidates for the year text of a date: 4 digits as they are, 2 digits via the pivot. */
export function yearsFromText(text: string | undefined, today: string): number[] | undefined {
  if (text === undefined) return undefined;
  const digits = text.replace(/^'/, '');
  if (digits.length === 4) return [Number(digits)];
  if (digits.length === 2) return expandTwoDigitYear(Number(digits), today);
  return undefined;
}

/** Days a date without a year may lie from the reference date and still be taken without asking. */
export const YEARLESS_WINDOW_DAYS = 60;

export type DateReading = { value: string } | { options: string[] } | { invalid: 'invalid_date' };

/**
 * A day and month with candidate years. No year given: the base value's year (correction), else
 * the occurrence nearest to the reference date if it is at most 120 days away, else both the
 * past and the coming occurrence (ambiguous).
 */
export function resolveDate(d: number, m: number, years: number[] | undefined, today: string, base?: unknown): DateReading {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { invalid: 'invalid_date' };
  if (years === undefined) {
    const baseDate = parseIsoDate(base);
    if (baseDate) return resolveDate(d, m, [baseDate.y], today, undefined);
    // 30.02. or 31.04. exist in no year; 29.02. exists in some.
    if (!isValidYmd(2000, m, d)) return { invalid: 'invalid_date' };
    const ref = referenceYear(today);
    const refDay = isoToDayNumber(today) ?? toDayNumber(ref, 1, 1);
    const near = [ref - 1, ref, ref + 1]
      .filter((y) => isValidYmd(y, m, d))
      .map((y) => ({ iso: formatIsoDate(y, m, d), dist: Math.abs(toDayNumber(y, m, d) - refDay) }))
      .sort((a, b) => a.dist - b.dist);
    if (near.length === 0) return { invalid: 'invalid_date' };
    if (near[0].dist <= YEARLESS_WINDOW_DAYS) return { value: near[0].iso };
    return { options: near.slice(0, 2).map((n) => n.iso).sort() };
  }
  const valid = years.filter((y) => isValidYmd(y, m, d)).map((y) => formatIsoDate(y, m, d));
  if (valid.length === 0) return { invalid: 'invalid_date' };
  return valid.length === 1 ? { value: valid[0] } : { options: valid };
}
