/**
 * `amtsweg purge` with a PostgreSQL shared store: the rows the store keeps of a purged session
 * (outbox, case entry, action records) are deleted there too; other sessions' rows stay.
 */
import { openStore } from '../../store';
import { forgetInSharedStore } from '../../cli/commands/purge';
import { createTestDatabase } from '../postgres/server';

const NOW = '2026-11-20T09:00:00.000Z';
const entry = (sessionId: string) => ({
  sessionId, service: 'hundesteuer', channel: 'web', status: 'handoff', desk: 'handoff' as const,
  handoffReason: 'proposal', engine: 'embedded' as const, createdAt: NOW, updatedAt: NOW,
});

test('purged sessions are forgotten in a PostgreSQL store, others are kept', async () => {
  const url = await createTestDatabase('purge');
  const store = await openStore({ url });
  try {
    for (const id of ['s_gone', 's_kept']) {
      await store.cases.upsert(entry(id));
      await store.outbox.enqueue({ id: `${id}/e1`, sessionId: id, template: 'nachricht', channel: 'email', payload: Buffer.from('sealed'), sealed: true, now: NOW });
      await store.idempotency.record({ key: `${id}/e2`, name: 'calendar.book', result: Buffer.from('sealed'), sealed: true, createdAt: NOW });
    }
    expect(await forgetInSharedStore(url, ['s_gone'])).toBe(1);
    expect(await store.cases.get('s_gone')).toBeUndefined();
    expect(await store.idempotency.find('s_gone/e2')).toBeUndefined();
    expect((await store.outbox.pending(NOW, 10)).map((r) => r.sessionId)).toEqual(['s_kept']);
    expect(await store.cases.get('s_kept')).toMatchObject({ sessionId: 's_kept' });
    expect(await store.idempotency.find('s_kept/e2')).toBeDefined();
  } finally {
    await store.close();
  }
}, 120_000);

test('without a PostgreSQL URL nothing is opened (the SQLite store.db is shredded by purge itself)', async () => {
  expect(await forgetInSharedStore(undefined, ['s_x'])).toBe(0);
  expect(await forgetInSharedStore('sqlite:/tmp/none.db', ['s_x'])).toBe(0);
});
