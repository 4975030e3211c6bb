/**
 * Pure calendar arithmetic for appointments: durations per concern, open days (no Sundays,
 * no NRW public holidays), and candidate start times within opening hours on a 5-minute grid.
 */
import Holidays from 'date-holidays';
import { ActionError } from '../errors';
import type { Location } from './locations';

/** Minutes per concern; several concerns in one appointment add up. */
export const CONCERN_MINUTES: Record<string, number> = {
  personalausweis: 20,
  reisepass: 20,
  wohnsitz: 15,
  fuehrungszeugnis: 10,
  untersuchungsberechtigungsschein: 10,
  hundesteuer: 10,
};
export const OTHER_CONCERN_MINUTES = 15;
/** Appointments start on this grid (minutes). */
export const GRID_MINUTES = 5;

/**
 * Total appointment length for the concerns, rounded up to the grid. With the calendar data's
 * `minutes` an unknown concern is an error (validate reports it first); without them the
 * built-in table and 15 minutes for anything else apply.
 */
export function durationFor(concerns: string[], minutes?: Record<string, number>): number {
  const list = concerns.length > 0 ? concerns : [minutes ? Object.keys(minutes).find((k) => k === 'sonstiges' || k === 'other') ?? 'other' : 'other'];
  const total = list.reduce((sum, c) => {
    const key = c.trim().toLowerCase();
    if (minutes) {
      if (minutes[key] === undefined) throw new ActionError('unknown_concern', `calendar.book: the calendar has no concern "${c}". Use one of: ${Object.keys(minutes).join(', ')}.`, false);
      return sum + minutes[key];
    }
    return sum + (CONCERN_MINUTES[key] ?? OTHER_CONCERN_MINUTES);
  }, 0);
  return Math.ceil(total / GRID_MINUTES) * GRID_MINUTES;
}

const holidaysNW = new Holidays('DE', 'NW');
const holidayCache = new Map<number, Set<string>>();

/** True on NRW public holidays (Neujahr, Karfreitag, Fronleichnam, Allerheiligen, …). */
export function isPublicHolidayNW(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(holidaysNW.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayCache.set(year, set);
  }
  return set.has(date);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Opening hours of a location on a date; empty on Sundays and public holidays. */
export function openingHours(location: Location, date: string): [number, number][] {
  const wd = weekdayIndex(date);
  if (wd === 6 || isPublicHolidayNW(date)) return [];
  return location.hours[wd].map(([from, to]) => [toMinutes(from), toMinutes(to)]);
}

/** Start minutes on `date` at which an appointment of `duration` fits into the opening hours, from `notBefore` on. */
export function candidateStarts(location: Location, date: string, duration: number, notBefore = 0): number[] {
  const starts: number[] = [];
  for (const [from, to] of openingHours(location, date)) {
    const first = Math.max(from, Math.ceil(notBefore / GRID_MINUTES) * GRID_MINUTES);
    for (let s = first; s + duration <= to; s += GRID_MINUTES) starts.push(s);
  }
  return starts;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_RE.test(value) && addDays(value, 0) === value;
}

export function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && TIME_RE.test(value);
}

/** Date and time in Europe/Berlin of an ISO instant. */
export function berlinDateTime(instant: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
