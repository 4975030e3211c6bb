/**
 * Answers of keyed turns on the embedded engine (the client's idempotency key, HTTP
 * `Idempotency-Key`): a message sent again with the key of one already applied gets that answer
 * and changes nothing, as on Temporal. The answer is sealed with the session's data key (it can
 * hold personal data), so a purge that destroys the key shreds it too; the last
 * REMEMBERED_TURN_KEYS per session are kept.
 */
import type { Database } from 'better-sqlite3';
import { REMEMBERED_TURN_KEYS } from '../loop';
import type { TurnResult } from '../types';
import type { SessionStore } from './store';

export interface TurnKeys {
  answered(sessionId: string, key: string): TurnResult | undefined;
  remember(sessionId: string, key: string, result: TurnResult, now: string): void;
}

export function createTurnKeys(db: Database, store: SessionStore): TurnKeys {
  db.exec(`CREATE TABLE IF NOT EXISTS turn_keys (
    session_id TEXT NOT NULL, key TEXT NOT NULL, answer BLOB NOT NULL, at TEXT NOT NULL, PRIMARY KEY (session_id, key))`);
  const find = db.prepare('SELECT answer FROM turn_keys WHERE session_id = ? AND key = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO turn_keys (session_id, key, answer, at) VALUES (?, ?, ?, ?)');
  const trim = db.prepare(`DELETE FROM turn_keys WHERE session_id = ? AND key NOT IN
    (SELECT key FROM turn_keys WHERE session_id = ? ORDER BY at DESC, rowid DESC LIMIT ?)`);
  return {
    answered(sessionId, key) {
      const row = find.get(sessionId, key) as { answer: Buffer } | undefined;
      return row ? store.openFor<TurnResult>(store.row(sessionId), `turn-key:${key}`, row.answer) : undefined;
    },
    remember(sessionId, key, result, now) {
      db.transaction(() => {
        insert.run(sessionId, key, store.sealFor(store.row(sessionId), `turn-key:${key}`, result), now);
        trim.run(sessionId, sessionId, REMEMBERED_TURN_KEYS);
      })();
    },
  };
}
