/**
 * The durable queue of the channel's own replies, in `email.db`: a reply is committed here before
 * anything is sent, so a relay outage (or a restart) loses nothing. Rows are sealed (address,
 * subject, text); claimed with a lease, settled once. Replies of one session go out in order:
 * a row waits while an earlier row of its session is still undelivered.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Sealer } from '../security';
import type { OutgoingMail } from './compose';

export interface QueuedReply { id: string; sessionId: string; mail: OutgoingMail; attempts: number; maybeSent: boolean }

const DUE = `((o.status = 'queued' AND o.next_at <= @now) OR (o.status = 'sending' AND o.lease_until <= @now))`;

export class OutgoingQueue {
  constructor(private readonly db: Database.Database, private readonly sealer: Sealer) {
    // A queued reply must survive power loss like the engine's turns do.
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS email_outgoing (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        mail_sealed BLOB NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at TEXT NOT NULL,
        lease_until TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX IF NOT EXISTS email_outgoing_due ON email_outgoing (status, next_at);
      CREATE INDEX IF NOT EXISTS email_outgoing_session ON email_outgoing (session_id, seq);
    `);
  }

  /** Commits a reply for delivery; returns its queue id. */
  enqueue(mail: OutgoingMail, sessionId: string, now: string): string {
    const id = randomUUID();
    this.db.prepare('INSERT INTO email_outgoing (id, session_id, mail_sealed, next_at, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, sessionId, this.sealer.seal(JSON.stringify(mail)), now, now);
    return id;
  }

  /** Replies due now, oldest first, at most one per session (the earliest undelivered one). */
  due(limit: number, now: string): QueuedReply[] {
    const rows = this.db.prepare(`SELECT o.id, o.session_id, o.mail_sealed, o.attempts, o.status FROM email_outgoing o
      WHERE ${DUE} AND NOT EXISTS (SELECT 1 FROM email_outgoing e WHERE e.session_id = o.session_id AND e.seq < o.seq AND e.status IN ('queued', 'sending'))
      ORDER BY o.seq LIMIT @limit`).all({ now, limit }) as { id: string; session_id: string; mail_sealed: Buffer; attempts: number; status: string }[];
    return rows.map((r) => ({
      id: r.id, sessionId: r.session_id, mail: JSON.parse(this.sealer.openText(r.mail_sealed)) as OutgoingMail,
      attempts: r.attempts, maybeSent: r.status === 'sending',
    }));
  }

  claim(id: string, now: string, leaseMs: number): boolean {
    const lease = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db.prepare(`UPDATE email_outgoing AS o SET status = 'sending', attempts = attempts + 1, lease_until = @lease WHERE o.id = @id AND ${DUE}`)
      .run({ id, now, lease }).changes === 1;
  }

  /** Settles a reply as sent and drops its content: the transcript keeps the text, the queue need not. */
  markSent(id: string, now: string): boolean {
    return this.db.prepare("UPDATE email_outgoing SET status = 'sent', sent_at = ?, lease_until = NULL, mail_sealed = X'' WHERE id = ? AND status IN ('queued', 'sending')")
      .run(now, id).changes === 1;
  }

  /** With `retryAt` the reply is due again then; without, it is given up. `error` is a code, never personal data. */
  markFailed(id: string, error: string, retryAt?: string): boolean {
    return this.db.prepare("UPDATE email_outgoing SET status = ?, next_at = COALESCE(?, next_at), lease_until = NULL, last_error = ? WHERE id = ? AND status IN ('queued', 'sending')")
      .run(retryAt ? 'queued' : 'failed', retryAt ?? null, error.slice(0, 200), id).changes === 1;
  }

  nextDueAt(): string | undefined {
    const row = this.db.prepare(`SELECT MIN(CASE WHEN status = 'sending' THEN lease_until ELSE next_at END) AS at
      FROM email_outgoing WHERE status IN ('queued', 'sending')`).get() as { at: string | null };
    return row.at ?? undefined;
  }

  counts(): { queued: number; sending: number; sent: number; failed: number } {
    const out = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM email_outgoing GROUP BY status').all() as { status: keyof typeof out; n: number }[]) {
      if (r.status in out) out[r.status] = r.n;
    }
    return out;
  }
}
