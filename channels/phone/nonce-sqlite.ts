/**
 * Webhook nonces in a SQLite file of their own, behind the {@link NonceStore} interface, so the
 * shared store (store10, PostgreSQL for many machines) can take its place without other changes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { NonceStore } from './webhook-auth';

export function sqliteNonceStore(file: string): NonceStore & { close(): void } {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS webhook_nonces (scope TEXT NOT NULL, id TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (scope, id))');
  const purge = db.prepare('DELETE FROM webhook_nonces WHERE expires_at <= ?');
  const insert = db.prepare('INSERT INTO webhook_nonces (scope, id, expires_at) VALUES (?, ?, ?) ON CONFLICT (scope, id) DO UPDATE SET expires_at = excluded.expires_at WHERE webhook_nonces.expires_at <= ?');
  let calls = 0;
  return {
    async claim(scope, id, expiresAt) {
      const now = new Date().toISOString();
      if (++calls % 500 === 0) purge.run(now);
      return insert.run(scope, id, expiresAt, now).changes === 1;
    },
    close: () => db.close(),
  };
}
