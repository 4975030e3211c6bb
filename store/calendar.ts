/**
 * The calendar over Kysely. Every booked 5-minute unit is a row keyed (location, date, minute,
 * desk): two bookings can never overlap, whichever process or machine wrote them. The search and
 * the insert run in one write transaction serialised per location; a lost race (unique
 * violation) retries the whole search. A booking carries its idempotency key (unique too).
 */
import { randomBytes } from 'node:crypto';
import { GRID_MINUTES, addDays, candidateStarts } from '../activities/calendar/slots';
import type { Location } from '../activities/calendar/locations';
import type { BookingRequest, BookingRow, BookOutcome, CalendarStore, CancelOutcome } from './contract';
import { writeWithRetry, type DialectOps } from './dialect';
import type { StoreDb } from './schema';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newBookingId(): string {
  return 'GE-' + Array.from(randomBytes(8), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

type Row = { booking: string; location: string; date: string; start_min: number; end_min: number; desk: number };
const toRow = (r: Row): BookingRow => ({
  booking: r.booking, location: r.location, date: r.date, startMin: Number(r.start_min), endMin: Number(r.end_min), desk: Number(r.desk),
});

async function takenUnits(db: StoreDb, location: string, date: string): Promise<Map<number, Set<number>>> {
  const rows = await db.selectFrom('calendar_occupancy').select(['minute', 'desk']).where('location', '=', location).where('date', '=', date).execute();
  const taken = new Map<number, Set<number>>();
  for (const r of rows) {
    const desk = Number(r.desk);
    if (!taken.has(desk)) taken.set(desk, new Set());
    taken.get(desk)!.add(Number(r.minute));
  }
  return taken;
}

/** The first desk free for the whole appointment, if any. */
export function freeDesk(loc: Location, taken: Map<number, Set<number>>, start: number, duration: number): number | undefined {
  for (let desk = 1; desk <= loc.desks; desk++) {
    const units = taken.get(desk);
    let free = true;
    for (let m = start; m < start + duration; m += GRID_MINUTES) if (units?.has(m)) { free = false; break; }
    if (free) return desk;
  }
  return undefined;
}

const BOOKING_COLUMNS = ['booking', 'location', 'date', 'start_min', 'end_min', 'desk'] as const;

/**
 * The first limit a new booking would exceed (checked inside the booking's write transaction).
 * Both counts are one round trip: the transaction holds the location's lock, so each query in it
 * adds to every other booking's wait.
 */
async function overLimit(trx: StoreDb, req: BookingRequest): Promise<BookOutcome | undefined> {
  const l = req.limits;
  if (!l) return undefined;
  const since = new Date(Date.parse(req.now) - l.windowMinutes * 60_000).toISOString();
  const counts = await trx.selectNoFrom((eb) => [
    eb.selectFrom('calendar_bookings').select((e) => e.fn.countAll<number>().as('n'))
      .where('location', '=', req.location.id).where('status', '=', 'booked').where('created_at', '>', since).as('recent'),
    // Contact rows of earlier days no longer count (they are dropped after the booking, outside the lock).
    eb.selectFrom('calendar_booking_contacts as c').innerJoin('calendar_bookings as b', 'b.booking', 'c.booking')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('c.contact_hash', '=', l.contactHash ?? '').where('c.date', '>=', l.today).where('b.status', '=', 'booked').as('open'),
  ]).executeTakeFirst();
  const recent = Number(counts?.recent ?? 0);
  if (recent >= l.perLocation) return { ok: false, code: 'location_rate', count: recent };
  const open = Number(counts?.open ?? 0);
  if (l.contactHash && open >= l.perContact) return { ok: false, code: 'contact_limit', count: open };
  return undefined;
}

async function bookedWithKey(db: StoreDb, key: string): Promise<BookOutcome | undefined> {
  const existing = await db.selectFrom('calendar_bookings').select(BOOKING_COLUMNS).where('idempotency_key', '=', key).executeTakeFirst();
  return existing ? { ok: true, booking: toRow(existing), existing: true } : undefined;
}

export function createCalendarStore(db: StoreDb, ops: DialectOps): CalendarStore {
  async function search(trx: StoreDb, req: BookingRequest): Promise<BookOutcome> {
    const existing = await bookedWithKey(trx, req.key);
    if (existing) return existing;
    const limited = await overLimit(trx, req);
    if (limited) return limited;
    let date = req.date;
    let notBefore = req.notBefore;
    for (let i = 0; i < req.searchDays; i++, date = addDays(date, 1), notBefore = 0) {
      const starts = candidateStarts(req.location, date, req.duration, notBefore);
      if (starts.length === 0) continue;
      const taken = await takenUnits(trx, req.location.id, date);
      for (const start of starts) {
        const desk = freeDesk(req.location, taken, start, req.duration);
        if (desk === undefined) continue;
        const row: Row = { booking: newBookingId(), location: req.location.id, date, start_min: start, end_min: start + req.duration, desk };
        await trx.insertInto('calendar_bookings').values({
          ...row, concerns: JSON.stringify(req.concerns), idempotency_key: req.key, status: 'booked', created_at: req.now, cancelled_at: null,
        }).execute();
        const units = [];
        for (let m = start; m < start + req.duration; m += GRID_MINUTES) units.push({ location: row.location, date, minute: m, desk, booking: row.booking });
        await trx.insertInto('calendar_occupancy').values(units).execute();
        if (req.limits?.contactHash) await trx.insertInto('calendar_booking_contacts').values({ booking: row.booking, contact_hash: req.limits.contactHash, date }).execute();
        return { ok: true, booking: toRow(row), existing: false };
      }
    }
    return { ok: false, code: 'no_free_slot' };
  }

  return {
    async book(req) {
      // A retried attempt whose first attempt already booked answers without queueing for the lock.
      const before = await bookedWithKey(db, req.key);
      if (before) return before;
      const out = await writeWithRetry(ops, db, `amtsweg:calendar:${req.location.id}`, (trx) => search(trx, req), 8);
      if (req.limits?.contactHash) await db.deleteFrom('calendar_booking_contacts').where('date', '<', req.limits.today).execute().catch(() => undefined);
      return out;
    },

    cancel: (booking, now) => ops.write(db, undefined, async (trx): Promise<CancelOutcome> => {
      const row = await trx.selectFrom('calendar_bookings').select([...BOOKING_COLUMNS, 'status']).where('booking', '=', booking).executeTakeFirst();
      if (!row) return { ok: false, code: 'booking_not_found' };
      const res = await trx.updateTable('calendar_bookings').set({ status: 'cancelled', cancelled_at: now })
        .where('booking', '=', booking).where('status', '=', 'booked').executeTakeFirst();
      // Of two concurrent cancellations only one changes the row.
      if (row.status === 'cancelled' || res.numUpdatedRows === 0n) return { ok: false, code: 'already_cancelled' };
      await trx.deleteFrom('calendar_occupancy').where('booking', '=', booking).execute();
      return { ok: true, booking: toRow(row) };
    }),

    taken: (location, date) => takenUnits(db, location, date),

    async bookings(location, date) {
      const rows = await db.selectFrom('calendar_bookings').select(BOOKING_COLUMNS)
        .where('location', '=', location).where('date', '=', date).where('status', '=', 'booked').orderBy('start_min').orderBy('desk').execute();
      return rows.map(toRow);
    },
  };
}
