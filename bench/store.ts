/**
 * store_bookings_per_s (`_pg`): `calendar.book` through the shared store, one at a time and 16
 * in flight, on SQLite (store.db, WAL, synchronous=FULL) and — when PostgreSQL's binaries are
 * installed — on a throwaway local PostgreSQL server (fsync off: a test server; compare the
 * shapes, not the absolute numbers, with a production database).
 */
import { GELSENKIRCHEN_LOCATIONS, type Location } from '../activities/calendar';
import { addDays } from '../activities/calendar/slots';
import { openStore, type SharedStore } from '../store';
import type { BenchModule, BenchResult } from './types';

const horst = GELSENKIRCHEN_LOCATIONS.find((l) => l.id === 'horst') as Location;

async function bookingsPerSecond(store: SharedStore, n: number, inFlight: number, prefix: string): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  async function worker(): Promise<void> {
    for (let i = next++; i < n; i = next++) {
      // Spread over 100 days so the search stays short; each day holds a few dozen bookings.
      const date = addDays('2027-01-04', i % 100);
      const r = await store.calendar.book({ location: horst, date, notBefore: 0, duration: 10, concerns: ['fuehrungszeugnis'], key: `${prefix}-${i}`, now: '2027-01-01T08:00:00.000Z', searchDays: 120 });
      if (!r.ok) throw new Error('bench: calendar full');
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
  return n / ((performance.now() - t0) / 1000);
}

async function measure(store: SharedStore, n: number, label: string, suffix: string): Promise<BenchResult[]> {
  return [
    { key: `store_bookings_per_s${suffix}`, value: await bookingsPerSecond(store, n, 1, `${suffix}-seq`), unit: 'bookings/s', note: `${label}, one at a time` },
    { key: `store_bookings_per_s${suffix}_16`, value: await bookingsPerSecond(store, n, 16, `${suffix}-par`), unit: 'bookings/s', note: `${label}, 16 in flight` },
  ];
}

export const storeBench: BenchModule = {
  name: 'store',
  async run(ctx) {
    const n = ctx.quick ? 100 : 600;
    const sqlite = await openStore({ dataDir: ctx.tmp });
    const out: BenchResult[] = [];
    try {
      out.push(...(await measure(sqlite, n, 'SQLite store.db, synchronous=FULL', '')));
    } finally {
      await sqlite.close();
    }
    let pg: typeof import('../test/postgres/server') | undefined;
    try {
      pg = require('../test/postgres/server') as typeof import('../test/postgres/server');
    } catch {
      pg = undefined;
    }
    if (!pg || !pg.postgresBinariesInstalled()) {
      ctx.log('bench: store on PostgreSQL skipped (no server binaries; apt-get install postgresql)');
      return out;
    }
    process.env.AMTSWEG_TEST_RUN_OWNER ??= String(process.pid);
    try {
      const store = await openStore({ url: await pg.createTestDatabase('bench') });
      try {
        out.push(...(await measure(store, n, 'PostgreSQL (local test server, fsync off)', '_pg')));
      } finally {
        await store.close();
      }
    } finally {
      pg.stopTestPostgres();
    }
    return out;
  },
};
