import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EngineClosedError } from '../errors';
import { manualClock, openEngine, tempDataDir } from './engine-helpers.fixture';
import type { EmbeddedEngine } from './options';

const ADDRESS = 'outbox.secret.person@example.org';

async function queue(engine: EmbeddedEngine, key: string, to = ADDRESS, at = '2026-11-20T09:00:00.000Z'): Promise<void> {
  await engine.actions.run('notify.send', { to, template: 'termin_bestaetigung', data: { booking: 'GE-ABCDEFGH', name: 'Erika Geheim' } },
    { idempotencyKey: key, sessionId: 's_test', now: at });
}

describe('engine.outbox', () => {
  let dir: string;
  let engine: EmbeddedEngine;
  const clock = manualClock('2026-11-20T09:00:00.000Z');
  beforeEach(async () => {
    dir = tempDataDir();
    engine = await openEngine(dir, { now: clock.now });
  });
  afterEach(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('pending gives decrypted items with channel and locale; the file holds no address in the clear', async () => {
    await queue(engine, 'k1');
    await queue(engine, 'k1'); // same key: nothing new
    await engine.actions.run('notify.send', { to: '+4920912345678', template: 'x', data: {} }, { idempotencyKey: 'k2', sessionId: 's_test', now: clock.iso() });
    const all = await engine.outbox.pending(10);
    expect(all).toHaveLength(2);
    expect(await engine.outbox.pending(10, { channel: 'email' })).toEqual([expect.objectContaining({
      id: 'k1', sessionId: 's_test', channel: 'email', to: ADDRESS, template: 'termin_bestaetigung',
      data: { booking: 'GE-ABCDEFGH', name: 'Erika Geheim' }, locale: 'de', attempts: 0, maybeSent: false,
    })]);
    expect((await engine.outbox.pending(10, { channel: 'sms' })).map((i) => i.id)).toEqual(['k2']);
    // The shared store's file and its write-ahead log: wherever the row is, it is sealed.
    const file = ['store.db', 'store.db-wal'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
    expect(file).toContain('termin_bestaetigung');
    expect(file).not.toContain(ADDRESS);
    expect(file).not.toContain('Erika Geheim');
  });

  test('a row is claimed once, settled once; a sent row is never pending again', async () => {
    await queue(engine, 'k1');
    expect(await engine.outbox.claim('k1')).toBe(true);
    expect(await engine.outbox.claim('k1')).toBe(false);
    expect(await engine.outbox.pending(10)).toEqual([]);
    expect(await engine.outbox.markSent('k1')).toBe(true);
    expect(await engine.outbox.markSent('k1')).toBe(false);
    expect(await engine.outbox.claim('k1')).toBe(false);
    expect(await engine.outbox.pending(10)).toEqual([]);
    expect(await engine.outbox.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
  });

  test('markFailed with retryAt waits until then; without, the message is given up; errors are redacted', async () => {
    await queue(engine, 'k1');
    await engine.outbox.claim('k1');
    const retryAt = new Date(clock.now().getTime() + 60_000).toISOString();
    await engine.outbox.markFailed('k1', `EENVELOPE:550 <${ADDRESS}> unknown, call +49 209 1234567`, retryAt);
    expect(await engine.outbox.pending(10)).toEqual([]);
    expect(await engine.outbox.nextDueAt()).toBe(retryAt);
    const [stored] = await engine.shared.outbox.ofSession('s_test');
    expect(stored.lastError).toBe('EENVELOPE:550 <<address>> unknown, call <number>');
    clock.advance(60_000);
    expect(await engine.outbox.pending(10)).toEqual([expect.objectContaining({ id: 'k1', attempts: 1, maybeSent: false })]);
    expect(await engine.outbox.claim('k1')).toBe(true);
    await engine.outbox.markFailed('k1', 'EENVELOPE:550');
    expect(await engine.outbox.pending(10)).toEqual([]);
    expect((await engine.outbox.counts()).failed).toBe(1);
    await expect(engine.outbox.markFailed('k1', 'x', 'tomorrow')).rejects.toThrow(/not an ISO instant/);
  });

  test('a claim whose process died becomes due again after the lease, flagged maybeSent', async () => {
    await queue(engine, 'k1');
    expect(await engine.outbox.claim('k1', 60_000)).toBe(true);
    await engine.close();
    engine = await openEngine(dir, { now: clock.now });
    expect(await engine.outbox.pending(10)).toEqual([]);
    clock.advance(61_000);
    expect(await engine.outbox.pending(10)).toEqual([expect.objectContaining({ id: 'k1', attempts: 1, maybeSent: true })]);
    expect(await engine.outbox.claim('k1')).toBe(true);
    expect(await engine.outbox.markSent('k1')).toBe(true);
  });

  test('after close every call says the engine is closed', async () => {
    await engine.close();
    await expect(engine.outbox.pending()).rejects.toThrow(EngineClosedError);
    engine = await openEngine(dir, { now: clock.now });
  });
});
