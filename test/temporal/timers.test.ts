/**
 * Inactivity timers: reminder and timeout run as workflow timers on Temporal and as scheduled
 * timers on the embedded engine, and give the same conversation and trail. The definition is an
 * example service with its timers shortened to seconds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadServiceSource } from '../../catalog';
import { createEmbeddedEngine } from '../../host/embedded';
import { normalize, temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(120_000);

const file = resolve(__dirname, '..', '..', 'definitions', 'terminvereinbarung.yaml');
const source = readFileSync(file, 'utf8').replace(/^settings:.*$/m, 'settings: { max_attempts: 3, reminder_after: PT2S, timeout_after: PT5S }');
const { service, problems } = loadServiceSource(source, 'terminvereinbarung-fast-timers.yaml');
const today = '2026-11-26';

let h: TemporalHarness;
beforeAll(async () => { h = await temporalHarness(service ? [service] : []); });
afterAll(async () => { await h?.close(); });

it('reminder and timeout fire alike on both engines', async () => {
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(source).toContain('timeout_after: PT5S');

  // Temporal: real workflow timers.
  const engine = await h.engineFor(today);
  const t = await engine.createSession({ service: service!.id });
  await engine.sendMessage(t.id, 'Ich brauche einen Termin für meinen Personalausweis');
  const deadline = Date.now() + 30_000;
  let tv = await engine.view(t.id);
  while (tv.status === 'active' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    tv = await engine.view(t.id);
  }
  expect(tv.status).not.toBe('active');
  const tState = await engine.exportSession(t.id);
  const timerEvents = tState.steps.filter((s) => s.event.type === 'timer').map((s) => (s.event as { name: string }).name);
  expect(timerEvents).toEqual(['reminder', 'timeout']);

  // Embedded: the same, with the clock stepped by hand.
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-timers-'));
  let now = Date.parse('2026-11-26T09:00:00Z');
  const emb = await createEmbeddedEngine({ dataDir: dir, services: [service!], today, now: () => new Date(now), scheduler: false });
  try {
    const e = await emb.createSession({ service: service!.id });
    await emb.sendMessage(e.id, 'Ich brauche einen Termin für meinen Personalausweis');
    now += 2_500;
    expect(await emb.runDueTimers()).toBe(1);
    now += 3_000;
    expect(await emb.runDueTimers()).toBe(1);
    const ev = await emb.view(e.id);
    expect(tv.status).toBe(ev.status);
    expect(normalize(tv.transcript.map(({ role, text }) => ({ role, text })), t.id))
      .toEqual(normalize(ev.transcript.map(({ role, text }) => ({ role, text })), e.id));
    const aSteps = (await emb.exportSession(e.id)).events.map((x) => x.body);
    const bSteps = tState.steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
    expect(normalize(bSteps, t.id)).toEqual(normalize(aSteps, e.id));
  } finally {
    await emb.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a timer turn that changes where a desk case stands reaches the shared case index on both engines', async () => {
  const { openStore } = await import('../../store/open');
  const { createTemporalEngine } = await import('../../host/temporal/engine');
  const { startWorker } = await import('../../host/temporal/worker');
  const { randomUUID } = await import('node:crypto');
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-timer-desk-'));
  const shared = await openStore({ dataDir: dir });
  const taskQueue = `timer-desk-${randomUUID()}`;
  const worker = await startWorker({ address: h.address, taskQueue, dataDir: dir, keyRing: h.ring, today, store: shared, log: () => {} });
  const engine = await createTemporalEngine({ address: h.address, taskQueue, services: [service!], today, keyRing: h.ring, shared });
  let now = Date.parse('2026-11-26T09:00:00Z');
  const emb = await createEmbeddedEngine({ dataDir: join(dir, 'emb'), services: [service!], today, now: () => new Date(now), scheduler: false, store: shared });
  try {
    // Handed off, taken, handed back to the assistant: the case is "returned", the session active with timers again.
    const toDesk = async (e: typeof engine | typeof emb) => {
      const s = await e.createSession({ service: service!.id });
      await e.requestHandoff(s.id, 'citizen_request');
      await e.staffAction(s.id, { type: 'take', staff: 'sb-1' });
      await e.staffAction(s.id, { type: 'handback', staff: 'sb-1' });
      expect(await shared.cases.get(s.id)).toMatchObject({ desk: 'returned', status: 'active' });
      return s.id;
    };
    const t = await toDesk(engine);
    const e = await toDesk(emb);

    // Temporal: the workflow's own timers run out; nobody sends a turn, yet the index follows.
    const deadline = Date.now() + 30_000;
    let entry = await shared.cases.get(t);
    while (entry?.status !== 'cancelled' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      entry = await shared.cases.get(t);
    }
    expect((await engine.view(t)).status).toBe('cancelled');
    expect(entry).toMatchObject({ desk: 'returned', status: 'cancelled', engine: 'temporal' });

    // Embedded: the same with the clock stepped past reminder and timeout.
    now += 2_500;
    expect(await emb.runDueTimers()).toBe(1);
    now += 3_000;
    expect(await emb.runDueTimers()).toBe(1);
    expect(await shared.cases.get(e)).toMatchObject({ desk: 'returned', status: 'cancelled', engine: 'embedded' });
    const closed = async (x: typeof engine | typeof emb, id: string) => (await x.listCases({ status: 'closed' })).find((c) => c.id === id);
    expect({ ...(await closed(engine, t)), id: 0, updatedAt: 0, receivedAt: 0, handedOffAt: 0 })
      .toEqual({ ...(await closed(emb, e)), id: 0, updatedAt: 0, receivedAt: 0, handedOffAt: 0 });
  } finally {
    await emb.close();
    await engine.close();
    await worker.shutdown();
    await shared.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
