/**
 * Deleting a session's personal data from an embedded data folder so that no copy of the folder
 * can bring it back, even with the master key: the wrapped data key and every sealed blob are
 * overwritten (`secure_delete` zeroes freed cells), then each file is rebuilt (VACUUM) and its
 * write-ahead log checkpointed and truncated, so neither the database nor its WAL keeps an old
 * page. What stays is the hash chain (plaintext digests) and a purge record without personal data.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Plain facts of a purged case, kept so its bundle names the true reference date and language. */
export function migratePurgeTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS purged_sessions (
      session_id TEXT PRIMARY KEY,
      purged_at TEXT NOT NULL,
      reference_date TEXT NOT NULL,
      locale TEXT NOT NULL,
      status TEXT NOT NULL,
      retention TEXT NOT NULL,
      due_at TEXT NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS retention_reminders (
      session_id TEXT PRIMARY KEY,
      reminded_at TEXT NOT NULL,
      last_activity TEXT NOT NULL,
      purge_after TEXT NOT NULL
    );
  `);
}

export interface PurgeRecord { sessionId: string; purgedAt: string; referenceDate: string; locale: string; status: string; retention: string; dueAt: string; reason: string }

/** The purge record of a session, if it was purged by this version. */
export function purgeRecordOf(db: Database.Database, sessionId: string): PurgeRecord | undefined {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'purged_sessions'").get();
  if (!has) return undefined;
  const r = db.prepare('SELECT * FROM purged_sessions WHERE session_id = ?').get(sessionId) as Record<string, string> | undefined;
  return r && {
    sessionId: r.session_id, purgedAt: r.purged_at, referenceDate: r.reference_date, locale: r.locale,
    status: r.status, retention: r.retention, dueAt: r.due_at, reason: r.reason,
  };
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

const likePrefix = (id: string): string => `${id.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Overwrites and deletes everything personal of one session in amtsweg.db (one transaction). */
export function shredSession(db: Database.Database, record: PurgeRecord): void {
  const id = record.sessionId;
  db.pragma('secure_delete = ON');
  db.transaction(() => {
    db.prepare(`INSERT OR REPLACE INTO purged_sessions (session_id, purged_at, reference_date, locale, status, retention, due_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, record.purgedAt, record.referenceDate, record.locale, record.status, record.retention, record.dueAt, record.reason);
    // An open case leaves the desk: nobody can work on data that is gone.
    db.prepare("UPDATE sessions SET wrapped_key = NULL, snapshot = ?, desk = CASE WHEN desk IN ('handoff', 'taken') THEN NULL ELSE desk END WHERE id = ?")
      .run(Buffer.alloc(0), id);
    db.prepare('UPDATE events SET payload = ? WHERE session_id = ?').run(Buffer.alloc(0), id);
    db.prepare('DELETE FROM transcript WHERE session_id = ?').run(id);
    db.prepare('UPDATE effects SET payload = ?, result = NULL WHERE session_id = ?').run(Buffer.alloc(0), id);
    db.prepare('DELETE FROM timers WHERE session_id = ?').run(id);
    db.prepare('DELETE FROM retention_reminders WHERE session_id = ?').run(id);
    if (hasTable(db, 'outbox')) db.prepare('DELETE FROM outbox WHERE session_id = ?').run(id);
    if (hasTable(db, 'turn_keys')) db.prepare('DELETE FROM turn_keys WHERE session_id = ?').run(id);
    if (hasTable(db, 'action_runs')) db.prepare("DELETE FROM action_runs WHERE key LIKE ? ESCAPE '\\'").run(likePrefix(id));
  }).immediate();
}

const EMAIL_TABLES = ['email_threads', 'email_message_ids', 'email_attachments', 'email_outgoing'];

/** Deletes the e-mail thread, addresses, attachments and queued replies of the sessions in email.db. */
export function shredEmail(dataDir: string, sessionIds: string[]): Database.Database | undefined {
  const file = join(dataDir, 'email.db');
  if (!existsSync(file) || sessionIds.length === 0) return undefined;
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  const tables = EMAIL_TABLES.filter((t) => hasTable(db, t));
  db.transaction(() => {
    for (const id of sessionIds) for (const t of tables) db.prepare(`DELETE FROM ${t} WHERE session_id = ?`).run(id);
  }).immediate();
  return db;
}

/** Tables of the shared store (store/, SQLite default `store.db`) that hold something of a session. */
const SHARED_TABLES = ['outbox', 'email_threads', 'email_message_ids', 'email_our_ids', 'email_attachments', 'cases'];

/**
 * Deletes what the shared store keeps of the sessions (outbox rows and queued replies, e-mail thread,
 * message ids and attachments, address challenges, desk case entry, action records) in `store.db`, with secure_delete. A PostgreSQL store is purged
 * through `store.retention.forgetSession` instead.
 */
export function shredShared(dataDir: string, sessionIds: string[]): Database.Database | undefined {
  const file = join(dataDir, 'store.db');
  if (!existsSync(file) || sessionIds.length === 0) return undefined;
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  const tables = SHARED_TABLES.filter((t) => hasTable(db, t));
  db.transaction(() => {
    for (const id of sessionIds) {
      for (const t of tables) db.prepare(`DELETE FROM ${t} WHERE session_id = ?`).run(id);
      if (hasTable(db, 'action_runs')) db.prepare('DELETE FROM action_runs WHERE substr(key, 1, ?) = ?').run(id.length, id);
      if (hasTable(db, 'address_challenges')) db.prepare('DELETE FROM address_challenges WHERE lane = ?').run(id);
    }
  }).immediate();
  return db;
}

export interface CompactionResult { file: string; walTruncated: boolean }

/**
 * Rebuilds the file and empties its WAL. When a reader of a running engine holds an old snapshot
 * the WAL cannot be truncated; the result says so and the next run finishes the job.
 */
export function compact(db: Database.Database, file: string): CompactionResult {
  db.exec('VACUUM');
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return { file, walTruncated: !row || row.busy === 0 };
}
