import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ActionError, createActionRegistry, readOutbox, type Sealer } from '.';
import { createSealer, randomKey } from '../platform/crypto';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-actions-'));
  db = new Database(join(dir, 'a.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (key: string) => ({ idempotencyKey: key, sessionId: 's1', now: '2026-11-20T09:00:00.000Z' });

/** A real AES-GCM sealer, as the engine provides one. */
function sealer(): Sealer {
  const s = createSealer(randomKey(), { context: 'test' });
  return { seal: (t) => s.seal(t), open: (b) => s.openText(b) };
}

test('a key runs an action once; the recorded result comes back', async () => {
  const registry = createActionRegistry({ db });
  let calls = 0;
  registry.register('test.count', () => ({ n: ++calls }));
  expect(await registry.run('test.count', {}, ctx('k1'))).toEqual({ n: 1 });
  expect(await registry.run('test.count', {}, ctx('k1'))).toEqual({ n: 1 });
  expect(await registry.run('test.count', {}, ctx('k2'))).toEqual({ n: 2 });
  expect(calls).toBe(2);
  // Failures are not recorded: a retry runs the action again.
  let fails = 0;
  registry.register('test.flaky', () => { if (fails++ === 0) throw new ActionError('busy', 'later', true); return 'ok'; });
  await expect(registry.run('test.flaky', {}, ctx('k3'))).rejects.toMatchObject({ retryable: true });
  expect(await registry.run('test.flaky', {}, ctx('k3'))).toBe('ok');
});

test('test actions exist only when registered', () => {
  const registry = createActionRegistry({ db });
  expect(registry.names().some((n) => n.startsWith('test.'))).toBe(false);
  expect(registry.has('calendar.book')).toBe(true);
});

test('notify.send queues sealed, once per key', async () => {
  const s = sealer();
  const registry = createActionRegistry({ db, sealer: s });
  const input = { to: 'erika.secret@example.org', template: 'termin_bestaetigung', data: { beginn: '2026-11-24T08:00' } };
  expect(await registry.run('notify.send', input, ctx('n1'))).toEqual({ queued: 'n1' });
  expect(await registry.run('notify.send', input, ctx('n1'))).toEqual({ queued: 'n1' });
  const queued = readOutbox(db, s);
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ id: 'n1', sessionId: 's1', template: 'termin_bestaetigung', to: 'erika.secret@example.org', status: 'queued' });
  db.pragma('wal_checkpoint(TRUNCATE)');
  expect(readFileSync(join(dir, 'a.db')).includes(Buffer.from('erika.secret'))).toBe(false);
  await expect(registry.run('notify.send', { data: {} }, ctx('n2'))).rejects.toMatchObject({ code: 'bad_input' });
});
