/**
 * `notify.send`: queues a message in the `outbox` table. Delivery (SMTP, SMS) is the channels'
 * job, through the engine's `outbox` API (claim, mark sent / failed; engine/outbox.ts).
 * Recipient and data are personal: sealed when a sealer is given.
 */
import type { Database } from 'better-sqlite3';
import { badInput } from './errors';
import type { Sealer } from './types';

export function migrateOutbox(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS outbox (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      template TEXT NOT NULL,
      payload BLOB NOT NULL,
      sealed INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'queued',
      created_at TEXT NOT NULL,
      sent_at TEXT
    );
    CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status, created_at);
  `);
  // Delivery bookkeeping (added later; older files get the columns on open). The channel is in the
  // clear so a delivering channel can pick its rows without opening every payload.
  const have = new Set((db.prepare('PRAGMA table_info(outbox)').all() as { name: string }[]).map((c) => c.name));
  const added: [string, string][] = [
    ['channel', 'TEXT'], ['attempts', 'INTEGER NOT NULL DEFAULT 0'], ['next_at', 'TEXT'], ['lease_until', 'TEXT'], ['last_error', 'TEXT'],
  ];
  for (const [name, type] of added) {
    if (have.has(name)) continue;
    try {
      db.exec(`ALTER TABLE outbox ADD COLUMN ${name} ${type}`);
    } catch (err) {
      // Another process opening the same file added it a moment ago.
      if (!/duplicate column/i.test((err as Error).message)) throw err;
    }
  }
}

/** Which channel delivers a message to `to`: an e-mail address, a phone number (SMS), or none. */
export function channelOf(to: string | undefined): 'email' | 'sms' | 'none' {
  if (!to) return 'none';
  if (/^[^@\s]+@[^@\s]+$/.test(to.trim())) return 'email';
  if (/^\+?[0-9][0-9 /-]{5,}$/.test(to.trim())) return 'sms';
  return 'none';
}

export interface OutboxEntry { id: string; sessionId: string; template: string; to?: string; data: Record<string, unknown>; status: string; createdAt: string }

/** Queues one message; the id is the idempotency key, so a repeated call queues nothing new. */
export function enqueueNotification(
  db: Database, sealer: Sealer | undefined,
  entry: { id: string; sessionId: string; to?: string; template: string; data: Record<string, unknown>; now: string },
): { queued: string } {
  if (!entry.template || typeof entry.template !== 'string') throw badInput('notify.send', 'template', 'a template name');
  if (entry.to !== undefined && typeof entry.to !== 'string') throw badInput('notify.send', 'to', 'an e-mail address or phone number');
  const json = JSON.stringify({ to: entry.to, data: entry.data ?? {} });
  const payload = sealer ? sealer.seal(json) : Buffer.from(json, 'utf8');
  db.prepare('INSERT OR IGNORE INTO outbox (id, session_id, template, payload, sealed, created_at, channel) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(entry.id, entry.sessionId, entry.template, payload, sealer ? 1 : 0, entry.now, channelOf(entry.to));
  return { queued: entry.id };
}

/** Reads queued messages (for the delivering channel), decrypted. */
export function readOutbox(db: Database, sealer: Sealer | undefined, status = 'queued'): OutboxEntry[] {
  const rows = db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY created_at, id').all(status) as {
    id: string; session_id: string; template: string; payload: Buffer; sealed: number; status: string; created_at: string;
  }[];
  return rows.map((r) => {
    const text = r.sealed ? (sealer ? sealer.open(r.payload) : '{}') : r.payload.toString('utf8');
    const { to, data } = JSON.parse(text) as { to?: string; data: Record<string, unknown> };
    return { id: r.id, sessionId: r.session_id, template: r.template, to, data, status: r.status, createdAt: r.created_at };
  });
}
