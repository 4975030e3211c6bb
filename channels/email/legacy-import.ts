/**
 * One-time import of an earlier release's `<data>/email.db` into the shared store: threads,
 * message ids, our own ids, attachments, confirmed addresses, held first mails and undelivered
 * replies. Afterwards the file is marked imported and never read again (purge still shreds it).
 * Rows are re-sealed with the channel's current key; what only a keyed hash of the old key holds
 * (held first mails waiting for their code) is kept only when the key did not change — otherwise
 * those citizens get a new code with their next mail.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SharedStore } from '../../store/contract';
import { createSealer, type Sealer } from '../security';
import type { OutgoingMail } from './compose';
import type { Confirmations } from './confirmations';
import type { OutgoingQueue } from './outgoing-queue';
import type { EmailStore, ThreadInfo } from './store';

export interface ImportCounts { threads: number; messageIds: number; ourIds: number; attachments: number; confirmed: number; held: number; heldDropped: number; replies: number }

const has = (db: Database.Database, t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
const rows = <T>(db: Database.Database, t: string, sql = `SELECT * FROM ${t}`): T[] => (has(db, t) ? db.prepare(sql).all() as T[] : []);

/** Imports `email.db` once; returns undefined when there is none or it was imported before. */
export async function importLegacyEmailDb(opts: {
  dataDir: string; shared: SharedStore; store: EmailStore; confirmations: Confirmations; outgoing: OutgoingQueue;
  /** The key email.db was sealed with (the old email.key) and the channel's key now. */
  oldKey: Buffer; key: Buffer; serviceAddress: string; now: string;
}): Promise<ImportCounts | undefined> {
  const file = join(opts.dataDir, 'email.db');
  if (!existsSync(file)) return undefined;
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    if (has(db, 'amtsweg_imported') && db.prepare('SELECT 1 FROM amtsweg_imported').get()) return undefined;
    const old: Sealer = createSealer(opts.oldKey);
    const sameKey = opts.oldKey.equals(opts.key);
    const n: ImportCounts = { threads: 0, messageIds: 0, ourIds: 0, attachments: 0, confirmed: 0, held: 0, heldDropped: 0, replies: 0 };
    const t = opts.shared.threads;

    const threads = rows<{ thread_sealed: Buffer; updated_at: string }>(db, 'email_threads').map((r) => ({ info: JSON.parse(old.openText(r.thread_sealed)) as ThreadInfo, at: r.updated_at }));
    for (const { info, at } of threads) {
      await opts.store.saveThread(info, at);
      // A thread exists only for an address that confirmed itself (or wrote before confirmations existed).
      await opts.confirmations.confirm(info.address, at);
      n.threads++;
    }
    const ids = rows<{ id_hash: string; session_id: string; at: string }>(db, 'email_message_ids');
    await t.importHashedMessageIds?.(ids.map((r) => ({ idHash: r.id_hash, sessionId: r.session_id, at: r.at })));
    n.messageIds = ids.length;
    const ours = rows<{ id_hash: string; session_id: string; at: string }>(db, 'email_our_ids');
    await t.importHashedOurIds(ours.map((r) => ({ idHash: r.id_hash, sessionId: r.session_id, at: r.at })));
    n.ourIds = ours.length;
    if (ours.length === 0) n.ourIds = await backfillOwnIds(opts.store, threads.map((x) => x.info), opts.serviceAddress, opts.now);

    for (const a of rows<{ id: string; session_id: string; meta_sealed: Buffer; content_type: string; size: number; data_sealed: Buffer; received_at: string }>(db, 'email_attachments')) {
      const { filename } = JSON.parse(old.openText(a.meta_sealed)) as { filename: string };
      await opts.store.saveAttachment({ id: a.id, sessionId: a.session_id, filename, contentType: a.content_type, size: a.size, content: old.open(a.data_sealed), receivedAt: a.received_at });
      n.attachments++;
    }
    if (sameKey) {
      for (const c of rows<{ addr_hash: string; confirmed_at: string }>(db, 'email_confirmed')) {
        await opts.shared.confirmations.confirm(c.addr_hash, c.confirmed_at);
        n.confirmed++;
      }
    }
    for (const p of rows<{ id: string; confirm_hash: string; code_hash: string; addr_hash: string; mail_sealed: Buffer; created_at: string; expires_at: string }>(db, 'email_pending')) {
      if (!sameKey || p.expires_at <= opts.now) { n.heldDropped++; continue; }
      await opts.shared.confirmations.hold({
        id: `legacy-${p.id}`, lane: `confirm:legacy-${p.id}`, addrHash: p.addr_hash, refHash: p.confirm_hash, codeHash: p.code_hash,
        payload: p.mail_sealed, attempts: 0, createdAt: p.created_at, expiresAt: p.expires_at,
      });
      n.held++;
    }
    for (const r of rows<{ id: string; session_id: string; mail_sealed: Buffer; created_at: string }>(db, 'email_outgoing', "SELECT * FROM email_outgoing WHERE status IN ('queued', 'sending') ORDER BY seq")) {
      await opts.outgoing.enqueue(JSON.parse(old.openText(r.mail_sealed)) as OutgoingMail, r.session_id, r.created_at, `reply:${r.created_at}:legacy:${r.id}`);
      n.replies++;
    }
    db.exec('CREATE TABLE IF NOT EXISTS amtsweg_imported (at TEXT NOT NULL, store TEXT NOT NULL)');
    db.prepare('INSERT INTO amtsweg_imported (at, store) VALUES (?, ?)').run(opts.now, opts.shared.location);
    return n;
  } finally {
    db.close();
  }
}

/**
 * A data folder of an earlier release recorded no "ours" flag for the Message-IDs the channel sent;
 * the stored threads name them (our ids are <uuid@service domain>), so threads keep continuing.
 */
async function backfillOwnIds(store: EmailStore, threads: ThreadInfo[], serviceAddress: string, at: string): Promise<number> {
  const domain = (serviceAddress.split('@')[1] ?? '').toLowerCase();
  const ours = new RegExp(`^<?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>?$`, 'i');
  let n = 0;
  for (const t of threads) {
    for (const id of new Set([...t.references, t.lastMessageId])) {
      if (ours.test(id)) { await store.markOurs(id, t.sessionId, at); n++; }
    }
  }
  return n;
}
