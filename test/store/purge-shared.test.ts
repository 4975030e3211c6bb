/**
 * `amtsweg purge` with a PostgreSQL shared store: the rows the store keeps of a purged session
 * (outbox and queued e-mail replies, case entry, action records, e-mail thread, ids, attachments,
 * address challenges) are deleted there too; other sessions' rows stay.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shredShared } from '../../audit/shred';
import { openStore, type SharedStore } from '../../store';
import { forgetInSharedStore } from '../../cli/commands/purge';
import { createTestDatabase } from '../postgres/server';

const NOW = '2026-11-20T09:00:00.000Z';
const entry = (sessionId: string) => ({
  sessionId, service: 'hundesteuer', channel: 'web', status: 'handoff', desk: 'handoff' as const,
  handoffReason: 'proposal', engine: 'embedded' as const, createdAt: NOW, updatedAt: NOW,
});

async function fill(store: SharedStore): Promise<void> {
    for (const id of ['s_gone', 's_kept']) {
      await store.cases.upsert(entry(id));
      await store.outbox.enqueue({ id: `${id}/e1`, sessionId: id, template: 'nachricht', channel: 'email', payload: Buffer.from('sealed'), sealed: true, now: NOW });
      await store.idempotency.record({ key: `${id}/e2`, name: 'calendar.book', result: Buffer.from('sealed'), sealed: true, createdAt: NOW });
      await store.outbox.enqueue({ id: `reply:${id}`, sessionId: id, template: 'email.reply', channel: 'reply', payload: Buffer.from('sealed'), sealed: true, now: NOW });
      await store.threads.saveThread(id, Buffer.from('sealed'), NOW);
      await store.threads.linkMessageId(`<c-${id}@x>`, id, NOW);
      await store.threads.markOurs(`<o-${id}@x>`, id, NOW);
      await store.threads.saveAttachment({ id: `a-${id}`, sessionId: id, metaSealed: Buffer.from('m'), contentType: 'application/pdf', size: 1, dataSealed: Buffer.from('d'), receivedAt: NOW });
      await store.confirmations.hold({ id: `ch-${id}`, lane: id, addrHash: `h-${id}`, codeHash: 'c', payload: Buffer.from('p'), attempts: 0, createdAt: NOW, expiresAt: '2026-12-20T00:00:00.000Z' });
    }
}

test('purged sessions are forgotten in a PostgreSQL store, others are kept', async () => {
  const url = await createTestDatabase('purge');
  const store = await openStore({ url });
  try {
    await fill(store);
    expect(await forgetInSharedStore(url, ['s_gone'])).toBe(1);
    expect(await store.cases.get('s_gone')).toBeUndefined();
    expect(await store.idempotency.find('s_gone/e2')).toBeUndefined();
    expect((await store.outbox.pending(NOW, 10)).map((r) => r.sessionId)).toEqual(['s_kept', 's_kept']);
    expect(await store.threads.thread('s_gone')).toBeUndefined();
    expect(await store.threads.seen('<c-s_gone@x>')).toBe(false);
    expect(await store.threads.sessionOfOurIds(['<o-s_gone@x>'])).toBeUndefined();
    expect(await store.threads.attachments('s_gone')).toEqual([]);
    expect(await store.confirmations.get('ch-s_gone', NOW)).toBeUndefined();
    expect(await store.threads.thread('s_kept')).toBeDefined();
    expect(await store.threads.sessionOfOurIds(['<o-s_kept@x>'])).toBe('s_kept');
    expect(await store.threads.attachments('s_kept')).toHaveLength(1);
    expect(await store.confirmations.get('ch-s_kept', NOW)).toBeDefined();
    expect(await store.cases.get('s_kept')).toMatchObject({ sessionId: 's_kept' });
    expect(await store.idempotency.find('s_kept/e2')).toBeDefined();
  } finally {
    await store.close();
  }
}, 120_000);

test('purge of a SQLite store.db shreds the e-mail state of the purged session too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-shred-'));
  try {
    const store = await openStore({ dataDir: dir });
    await fill(store);
    await store.close();
    const db = shredShared(dir, ['s_gone']);
    db?.close();
    const raw = new Database(join(dir, 'store.db'), { readonly: true });
    try {
      for (const t of ['outbox', 'email_threads', 'email_message_ids', 'email_our_ids', 'email_attachments', 'cases']) {
        const rows = raw.prepare(`SELECT session_id FROM ${t}`).all() as { session_id: string }[];
        expect({ t, ids: [...new Set(rows.map((r) => r.session_id))] }).toEqual({ t, ids: ['s_kept'] });
      }
      expect(raw.prepare('SELECT lane FROM address_challenges').all()).toEqual([{ lane: 's_kept' }]);
    } finally {
      raw.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a PostgreSQL URL nothing is opened (the SQLite store.db is shredded by purge itself)', async () => {
  expect(await forgetInSharedStore(undefined, ['s_x'])).toBe(0);
  expect(await forgetInSharedStore('sqlite:/tmp/none.db', ['s_x'])).toBe(0);
});
