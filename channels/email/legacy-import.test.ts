/**
 * An earlier release's email.db is imported into the shared store once, re-sealed with the
 * channel's key; afterwards the file is marked and not read again.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKey, randomKey } from '../../platform/crypto';
import { hashMessageId, openStore, type SharedStore } from '../../store';
import { createSealer } from '../security';
import { Confirmations } from './confirmations';
import { importLegacyEmailDb } from './legacy-import';
import { OutgoingQueue } from './outgoing-queue';
import { EmailStore, type ThreadInfo } from './store';

const NOW = '2026-11-20T09:00:00.000Z';
const OUR_ID = '<0b6f4c1e-4a8e-4f61-9b0e-2f1f0c9d7a11@stadt.example>';

/** Writes email.db as the previous release did (same tables, sealed with its email.key). */
function writeLegacy(dir: string, key: Buffer): void {
  const old = createSealer(key);
  const db = new Database(join(dir, 'email.db'));
  db.exec(`
    CREATE TABLE email_message_ids (id_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE email_threads (session_id TEXT PRIMARY KEY, thread_sealed BLOB NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE email_attachments (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, meta_sealed BLOB NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, data_sealed BLOB NOT NULL, received_at TEXT NOT NULL);
    CREATE TABLE email_our_ids (id_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE email_pending (id TEXT PRIMARY KEY, confirm_hash TEXT NOT NULL UNIQUE, code_hash TEXT NOT NULL, addr_hash TEXT NOT NULL, mail_sealed BLOB NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
    CREATE TABLE email_confirmed (addr_hash TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
    CREATE TABLE email_outgoing (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL, mail_sealed BLOB NOT NULL,
      status TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL, lease_until TEXT, last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT);
  `);
  const thread: ThreadInfo = { sessionId: 's_old', address: 'erika@example.org', subject: 'Termin', references: ['<c1@example.org>', OUR_ID], lastMessageId: OUR_ID };
  db.prepare('INSERT INTO email_threads VALUES (?, ?, ?, ?)').run('s_old', old.seal(JSON.stringify(thread)), NOW, NOW);
  db.prepare('INSERT INTO email_message_ids VALUES (?, ?, ?)').run(hashMessageId('<c1@example.org>'), 's_old', NOW);
  db.prepare('INSERT INTO email_attachments VALUES (?, ?, ?, ?, ?, ?, ?)').run('a1', 's_old', old.seal(JSON.stringify({ filename: 'nachweis.pdf' })), 'application/pdf', 3, old.seal(Buffer.from('pdf')), NOW);
  db.prepare('INSERT INTO email_pending VALUES (?, ?, ?, ?, ?, ?, ?)').run('p1', 'h1', 'h2', 'h3', old.seal('{}'), NOW, '2026-11-22T09:00:00.000Z');
  const mail = { from: 'b@stadt.example', to: 'erika@example.org', subject: 'Re: Termin', text: 'Antwort', messageId: '<r1@stadt.example>' };
  db.prepare("INSERT INTO email_outgoing (id, session_id, mail_sealed, status, next_at, created_at) VALUES ('q1', 's_old', ?, 'queued', ?, ?)").run(old.seal(JSON.stringify(mail)), NOW, NOW);
  db.prepare("INSERT INTO email_outgoing (id, session_id, mail_sealed, status, next_at, created_at) VALUES ('q0', 's_old', X'', 'sent', ?, ?)").run(NOW, NOW);
  db.close();
}

describe('importing an older email.db', () => {
  let dir: string;
  let shared: SharedStore;
  beforeEach(async () => { dir = mkdtempSync(join(tmpdir(), 'amtsweg-emaildb-')); shared = await openStore({ dataDir: dir }); });
  afterEach(async () => { await shared.close(); rmSync(dir, { recursive: true, force: true }); });

  const run = (oldKey: Buffer, key: Buffer) => {
    const sealer = createSealer(key);
    const store = new EmailStore(shared, sealer);
    const confirmations = new Confirmations(shared.confirmations, sealer, deriveKey(key, 'email-address'));
    const outgoing = new OutgoingQueue(shared.outbox, sealer);
    return { store, confirmations, outgoing, result: importLegacyEmailDb({ dataDir: dir, shared, store, confirmations, outgoing, oldKey, key, serviceAddress: 'b@stadt.example', now: NOW }) };
  };

  test('with a new key: threads, ids, attachments, replies re-sealed; held first mails dropped; once only', async () => {
    const oldKey = randomKey();
    writeLegacy(dir, oldKey);
    const { store, confirmations, outgoing, result } = run(oldKey, randomKey());
    expect(await result).toEqual({ threads: 1, messageIds: 1, ourIds: 1, attachments: 1, confirmed: 0, held: 0, heldDropped: 1, replies: 1 });
    expect((await store.thread('s_old'))?.address).toBe('erika@example.org');
    // The id we sent continues the thread (backfilled: the old file had no "ours" rows); the citizen's own id does not.
    expect(await store.sessionOfOurIds([OUR_ID])).toBe('s_old');
    expect(await store.sessionOfOurIds(['<c1@example.org>'])).toBeUndefined();
    expect(await store.seen('<c1@example.org>')).toBe(true);
    expect((await store.attachments('s_old')).map((a) => a.filename)).toEqual(['nachweis.pdf']);
    expect((await store.attachmentContent('a1'))?.toString()).toBe('pdf');
    expect(await confirmations.isConfirmed('erika@example.org')).toBe(true);
    expect((await outgoing.due(10, NOW)).map((r) => r.mail.text)).toEqual(['Antwort']);
    // Marked: a second start imports nothing, and queues nothing twice.
    expect(await run(oldKey, randomKey()).result).toBeUndefined();
    expect(await shared.outbox.ofSession('s_old')).toHaveLength(1);
    const db = new Database(join(dir, 'email.db'), { readonly: true });
    expect(db.prepare('SELECT store FROM amtsweg_imported').all()).toEqual([{ store: shared.location }]);
    db.close();
  });

  test('with the same key: held first mails keep waiting for their code', async () => {
    const key = randomKey();
    writeLegacy(dir, key);
    const { result } = run(key, key);
    expect(await result).toMatchObject({ held: 1, heldDropped: 0 });
    expect((await shared.confirmations.ofAddress('h3', NOW)).map((r) => r.refHash)).toEqual(['h1']);
  });
});
