/**
 * Opens `<dataDir>/amtsweg.db` with the pragmas the durability guarantee rests on, and creates
 * the engine's tables. WAL lets readers run beside the one writer; synchronous = FULL fsyncs the
 * WAL on every commit, so a committed turn survives power loss, not just a process crash
 * (NORMAL would be faster but may lose the last turns on power loss; see bench/ for numbers).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Synchronous = 'FULL' | 'NORMAL';

export function applyPragmas(db: Database.Database, synchronous: Synchronous = 'FULL'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

export function openDatabase(dataDir: string, synchronous: Synchronous = 'FULL'): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'amtsweg.db'));
  applyPragmas(db, synchronous);
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS definitions (
      hash TEXT PRIMARY KEY,
      service TEXT NOT NULL,
      version TEXT NOT NULL,
      source TEXT NOT NULL,
      first_seen TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      service TEXT NOT NULL,
      definition_hash TEXT NOT NULL REFERENCES definitions (hash),
      status TEXT NOT NULL,
      channel TEXT NOT NULL,
      key_id TEXT NOT NULL,
      wrapped_key BLOB,
      token_hash TEXT NOT NULL,
      snapshot BLOB NOT NULL,
      last_seq INTEGER NOT NULL,
      last_hash TEXT NOT NULL,
      desk TEXT,
      taken_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_desk ON sessions (desk, updated_at);
    CREATE TABLE IF NOT EXISTS events (
      session_id TEXT NOT NULL REFERENCES sessions (id),
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      payload BLOB NOT NULL,
      digest TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      PRIMARY KEY (session_id, seq)
    );
    CREATE TABLE IF NOT EXISTS transcript (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      session_id TEXT NOT NULL REFERENCES sessions (id),
      role TEXT NOT NULL,
      text BLOB NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS transcript_session ON transcript (session_id, id);
    CREATE TABLE IF NOT EXISTS effects (
      session_id TEXT NOT NULL REFERENCES sessions (id),
      effect_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      payload BLOB NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      result BLOB,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (session_id, effect_id)
    );
    CREATE INDEX IF NOT EXISTS effects_pending ON effects (status);
    CREATE TABLE IF NOT EXISTS timers (
      session_id TEXT NOT NULL REFERENCES sessions (id),
      name TEXT NOT NULL,
      at TEXT NOT NULL,
      effect_id TEXT NOT NULL,
      PRIMARY KEY (session_id, name)
    );
    CREATE INDEX IF NOT EXISTS timers_due ON timers (at);
  `);
}
