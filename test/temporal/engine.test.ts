/**
 * The Temporal engine adapter against a real dev server: engine errors for bad input, tokens,
 * outbound messages, and a session that keeps its own definition when the host's catalogue changes.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalog, loadServiceSource } from '../../catalog';
import { MessageTooLargeError, SessionClosedError, SessionNotFoundError, UnknownServiceError } from '../../host/embedded';
import type { OutboundMessage } from '../../host/types';
import { createTemporalEngine } from '../../host/temporal/engine';
import { temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(120_000);

const definitionsDir = resolve(__dirname, '..', '..', 'definitions');
const catalog = loadCatalog(definitionsDir);
const today = '2026-11-26';

let h: TemporalHarness;
beforeAll(async () => { h = await temporalHarness(catalog.services); });
afterAll(async () => { await h?.close(); });

it('maps bad input to the engine errors the HTTP API knows', async () => {
  const engine = await h.engineFor(today);
  await expect(engine.sendMessage(randomUUID(), 'hallo')).rejects.toThrow(SessionNotFoundError);
  await expect(engine.view(randomUUID())).rejects.toThrow(SessionNotFoundError);
  await expect(engine.createSession({ service: 'gibt-es-nicht' })).rejects.toThrow(UnknownServiceError);
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  await expect(engine.sendMessage(s.id, 'x'.repeat(5000))).rejects.toThrow(MessageTooLargeError);
  const cancelled = await engine.cancel(s.id);
  expect(cancelled.status).toBe('cancelled');
  await expect(engine.sendMessage(s.id, 'noch da?')).rejects.toThrow(SessionClosedError);
  expect((await engine.view(s.id)).status).toBe('cancelled');
});

it('keeps only a hash of the token, and verifies it', async () => {
  const engine = await h.engineFor(today);
  const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  expect(await engine.verifyToken(s.id, s.token)).toBe(true);
  expect(await engine.verifyToken(s.id, s.token + 'x')).toBe(false);
  expect(await engine.verifyToken(randomUUID(), s.token)).toBe(false);
  const state = await engine.exportSession(s.id);
  expect(JSON.stringify(state)).not.toContain(s.token);
  const desc = await engine.client.workflow.getHandle(engine.workflowId(s.id)).describe();
  expect(desc.workflowId).toBe(`amtsweg-${s.id}`);
  expect(JSON.stringify(desc.memo)).not.toContain(s.token);
});

it('tells outbound listeners about every message with the session channel', async () => {
  const engine = await h.engineFor(today);
  const seen: OutboundMessage[] = [];
  const off = engine.onOutbound((m) => seen.push(m));
  const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'email' });
  const r = await engine.sendMessage(s.id, 'Reisepass');
  off();
  await engine.sendMessage(s.id, 'Buer');
  expect(seen.length).toBe(s.messages.length + r.messages.length);
  expect(seen.every((m) => m.sessionId === s.id && m.channel === 'email')).toBe(true);
});

it('a session keeps the definition it started with when hosts load a new version', async () => {
  const file = resolve(definitionsDir, 'terminvereinbarung.yaml');
  const v2src = readFileSync(file, 'utf8').replace('Auf welchen Namen soll der Termin gebucht werden?', 'Wie heißen Sie (Version 2)?');
  const v2 = loadServiceSource(v2src, 'terminvereinbarung-v2.yaml').service!;
  const v1 = catalog.services.find((s) => s.id === 'terminvereinbarung')!;
  expect(v2.hash).not.toBe(v1.hash);

  const old = await h.engineFor(today);
  const s = await old.createSession({ service: 'terminvereinbarung' });
  await old.sendMessage(s.id, 'Reisepass in Erle, am 15.12.2026');
  // Another host with the new version talks to the same workflow (same task queue).
  const fresh = await createTemporalEngine({
    address: h.address, taskQueue: (old as unknown as { taskQueue?: string }).taskQueue ?? await queueOf(old, s.id),
    // It shares the store of the sessions' payload keys, as every serve of one deployment does.
    services: [v2], today, keyRing: h.ring, sessionKeys: h.sessionKeys,
  });
  try {
    const r = await fresh.sendMessage(s.id, 'überspringen');
    expect(r.messages.map((m) => m.text).join('\n')).toContain('Auf welchen Namen soll der Termin gebucht werden?');
    expect((await fresh.exportSession(s.id)).definitionHash).toBe(v1.hash);
    const n = await fresh.createSession({ service: 'terminvereinbarung' });
    await fresh.sendMessage(n.id, 'Reisepass in Erle, am 15.12.2026');
    const r2 = await fresh.sendMessage(n.id, 'überspringen');
    expect(r2.messages.map((m) => m.text).join('\n')).toContain('Version 2');
  } finally {
    await fresh.close();
  }
});

async function queueOf(engine: { client: { workflow: { getHandle(id: string): { describe(): Promise<{ taskQueue: string }> } } }; workflowId(id: string): string }, id: string): Promise<string> {
  return (await engine.client.workflow.getHandle(engine.workflowId(id)).describe()).taskQueue;
}

it('lets a second turn wait behind a running one and refuses a third with SessionBusyError, across processes', async () => {
  const { startWorker } = await import('../../host/temporal/worker');
  const { createActionRegistry } = await import('../../activities');
  const { book, GELSENKIRCHEN_LOCATIONS } = await import('../../activities/calendar');
  const { SessionBusyError, SessionClosedError } = await import('../../host/embedded');
  const Database = (await import('better-sqlite3')).default;
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-busy-'));
  const db = new Database(join(dir, 'a.db'));
  const registry = createActionRegistry({ db, today });
  registry.register('calendar.book', async (input, ctx) => {
    await new Promise((r) => setTimeout(r, 1500));
    return book((await registry.store!()).calendar, { locations: GELSENKIRCHEN_LOCATIONS, today }, input, ctx.idempotencyKey, ctx.now);
  });
  const taskQueue = `busy-${randomUUID()}`;
  const worker = await startWorker({ address: h.address, taskQueue, dataDir: dir, keyRing: h.ring, registry, log: () => {} });
  const engine = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today, keyRing: h.ring });
  const other = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today, keyRing: h.ring });
  const third = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today, keyRing: h.ring });
  try {
    const s = await engine.createSession({ service: 'terminvereinbarung' });
    for (const t of ['Reisepass in Erle, am 15.12.2026', 'überspringen', 'Max Mustermann', 'max@example.org', 'ja']) await engine.sendMessage(s.id, t);
    // Three serve processes (three adapters): the workflow itself orders them, as the embedded queue does.
    const booking = engine.sendMessage(s.id, 'ja');
    await new Promise((r) => setTimeout(r, 400));
    const second = other.sendMessage(s.id, 'hallo?');
    await new Promise((r) => setTimeout(r, 200));
    await expect(third.sendMessage(s.id, 'noch da?')).rejects.toThrow(SessionBusyError);
    expect((await booking).status).toBe('completed');
    // The waiting one ran after the booking, and found the session completed.
    await expect(second).rejects.toThrow(SessionClosedError);
  } finally {
    await engine.close();
    await other.close();
    await third.close();
    await worker.shutdown();
    await registry.close?.();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
