/**
 * Child process for the cross-process booking test: opens the same SQLite file and books
 * `count` appointments as fast as it can. Prints the booking numbers as JSON.
 * Usage: node -r tsx/cjs book-child.fixture.ts <dbFile> <prefix> <count>
 */
import Database from 'better-sqlite3';
import { createActionRegistry } from '../registry';
import { ActionError } from '../errors';

async function main(): Promise<void> {
  const [file, prefix, count] = process.argv.slice(2);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const registry = createActionRegistry({ db, today: '2026-11-23', bookingLimits: { perContact: 2, perLocation: 10_000, windowMinutes: 10 } });
  const bookings: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = (await registry.run('calendar.book', { location: 'buer', concerns: 'wohnsitz', date: '2026-11-23' },
          { idempotencyKey: `${prefix}-${i}`, sessionId: prefix, now: '2026-11-23T07:00:00Z' })) as { booking: string };
        bookings.push(r.booking);
        break;
      } catch (err) {
        if (!(err instanceof ActionError && err.retryable) || attempt > 20) throw err;
      }
    }
  }
  db.close();
  process.stdout.write(JSON.stringify(bookings));
}

main().catch((err) => { process.stderr.write(String(err)); process.exit(1); });
