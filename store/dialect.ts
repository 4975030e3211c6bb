/**
 * What differs between the two databases, and nothing else: how a write transaction serialises
 * writers, the binary column type, and how a unique violation or a transient failure looks.
 * Every query lives once, in the topic files, written against Kysely.
 */
import { sql } from 'kysely';
import type { StoreDialect } from './contract';
import type { StoreDb } from './schema';

export interface DialectOps {
  readonly name: StoreDialect;
  readonly binaryType: 'blob' | 'bytea';
  /**
   * Runs `fn` in one write transaction. Writers with the same `lockKey` wait for each other
   * (SQLite: every writer, BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock).
   * The unique keys stay the guarantee; the lock only spares the losers a retry.
   */
  write<T>(db: StoreDb, lockKey: string | undefined, fn: (trx: StoreDb) => Promise<T>): Promise<T>;
  isUniqueViolation(err: unknown): boolean;
  /** Busy, serialisation failure, deadlock, lost connection: worth another attempt. */
  isTransient(err: unknown): boolean;
}

const codeOf = (err: unknown): string => String((err as { code?: unknown })?.code ?? '');

export const sqliteOps: DialectOps = {
  name: 'sqlite',
  binaryType: 'blob',
  write(db, _lockKey, fn) {
    // One connection per file and process (see open.ts): BEGIN IMMEDIATE takes the write lock
    // up front, so a search-then-insert sees one state, across processes too.
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const out = await fn(conn);
        await sql`commit`.execute(conn);
        return out;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      }
    });
  },
  isUniqueViolation: (err) => /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(codeOf(err)),
  isTransient: (err) => codeOf(err).startsWith('SQLITE_BUSY') || codeOf(err).startsWith('SQLITE_LOCKED'),
};

/**
 * Writers of one process with the same lock key, queued in memory per pool. Without it, every
 * waiting writer holds a pooled connection while it waits for the advisory lock: 20 concurrent
 * bookings of one office took all 10 connections of a worker, and the rest of the process (the
 * payload codec's key lookups, other activities) timed out waiting for one. Now at most one
 * connection per key and process waits on the lock; the others wait here, holding nothing.
 */
const writeQueues = new WeakMap<StoreDb, Map<string, Promise<unknown>>>();

function queuedPerProcess<T>(db: StoreDb, lockKey: string, fn: () => Promise<T>): Promise<T> {
  let queues = writeQueues.get(db);
  if (!queues) writeQueues.set(db, (queues = new Map()));
  const prev = queues.get(lockKey) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.then(() => undefined, () => undefined);
  queues.set(lockKey, tail);
  void tail.then(() => { if (queues.get(lockKey) === tail) queues.delete(lockKey); });
  return run;
}

export const postgresOps: DialectOps = {
  name: 'postgres',
  binaryType: 'bytea',
  write(db, lockKey, fn) {
    const transaction = () => db.transaction().execute(async (trx) => {
      if (lockKey) await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
      return fn(trx);
    });
    return lockKey ? queuedPerProcess(db, lockKey, transaction) : transaction();
  },
  isUniqueViolation: (err) => codeOf(err) === '23505',
  isTransient: (err) => ['40001', '40P01', '57P01', '08006', '08003', 'ECONNRESET', 'ECONNREFUSED'].includes(codeOf(err)),
};

/** Runs a write, retrying a few times on a unique violation or transient failure (a race lost). */
export async function writeWithRetry<T>(
  ops: DialectOps, db: StoreDb, lockKey: string | undefined, fn: (trx: StoreDb) => Promise<T>, attempts = 5,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await ops.write(db, lockKey, fn);
    } catch (err) {
      if (i >= attempts || !(ops.isUniqueViolation(err) || ops.isTransient(err))) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.floor(Math.random() * 10)));
    }
  }
}
