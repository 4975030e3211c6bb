import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { createActionRegistry, ActionError, type ActionRegistry, isPublicHolidayNW, durationFor } from '..';

const run = promisify(execFile);
let dir: string;
let db: Database.Database;
let registry: ActionRegistry;
let n = 0;
const ctx = () => ({ idempotencyKey: `k${++n}`, sessionId: 's1', now: '2026-11-20T09:00:00Z' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-cal-'));
  db = new Database(join(dir, 'cal.db'));
  db.pragma('journal_mode = WAL');
  // The per-location limit is tested on its own below; these tests book far more at one place.
  registry = createActionRegistry({ db, today: '2026-11-20', bookingLimits: { perContact: 2, perLocation: 10_000, windowMinutes: 10 } });
});
afterEach(async () => {
  await registry.close?.();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Booking = { booking: string; location: string; location_name: string; beginn: string; ende: string; dauer_min: number };
const book = (input: Record<string, unknown>, c = ctx()) => registry.run('calendar.book', input, c) as Promise<Booking>;

describe('calendar rules', () => {
  test('NRW public holidays and durations', () => {
    expect(isPublicHolidayNW('2026-06-04')).toBe(true); // Fronleichnam, NRW only
    expect(isPublicHolidayNW('2026-11-01')).toBe(true); // Allerheiligen
    expect(isPublicHolidayNW('2026-10-31')).toBe(false); // Reformationstag is not a holiday in NRW
    expect(durationFor(['personalausweis', 'reisepass'])).toBe(40);
    expect(durationFor(['fuehrungszeugnis'])).toBe(10);
    expect(durationFor(['something'])).toBe(15);
  });

  test('books the first slot at the wished time', async () => {
    const b = await book({ location: 'hans_sachs_haus', concerns: 'personalausweis', date: '2026-11-24', time: '10:00' });
    expect(b).toMatchObject({ location: 'hans_sachs_haus', location_name: 'Hans-Sachs-Haus', beginn: '2026-11-24T10:00', ende: '2026-11-24T10:20', dauer_min: 20 });
    expect(b.booking).toMatch(/^GE-[A-Z0-9]{8}$/);
    const next = await book({ location: 'hans-sachs-haus', concerns: ['personalausweis', 'reisepass'], date: '2026-11-24', time: '10:00' });
    expect(next.beginn).toBe('2026-11-24T10:20');
    expect(next.dauer_min).toBe(40);
  });

  test('skips Christmas holidays and the Sunday', async () => {
    // 25 Dec (Fri) and 26 Dec (Sat) are holidays, 27 Dec is a Sunday.
    const b = await book({ location: 'hans_sachs_haus', concerns: 'reisepass', date: '2026-12-25' });
    expect(b.beginn).toBe('2026-12-28T08:00');
  });

  test('a Sunday wish moves to Monday; Saturday only where open', async () => {
    expect((await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-29' })).beginn).toBe('2026-11-30T08:00');
    expect((await book({ location: 'hans_sachs_haus', concerns: 'wohnsitz', date: '2026-11-28' })).beginn).toBe('2026-11-28T09:00');
    expect((await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-28' })).beginn).toBe('2026-11-30T08:15');
  });

  test('an appointment must end within opening hours', async () => {
    // Friday closes 13:00: 40 minutes from 12:50 do not fit, Saturday closed at Buer, Sunday never.
    const b = await book({ location: 'buer', concerns: ['personalausweis', 'reisepass'], date: '2026-11-27', time: '12:50' });
    expect(b.beginn).toBe('2026-11-30T08:00');
    // Erle has a lunch break 12:30–13:30 on Tuesdays.
    const e = await book({ location: 'erle', concerns: 'personalausweis', date: '2026-11-24', time: '12:20' });
    expect(e.beginn).toBe('2026-11-24T13:30');
  });

  test('never in the past', async () => {
    const b = await book({ location: 'buer', concerns: 'wohnsitz', date: '2020-01-01' });
    expect(b.beginn).toBe('2026-11-20T08:00');
  });

  test('same idempotency key returns the same booking', async () => {
    const c = ctx();
    const a = await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-24' }, c);
    const b = await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-24' }, c);
    expect(b).toEqual(a);
    expect(db.prepare('SELECT COUNT(*) AS n FROM calendar_bookings').get()).toEqual({ n: 1 });
  });

  test('cancel frees the slot; unknown or repeated numbers are answers, not errors', async () => {
    const a = await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-24' });
    const sentence = `meine Buchungsnummer ist ${a.booking.toLowerCase()}, bitte absagen`;
    expect(await registry.run('calendar.cancel', { booking: sentence }, ctx())).toMatchObject({ cancelled: true, booking: a.booking, beginn: a.beginn });
    const again = await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-24' });
    expect(again.beginn).toBe(a.beginn);
    expect(await registry.run('calendar.cancel', { booking: a.booking }, ctx())).toEqual({ cancelled: false, reason: 'already_cancelled' });
    expect(await registry.run('calendar.cancel', { booking: 'GE-NOPENOPE' }, ctx())).toEqual({ cancelled: false, reason: 'booking_not_found' });
    const err = (await registry.run('calendar.cancel', {}, ctx()).catch((e: unknown) => e)) as ActionError;
    expect(err).toBeInstanceOf(ActionError);
    expect(err.retryable).toBe(false);
  });

  test('free_slots lists what is still free', async () => {
    const before = (await registry.run('calendar.free_slots', { location: 'buer', date: '2026-11-27' }, ctx())) as { beginn: string }[];
    expect(before[0]).toEqual({ beginn: '2026-11-27T08:00', ende: '2026-11-27T08:15' });
    expect(before.at(-1)!.beginn).toBe('2026-11-27T12:45');
    await book({ location: 'buer', concerns: 'wohnsitz', date: '2026-11-27', time: '08:00' });
    const after = (await registry.run('calendar.free_slots', { location: 'buer', date: '2026-11-27' }, ctx())) as { beginn: string }[];
    expect(after[0].beginn).toBe('2026-11-27T08:15');
    expect(await registry.run('calendar.free_slots', { location: 'buer', date: '2026-11-29' }, ctx())).toEqual([]);
  });

  test('bad input says what to fix', async () => {
    await expect(book({ location: 'mars', concerns: 'wohnsitz' })).rejects.toMatchObject({ code: 'unknown_location', retryable: false });
    await expect(book({ location: 'buer', concerns: 'wohnsitz', date: '2026-02-30' })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(registry.run('calendar.nope', {}, ctx())).rejects.toMatchObject({ code: 'unknown_action' });
    expect(registry.names()).toEqual(['address.challenge', 'address.verify', 'calendar.book', 'calendar.cancel', 'calendar.free_slots', 'notify.send', 'submit.http']);
  });
});

function assertNoOverlap(database: Database.Database): number {
  const rows = database.prepare("SELECT location, date, desk, start_min, end_min FROM calendar_bookings WHERE status = 'booked' ORDER BY location, date, desk, start_min").all() as
    { location: string; date: string; desk: number; start_min: number; end_min: number }[];
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    if (a.location === b.location && a.date === b.date && a.desk === b.desk) expect(b.start_min).toBeGreaterThanOrEqual(a.end_min);
  }
  return rows.length;
}

describe('calendar under concurrency', () => {
  test('many concurrent bookings in one process never overlap', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => book({ location: 'horst', concerns: 'fuehrungszeugnis', date: '2026-11-24' })));
    expect(new Set(results.map((r) => r.beginn)).size).toBe(40);
    expect(assertNoOverlap(db)).toBe(40);
  });

  test('three processes booking on one file never double-book', async () => {
    const file = join(dir, 'cal.db');
    const child = join(__dirname, 'book-child.fixture.ts');
    const outs = await Promise.all(['a', 'b', 'c'].map((p) => run(process.execPath, ['-r', 'tsx/cjs', child, file, p, '12'], { cwd: join(__dirname, '../..') })));
    const ids = outs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(ids).toHaveLength(36);
    expect(new Set(ids).size).toBe(36);
    expect(assertNoOverlap(db)).toBe(36);
  }, 60000);
});

describe('limits against filling the calendar (issue 12)', () => {
  const at = (min: number) => new Date(Date.parse('2026-11-20T09:00:00.000Z') + min * 60_000).toISOString();
  const run = (r: ActionRegistry, input: Record<string, unknown>, key: string, min = 0) => r.run('calendar.book', input, { idempotencyKey: key, sessionId: 's1', now: at(min) });

  test('one contact address holds at most two open appointments; cancelling frees one', async () => {
    const r = createActionRegistry({ db, today: '2026-11-20' });
    const input = { location: 'buer', concerns: 'personalausweis', date: '2026-11-24', contact: 'Opfer@Example.org' };
    const a = await run(r, input, 'c1') as { booking: string };
    await run(r, input, 'c2');
    await expect(run(r, { ...input, contact: 'opfer@example.org' }, 'c3')).rejects.toMatchObject({ code: 'contact_limit' });
    expect((await run(r, input, 'c1') as { booking: string }).booking).toBe(a.booking); // a retry is no new booking
    await r.run('calendar.cancel', { booking: a.booking }, { idempotencyKey: 'x1', sessionId: 's1', now: at(0) });
    expect((await run(r, input, 'c4') as { booking: string }).booking).toMatch(/^GE-/);
    expect(JSON.stringify(db.prepare('SELECT * FROM calendar_booking_contacts').all())).not.toMatch(/opfer/i);
  });

  test('a location takes at most its limit of bookings in the window, then refuses until the window moves', async () => {
    const r = createActionRegistry({ db, today: '2026-11-20', bookingLimits: { perContact: 2, perLocation: 12, windowMinutes: 10 } });
    for (let i = 0; i < 12; i++) await run(r, { location: 'horst', concerns: 'personalausweis', contact: `p${i}@example.org` }, `h${i}`);
    await expect(run(r, { location: 'horst', concerns: 'personalausweis' }, 'h12', 1)).rejects.toMatchObject({ code: 'location_rate' });
    expect((await run(r, { location: 'buer', concerns: 'personalausweis' }, 'b0', 1) as { booking: string }).booking).toMatch(/^GE-/);
    expect((await run(r, { location: 'horst', concerns: 'personalausweis' }, 'h13', 11) as { booking: string }).booking).toMatch(/^GE-/);
  });
});
