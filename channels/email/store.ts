import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sealer } from '../security';

/** One stored attachment as listed for the case worker (content stays sealed). */
export interface StoredAttachment { id: string; filename: string; contentType: string; size: number; receivedAt: string }

/** What the channel keeps of a thread; the citizen's address and subject are sealed at rest. */
export interface ThreadInfo { sessionId: string; address: string; subject: string; references: string[]; lastMessageId: string }

/**
 * The e-mail channel's own SQLite file (`<dataDir>/email.db`): thread → session mapping (message
 * ids hashed), the citizen's address (sealed), attachments (sealed), seen message ids.
 */
export class EmailStore {
  private readonly db: Database.Database;

  /** The open `email.db` (the durable reply queue keeps its table in the same file). */
  get database(): Database.Database { return this.db; }

  constructor(dataDir: string, private readonly sealer: Sealer) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'email.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS email_message_ids (id_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS email_threads (
        session_id TEXT PRIMARY KEY, thread_sealed BLOB NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS email_attachments (
        id TEXT PRIMARY KEY, session_id TEXT NOT NULL, meta_sealed BLOB NOT NULL, content_type TEXT NOT NULL,
        size INTEGER NOT NULL, data_sealed BLOB NOT NULL, received_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS email_attachments_session ON email_attachments(session_id);
      CREATE TABLE IF NOT EXISTS email_our_ids (id_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, at TEXT NOT NULL);
    `);
  }

  /** Records a Message-ID the channel itself sent in a session's thread. */
  markOurs(messageId: string, sessionId: string, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO email_our_ids (id_hash, session_id, at) VALUES (?, ?, ?)').run(hashId(messageId), sessionId, at);
  }

  /**
   * The session of the newest of `ids` that the channel itself sent. Only our ids count for
   * continuing a thread: the citizen's own Message-IDs are known to everyone she copied.
   */
  sessionOfOurIds(ids: string[]): string | undefined {
    const q = this.db.prepare('SELECT session_id FROM email_our_ids WHERE id_hash = ?');
    for (const id of [...ids].reverse()) {
      const row = q.get(hashId(id)) as { session_id: string } | undefined;
      if (row) return row.session_id;
    }
    return undefined;
  }

  /** True when no id of ours is recorded yet (a data folder of an earlier release: see backfill in the channel). */
  hasNoOwnIds(): boolean {
    return this.db.prepare('SELECT 1 FROM email_our_ids LIMIT 1').get() === undefined;
  }

  /** The session a message id belongs to (any id of the thread: ours or the citizen's). */
  sessionOfMessageIds(ids: string[]): string | undefined {
    const q = this.db.prepare('SELECT session_id FROM email_message_ids WHERE id_hash = ?');
    // Newest reference last in References: look from the end.
    for (const id of [...ids].reverse()) {
      const row = q.get(hashId(id)) as { session_id: string } | undefined;
      if (row) return row.session_id;
    }
    return undefined;
  }

  /** True when this message id was already processed (the relay delivered it twice). */
  seen(messageId: string): boolean {
    return this.db.prepare('SELECT 1 FROM email_message_ids WHERE id_hash = ?').get(hashId(messageId)) !== undefined;
  }

  linkMessageId(messageId: string, sessionId: string, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO email_message_ids (id_hash, session_id, at) VALUES (?, ?, ?)').run(hashId(messageId), sessionId, at);
  }

  saveThread(t: ThreadInfo, at: string): void {
    const sealed = this.sealer.seal(JSON.stringify(t));
    this.db.prepare(`INSERT INTO email_threads (session_id, thread_sealed, created_at, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(session_id) DO UPDATE SET thread_sealed = excluded.thread_sealed, updated_at = excluded.updated_at`).run(t.sessionId, sealed, at, at);
  }

  thread(sessionId: string): ThreadInfo | undefined {
    const row = this.db.prepare('SELECT thread_sealed FROM email_threads WHERE session_id = ?').get(sessionId) as { thread_sealed: Buffer } | undefined;
    return row ? (JSON.parse(this.sealer.openText(row.thread_sealed)) as ThreadInfo) : undefined;
  }

  /** Every stored thread (the one-time backfill of our Message-IDs reads them). */
  allThreads(): ThreadInfo[] {
    return (this.db.prepare('SELECT thread_sealed FROM email_threads').all() as { thread_sealed: Buffer }[])
      .map((r) => JSON.parse(this.sealer.openText(r.thread_sealed)) as ThreadInfo);
  }

  saveAttachment(a: StoredAttachment & { sessionId: string; content: Buffer }): void {
    this.db.prepare(`INSERT INTO email_attachments (id, session_id, meta_sealed, content_type, size, data_sealed, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      a.id, a.sessionId, this.sealer.seal(JSON.stringify({ filename: a.filename })), a.contentType, a.size, this.sealer.seal(a.content), a.receivedAt,
    );
  }

  attachments(sessionId: string): StoredAttachment[] {
    const rows = this.db.prepare('SELECT id, meta_sealed, content_type, size, received_at FROM email_attachments WHERE session_id = ? ORDER BY received_at, id')
      .all(sessionId) as { id: string; meta_sealed: Buffer; content_type: string; size: number; received_at: string }[];
    return rows.map((r) => ({
      id: r.id, filename: (JSON.parse(this.sealer.openText(r.meta_sealed)) as { filename: string }).filename,
      contentType: r.content_type, size: r.size, receivedAt: r.received_at,
    }));
  }

  attachmentContent(id: string): Buffer | undefined {
    const row = this.db.prepare('SELECT data_sealed FROM email_attachments WHERE id = ?').get(id) as { data_sealed: Buffer } | undefined;
    return row ? this.sealer.open(row.data_sealed) : undefined;
  }

  /** Raw rows, for tests proving that nothing personal is stored in the clear. */
  rawDump(): Buffer[] {
    const out: Buffer[] = [];
    for (const t of ['email_threads', 'email_attachments']) {
      for (const row of this.db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]) {
        for (const v of Object.values(row)) out.push(Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
      }
    }
    return out;
  }

  close(): void { this.db.close(); }
}

function hashId(id: string): string {
  return createHash('sha256').update(id.trim().replace(/^<|>$/g, '').toLowerCase()).digest('hex');
}
