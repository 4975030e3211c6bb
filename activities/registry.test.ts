import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type SharedStore } from '../store';
import { ActionError, createActionRegistry, readOutbox, type Sealer } from '.';
import { createSealer, randomKey } from '../platform/crypto';

let dir: string;
let store: SharedStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-actions-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (key: string) => ({ idempotencyKey: key, sessionId: 's1', now: '2026-11-20T09:00:00.000Z' });

/** A real AES-GCM sealer, as the engine provides one. */
function sealer(): Sealer {
  const s = createSealer(randomKey(), { context: 'test' });
  return { seal: (t) => s.seal(t), open: (b) => s.openText(b) };
}

test('a key runs an action once; the recorded result comes back', async () => {
  const registry = createActionRegistry({ store });
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
  const registry = createActionRegistry({ store });
  expect(registry.names().some((n) => n.startsWith('test.'))).toBe(false);
  expect(registry.has('calendar.book')).toBe(true);
});

test('notify.send queues sealed, once per key', async () => {
  const s = sealer();
  const registry = createActionRegistry({ store, sealer: s });
  const input = { to: 'erika.secret@example.org', template: 'termin_bestaetigung', data: { beginn: '2026-11-24T08:00' } };
  expect(await registry.run('notify.send', input, ctx('n1'))).toEqual({ queued: 'n1' });
  expect(await registry.run('notify.send', input, ctx('n1'))).toEqual({ queued: 'n1' });
  const queued = await readOutbox(store.outbox, s, 's1');
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ id: 'n1', sessionId: 's1', template: 'termin_bestaetigung', to: 'erika.secret@example.org', status: 'queued' });
  const files = ['store.db', 'store.db-wal'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f)));
  expect(Buffer.concat(files).includes(Buffer.from('termin_bestaetigung'))).toBe(true);
  expect(Buffer.concat(files).includes(Buffer.from('erika.secret'))).toBe(false);
  await expect(registry.run('notify.send', { data: {} }, ctx('n2'))).rejects.toMatchObject({ code: 'bad_input' });
});

test('a registry given a SQLite file (older callers) opens a store on it, and results recorded by key survive a new registry', async () => {
  const file = new Database(join(dir, 'legacy.db'));
  const first = createActionRegistry({ db: file });
  let calls = 0;
  first.register('test.count', () => ({ n: ++calls }));
  expect(await first.run('test.count', {}, ctx('k1'))).toEqual({ n: 1 });
  await first.close?.();
  const second = createActionRegistry({ db: file });
  second.register('test.count', () => ({ n: ++calls }));
  expect(await second.run('test.count', {}, ctx('k1'))).toEqual({ n: 1 });
  expect(calls).toBe(1);
  expect(file.prepare('SELECT key, name FROM action_runs').all()).toEqual([{ key: 'k1', name: 'test.count' }]);
  await second.close?.();
  file.close();
});
