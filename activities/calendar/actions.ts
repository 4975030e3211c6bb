/**
 * The calendar actions: `calendar.book`, `calendar.cancel`, `calendar.free_slots`. This file reads
 * and checks the input and shapes the answer; the transactional part (search + insert under
 * unique keys, on SQLite or PostgreSQL) is the shared store's (store/calendar.ts). A booking is
 * stored with its idempotency key: the same key returns the same booking.
 */
import { hmacHex } from '../../platform/crypto';
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './limits';
import type { CalendarStore } from '../../store/contract';
import { freeDesk } from '../../store/calendar';
import { ActionError, badInput } from '../errors';
import { findLocation, type Location } from './locations';
import { berlinDateTime, candidateStarts, durationFor, fromMinutes, isIsoDate, isIsoTime, toMinutes } from './slots';

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

export interface CalendarOptions {
  locations: Location[]; today?: string; /** Minutes per concern from the calendar data. */ minutes?: Record<string, number>;
  /** Per-contact and per-location limits (default {@link DEFAULT_BOOKING_LIMITS}). */
  limits?: BookingLimits;
}

function toResult(row: { booking: string; location: string; date: string; startMin: number; endMin: number }, locations: Location[]): BookingResult {
  return {
    booking: row.booking,
    location: row.location,
    location_name: locations.find((l) => l.id === row.location)?.name ?? row.location,
    beginn: `${row.date}T${fromMinutes(row.startMin)}`,
    ende: `${row.date}T${fromMinutes(row.endMin)}`,
    dauer_min: row.endMin - row.startMin,
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

/** A store failure the engine may retry (busy database, lost race, unreachable server). */
function retryable(action: string, err: unknown): never {
  if (err instanceof ActionError) throw err;
  const code = String((err as { code?: unknown })?.code ?? '');
  if (/^SQLITE_(BUSY|LOCKED|CONSTRAINT)/.test(code) || /^(23505|40001|40P01|57P01|08\d{3}|ECONN\w+)$/.test(code) || code === 'store_unreachable') {
    throw new ActionError('calendar_busy', `${action}: the calendar was busy; the engine retries automatically.`, true);
  }
  throw err;
}

/** Books the first free slot at or after the wished date/time. */
export async function book(store: CalendarStore, opts: CalendarOptions, input: Record<string, unknown>, key: string, now: string): Promise<BookingResult> {
  const loc = requireLocation(opts.locations, 'calendar.book', input.location);
  const concerns = concernsOf(input.concerns);
  if (input.date !== undefined && input.date !== null && !isIsoDate(input.date)) throw badInput('calendar.book', 'date', "a date 'YYYY-MM-DD'");
  if (input.time !== undefined && input.time !== null && !isIsoTime(input.time)) throw badInput('calendar.book', 'time', "a time 'HH:MM'");
  const duration = durationFor(concerns, opts.minutes);

  // Never in the past: with a fixed "today" (tests, AMTSWEG_TODAY) from its start, else from now in Berlin.
  const floor = opts.today ? { date: opts.today, min: 0 } : (() => { const b = berlinDateTime(now); return { date: b.date, min: toMinutes(b.time) + 1 }; })();
  const wishDate = typeof input.date === 'string' ? input.date : floor.date;
  const wishMin = typeof input.time === 'string' ? toMinutes(input.time) : 0;
  const date = wishDate < floor.date ? floor.date : wishDate;
  let notBefore = date === wishDate ? wishMin : 0;
  if (date === floor.date) notBefore = Math.max(notBefore, floor.min);

  let outcome;
  try {
    const limits = opts.limits ?? DEFAULT_BOOKING_LIMITS;
    const contact = typeof input.contact === 'string' && input.contact.trim() ? input.contact : undefined;
    outcome = await store.book({
      location: loc, date, notBefore, duration, concerns, key, now, searchDays: SEARCH_DAYS,
      limits: { ...limits, today: floor.date, contactHash: contact ? contactHash(contact) : undefined },
    });
  } catch (err) {
    retryable('calendar.book', err);
  }
  if (!outcome.ok && outcome.code === 'contact_limit') {
    throw new ActionError('contact_limit', `calendar.book: this contact address already holds ${outcome.count} open appointments; cancel one first or ask a member of staff.`, false);
  }
  if (!outcome.ok && outcome.code === 'location_rate') {
    throw new ActionError('location_rate', `calendar.book: ${loc.name} took ${outcome.count} bookings in the last ${(opts.limits ?? DEFAULT_BOOKING_LIMITS).windowMinutes} minutes; try again later or choose another location.`, false);
  }
  if (!outcome.ok) {
    throw new ActionError('no_free_slot', `calendar.book: no free slot at ${loc.name} within ${SEARCH_DAYS} days from ${wishDate}. Offer another location or a later date.`, false);
  }
  return toResult(outcome.booking, opts.locations);
}

/** Outcome of a cancellation: the cancelled booking, or why nothing was cancelled. */
export type CancelResult =
  | ({ cancelled: true } & BookingResult)
  | { cancelled: false; reason: 'booking_not_found' | 'already_cancelled' };

/**
 * Cancels a booking by its number. The number may stand inside a citizen's sentence
 * ("meine Nummer ist ge-ab12cd34"). An unknown or already cancelled number is a normal answer
 * (`cancelled: false` with a reason) so a definition can tell the citizen, not an error.
 */
export async function cancel(store: CalendarStore, opts: CalendarOptions, input: Record<string, unknown>, now: string): Promise<CancelResult> {
  if (typeof input.booking !== 'string' || !input.booking) throw badInput('calendar.cancel', 'booking', "a booking number 'GE-…'");
  const m = /GE-?([A-Z0-9]{8})(?![A-Z0-9])/.exec(input.booking.toUpperCase());
  if (!m) return { cancelled: false, reason: 'booking_not_found' };
  let outcome;
  try {
    outcome = await store.cancel(`GE-${m[1]}`, now);
  } catch (err) {
    retryable('calendar.cancel', err);
  }
  if (!outcome.ok) return { cancelled: false, reason: outcome.code };
  return { cancelled: true, ...toResult(outcome.booking, opts.locations) };
}

/** Free start times on one date for an appointment of the given concerns (default: one "other" concern). */
export async function freeSlots(store: CalendarStore, opts: CalendarOptions, input: Record<string, unknown>): Promise<{ beginn: string; ende: string }[]> {
  const loc = requireLocation(opts.locations, 'calendar.free_slots', input.location);
  if (!isIsoDate(input.date)) throw badInput('calendar.free_slots', 'date', "a date 'YYYY-MM-DD'");
  const date = input.date;
  const duration = durationFor(concernsOf(input.concerns), opts.minutes);
  let taken;
  try {
    taken = await store.taken(loc.id, date);
  } catch (err) {
    retryable('calendar.free_slots', err);
  }
  return candidateStarts(loc, date, duration)
    .filter((s) => freeDesk(loc, taken, s, duration) !== undefined)
    .map((s) => ({ beginn: `${date}T${fromMinutes(s)}`, ende: `${date}T${fromMinutes(s + duration)}` }));
}

/** The contact address as a pseudonym (a keyed hash; the rows are dropped after the appointment day). */
function contactHash(contact: string): string {
  return hmacHex('amtsweg-calendar-contact', contact.trim().toLowerCase());
}
