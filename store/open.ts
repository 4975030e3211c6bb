/**
 * Opening the shared store: `postgres://…` (AMTSWEG_DATABASE_URL or --database) selects
 * PostgreSQL; nothing, or `sqlite:<file>`, selects SQLite (default `<dataDir>/store.db`).
 * Both are the same Kysely code (store/*.ts); only dialect.ts knows which one runs.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, PostgresDialect, sql } from 'kysely';
import { createCalendarStore } from './calendar';
import { createCaseIndex } from './cases';
import { createConfirmationStore } from './confirmations';
import type { SharedStore } from './contract';
import { postgresOps, sqliteOps, type DialectOps } from './dialect';
import { StoreError } from './errors';
import { migrate } from './migrations';
import { createNonceStore } from './nonces';
import { createOutboxStore } from './outbox';
import { createIdempotencyStore } from './records';
import { createPayloadKeyStore } from './payload-keys';
import { createRetentionStore } from './retention';
import type { StoreDb, StoreSchema } from './schema';
import { createThreadStore } from './threads';

export interface OpenStoreOptions {
  /** postgres://user:pass@host:port/db, sqlite:<file>, or empty for `<dataDir>/store.db`. */
  url?: string;
  /** Folder of the default SQLite file. */
  dataDir?: string;
  /** SQLite only: FULL (default, survives power loss) or NORMAL. */
  synchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
}

/** The store URL a command uses: the flag, else AMTSWEG_DATABASE_URL, else none (SQLite). */
export function storeUrlFrom(flag?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = (flag ?? env.AMTSWEG_DATABASE_URL ?? '').trim();
  return v === '' ? undefined : v;
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function compose(db: StoreDb, ops: DialectOps, location: string, close: () => Promise<void>): SharedStore {
  let closed = false;
  return {
    dialect: ops.name,
    location,
    calendar: createCalendarStore(db, ops),
    idempotency: createIdempotencyStore(db),
    outbox: createOutboxStore(db),
    cases: createCaseIndex(db),
    threads: createThreadStore(db),
    confirmations: createConfirmationStore(db),
    nonces: createNonceStore(db),
    retention: createRetentionStore(db),
    payloadKeys: createPayloadKeyStore(db, ops),
    async ping() {
      if (closed) throw new StoreError('store_closed', `The store ${location} is closed.`);
      try {
        await sql`select 1`.execute(db);
      } catch (err) {
        throw unreachable(location, err);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

function unreachable(location: string, err: unknown): StoreError {
  const code = (err as { code?: string })?.code;
  const hint = code === '28P01' || code === '28000' ? 'the user name or password is wrong'
    : code === '3D000' ? 'the database does not exist (create it, e.g. createdb)'
      : code === 'ECONNREFUSED' ? 'nothing listens at that address (is PostgreSQL running?)'
        : code === 'ENOTFOUND' ? 'the host name does not resolve' : (err as Error)?.message ?? String(err);
  return new StoreError('store_unreachable', `The store ${location} cannot be reached: ${hint}. Check AMTSWEG_DATABASE_URL / --database.`, true, { cause: err });
}

// One connection per SQLite file and process: two connections of one process on one file could
// wait on each other's write lock while holding the event loop (busy_timeout blocks).
const sqliteFiles = new Map<string, { db: StoreDb; refs: number; ready: Promise<unknown> }>();

async function openSqlite(file: string, synchronous: 'FULL' | 'NORMAL'): Promise<SharedStore> {
  const path = resolve(file);
  let entry = sqliteFiles.get(path);
  if (!entry) {
    mkdirSync(dirname(path), { recursive: true });
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`synchronous = ${synchronous}`);
    raw.pragma('busy_timeout = 5000');
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: raw }) });
    entry = { db, refs: 0, ready: migrate(db, sqliteOps) };
    sqliteFiles.set(path, entry);
  }
  entry.refs++;
  const e = entry;
  try {
    await e.ready;
  } catch (err) {
    e.refs--;
    if (e.refs === 0) { sqliteFiles.delete(path); await e.db.destroy(); }
    throw err;
  }
  return compose(e.db, sqliteOps, `sqlite:${path}`, async () => {
    e.refs--;
    if (e.refs === 0) {
      sqliteFiles.delete(path);
      await e.db.destroy();
    }
  });
}

async function openPostgres(url: string, poolSize: number): Promise<SharedStore> {
  const { Pool } = await import('pg');
  const location = redactUrl(url);
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw unreachable(location, err);
  }
  try {
    await migrate(db, postgresOps);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return compose(db, postgresOps, location, () => db.destroy());
}

/** Opens (and migrates) the shared store. Throws StoreError with a code and the fix. */
export async function openStore(opts: OpenStoreOptions = {}): Promise<SharedStore> {
  const url = opts.url?.trim();
  if (!url) {
    if (!opts.dataDir) throw new StoreError('store_bad_url', 'No store given: pass a data folder (SQLite) or a postgres:// URL.');
    return openSqlite(join(opts.dataDir, 'store.db'), opts.synchronous ?? 'FULL');
  }
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, opts.poolSize ?? 10);
  if (/^sqlite:/i.test(url)) return openSqlite(url.replace(/^sqlite:(\/\/)?/i, ''), opts.synchronous ?? 'FULL');
  throw new StoreError('store_bad_url', `The database URL "${redactUrl(url)}" is neither postgres://user:password@host:port/database nor sqlite:<file>. Fix AMTSWEG_DATABASE_URL or --database.`);
}
