/**
 * The appointment calendar on SQLite. Every booked 5-minute unit is a row with a primary key
 * (location, date, minute, desk), so two bookings can never overlap, even from two processes
 * on the same file; booking runs in an IMMEDIATE transaction so the search and the insert see
 * one state. A booking is stored with its idempotency key: the same key returns the same booking.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ActionError, badInput } from '../errors';
import { findLocation, type Location } from './locations';
import {
  GRID_MINUTES, addDays, berlinDateTime, candidateStarts, durationFor, fromMinutes, isIsoDate, isIsoTime, toMinutes,
} from './slots';

/** How far ahead the calendar searches for a free slot. */
export const SEARCH_DAYS = 120;

export interface BookingResult {
  booking: string;
  location: string;
  location_name: string;
  beginn: string;
  ende: string;
  dauer_min: number;
}

export function migrateCalendar(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS calendar_bookings (
      booking TEXT PRIMARY KEY,
      location TEXT NOT NULL,
      date TEXT NOT NULL,
      start_min INTEGER NOT NULL,
      end_min INTEGER NOT NULL,
      desk INTEGER NOT NULL,
      concerns TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL DEFAULT 'booked',
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS calendar_occupancy (
      location TEXT NOT NULL,
      date TEXT NOT NULL,
      minute INTEGER NOT NULL,
      desk INTEGER NOT NULL,
      booking TEXT NOT NULL,
      PRIMARY KEY (location, date, minute, desk)
    );
    CREATE INDEX IF NOT EXISTS calendar_occupancy_booking ON calendar_occupancy (booking);
  `);
}

function newBookingId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return 'GE-' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function toResult(row: { booking: string; location: string; date: string; start_min: number; end_min: number }, locations: Location[]): BookingResult {
  return {
    booking: row.booking,
    location: row.location,
    location_name: locations.find((l) => l.id === row.location)?.name ?? row.location,
    beginn: `${row.date}T${fromMinutes(row.start_min)}`,
    ende: `${row.date}T${fromMinutes(row.end_min)}`,
    dauer_min: row.end_min - row.start_min,
  };
}

function requireLocation(locations: Location[], action: string, value: unknown): Location {
  if (typeof value !== 'string' || !value.trim()) throw badInput(action, 'location', 'a location id such as ' + locations.map((l) => l.id).join(', '));
  const loc = findLocation(locations, value);
  if (!loc) {
    throw new ActionError('unknown_location', `${action}: there is no location "${value}". Use one of: ${locations.map((l) => l.id).join(', ')}.`, false);
  }
  return loc;
}

function concernsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw badInput('calendar.book', 'concerns', 'a concern id or a list of concern ids');
}

/** Units (minutes on the grid) taken per desk on one date. */
function takenUnits(db: Database, location: string, date: string): Map<number, Set<number>> {
  const rows = db.prepare('SELECT minute, desk FROM calendar_occupancy WHERE location = ? AND date = ?').all(location, date) as { minute: number; desk: number }[];
  const taken = new Map<number, Set<number>>();
  for (const r of rows) {
    if (!taken.has(r.desk)) taken.set(r.desk, new Set());
    taken.get(r.desk)!.add(r.minute);
  }
  return taken;
}

function freeDesk(loc: Location, taken: Map<number, Set<number>>, start: number, duration: number): number | undefined {
  for (let desk = 1; desk <= loc.desks; desk++) {
    const units = taken.get(desk);
    let free = true;
    for (let m = start; m < start + duration; m += GRID_MINUTES) if (units?.has(m)) { free = false; break; }
    if (free) return desk;
  }
  return undefined;
}

export interface CalendarOptions { locations: Location[]; today?: string; /** Minutes per concern from the calendar data. */ minutes?: Record<string, number> }

/** Books the first free slot at or after the wished date/time. */
export function book(db: Database, opts: CalendarOptions, input: Record<string, unknown>, key: string, now: string): BookingResult {
  const loc = requireLocation(opts.locations, 'calendar.book', input.location);
  const concerns = concernsOf(input.concerns);
  if (input.date !== undefined && input.date !== null && !isIsoDate(input.date)) throw badInput('calendar.book', 'date', "a date 'YYYY-MM-DD'");
  if (input.time !== undefined && input.time !== null && !isIsoTime(input.time)) throw badInput('calendar.book', 'time', "a time 'HH:MM'");
  const duration = durationFor(concerns, opts.minutes);

  // Never in the past: with a fixed "today" (tests, AMTSWEG_TODAY) from its start, else from now in Berlin.
  const floor = opts.today ? { date: opts.today, min: 0 } : (() => { const b = berlinDateTime(now); return { date: b.date, min: toMinutes(b.time) + 1 }; })();
  const wishDate = typeof input.date === 'string' ? input.date : floor.date;
  const wishMin = typeof input.time === 'string' ? toMinutes(input.time) : 0;
  let date = wishDate < floor.date ? floor.date : wishDate;
  let notBefore = date === wishDate ? wishMin : 0;
  if (date === floor.date) notBefore = Math.max(notBefore, floor.min);

  const tx = db.transaction((): BookingResult => {
    const existing = db.prepare('SELECT * FROM calendar_bookings WHERE idempotency_key = ?').get(key) as Parameters<typeof toResult>[0] | undefined;
    if (existing) return toResult(existing, opts.locations);
    for (let i = 0; i < SEARCH_DAYS; i++, date = addDays(date, 1), notBefore = 0) {
      const starts = candidateStarts(loc, date, duration, notBefore);
      if (starts.length === 0) continue;
      const taken = takenUnits(db, loc.id, date);
      for (const start of starts) {
        const desk = freeDesk(loc, taken, start, duration);
        if (desk === undefined) continue;
        const id = newBookingId();
        db.prepare(`INSERT INTO calendar_bookings (booking, location, date, start_min, end_min, desk, concerns, idempotency_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, loc.id, date, start, start + duration, desk, JSON.stringify(concerns), key, now);
        const occupy = db.prepare('INSERT INTO calendar_occupancy (location, date, minute, desk, booking) VALUES (?, ?, ?, ?, ?)');
        for (let m = start; m < start + duration; m += GRID_MINUTES) occupy.run(loc.id, date, m, desk, id);
        return toResult({ booking: id, location: loc.id, date, start_min: start, end_min: start + duration }, opts.locations);
      }
    }
    throw new ActionError('no_free_slot', `calendar.book: no free slot at ${loc.name} within ${SEARCH_DAYS} days from ${wishDate}. Offer another location or a later date.`, false);
  });
  try {
    return tx.immediate();
  } catch (err) {
    if (err instanceof ActionError) throw err;
    const code = (err as { code?: string }).code ?? '';
    // Another process holds the write lock or won a race on the same unit: a retry finds the next slot.
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_CONSTRAINT')) {
      throw new ActionError('calendar_busy', 'calendar.book: the calendar was busy; the engine retries automatically.', true);
    }
    throw err;
  }
}

/** Cancels a booking and frees its units. Cancelling twice is fine. */
/** Outcome of a cancellation: the cancelled booking, or why nothing was cancelled. */
export type CancelResult =
  | ({ cancelled: true } & BookingResult)
  | { cancelled: false; reason: 'booking_not_found' | 'already_cancelled' };

/**
 * Cancels a booking by its number. The number may stand inside a citizen's sentence
 * ("meine Nummer ist ge-ab12cd34"). An unknown or already cancelled number is a normal answer
 * (`cancelled: false` with a reason) so a definition can tell the citizen, not an error.
 */
export function cancel(db: Database, opts: CalendarOptions, input: Record<string, unknown>): CancelResult {
  if (typeof input.booking !== 'string' || !input.booking) throw badInput('calendar.cancel', 'booking', "a booking number 'GE-…'");
  const m = /GE-?([A-Z0-9]{8})(?![A-Z0-9])/.exec(input.booking.toUpperCase());
  if (!m) return { cancelled: false, reason: 'booking_not_found' };
  const id = `GE-${m[1]}`;
  return db.transaction((): CancelResult => {
    const row = db.prepare('SELECT booking, location, date, start_min, end_min, status FROM calendar_bookings WHERE booking = ?').get(id) as
      | { booking: string; location: string; date: string; start_min: number; end_min: number; status: string }
      | undefined;
    if (!row) return { cancelled: false, reason: 'booking_not_found' };
    if (row.status === 'cancelled') return { cancelled: false, reason: 'already_cancelled' };
    db.prepare("UPDATE calendar_bookings SET status = 'cancelled' WHERE booking = ?").run(id);
    db.prepare('DELETE FROM calendar_occupancy WHERE booking = ?').run(id);
    return { cancelled: true, ...toResult(row, opts.locations) };
  }).immediate();
}

/** Free start times on one date for an appointment of the given concerns (default: one "other" concern). */
export function freeSlots(db: Database, opts: CalendarOptions, input: Record<string, unknown>): { beginn: string; ende: string }[] {
  const loc = requireLocation(opts.locations, 'calendar.free_slots', input.location);
  if (!isIsoDate(input.date)) throw badInput('calendar.free_slots', 'date', "a date 'YYYY-MM-DD'");
  const date = input.date;
  const duration = durationFor(concernsOf(input.concerns), opts.minutes);
  const taken = takenUnits(db, loc.id, date);
  return candidateStarts(loc, date, duration)
    .filter((s) => freeDesk(loc, taken, s, duration) !== undefined)
    .map((s) => ({ beginn: `${date}T${fromMinutes(s)}`, ende: `${date}T${fromMinutes(s + duration)}` }));
}
