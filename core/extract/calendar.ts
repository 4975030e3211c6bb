/**
 * Calendar arithmetic on plain numbers (proleptic Gregorian), so the extractors need no Date
 * object and no clock. Days are counted from 1970-01-01.
 */

export interface Ymd { y: number; m: number; d: number }

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True if y-m-d names a real day (years 1000–9999). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d)
    && y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Day number of a civil date (days since 1970-01-01). */
export function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 'YYYY-MM-DD'. */
export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses 'YYYY-MM-DD' into its parts; undefined when malformed or not a real day. */
export function parseIsoDate(iso: unknown): Ymd | undefined {
  if (typeof iso !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidYmd(ymd.y, ymd.m, ymd.d) ? ymd : undefined;
}

/** Day number of an ISO date; throws nothing, undefined when malformed. */
export function isoToDayNumber(iso: unknown): number | undefined {
  const p = parseIsoDate(iso);
  return p ? toDayNumber(p.y, p.m, p.d) : undefined;
}

/** ISO date of a day number. */
export function dayNumberToIso(n: number): string {
  const { y, m, d } = fromDayNumber(n);
  return formatIsoDate(y, m, d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}
