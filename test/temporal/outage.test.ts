/**
 * Honest failure on Temporal: with no worker, turns and new sessions fail within seconds as
 * engine_unavailable (HTTP 503 with Retry-After, never 401), a failed creation leaves no workflow
 * behind, /readyz says why, and connection errors name their real cause.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog';
import { createApp } from '../../channels/http';
import { EngineUnavailableError } from '../../host/errors';
import { connectWithRetry, temporalSettings } from '../../host/temporal/connection';
import { createTemporalEngine } from '../../host/temporal/engine';
import { TemporalUnreachableError } from '../../host/temporal/errors';
import { startWorker } from '../../host/temporal/worker';
import { temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(240_000);

const catalog = loadCatalog(resolve(__dirname, '..', '..', 'definitions'));
let h: TemporalHarness;
beforeAll(async () => { h = await temporalHarness(catalog.services); });
afterAll(async () => { await h?.close(); });

it('with every worker gone: 503 engine_unavailable within seconds, /readyz false, and a failed creation leaves nothing', async () => {
  const taskQueue = `outage-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-outage-'));
  const worker = await startWorker({ address: h.address, taskQueue, dataDir: dir, keyRing: h.ring, today: '2026-11-20', log: () => {} });
  const engine = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today: '2026-11-20', keyRing: h.ring, acceptTimeoutMs: 1500 });
  const app = createApp({ engine });
  try {
    expect((await engine.readiness!()).ready).toBe(true);
    // Set-up on a healthy worker with the default accept budget (a fresh worker's first task can take
    // longer than 1.5 s on a loaded machine); the outage below is judged with the 1.5 s engine.
    const setup = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today: '2026-11-20', keyRing: h.ring });
    const s = await setup.createSession({ service: 'terminvereinbarung' }).finally(() => setup.close());
    await worker.shutdown();

    const t0 = Date.now();
    const res = await app.request(`/api/sessions/${s.id}/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify({ text: 'Reisepass' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('engine_unavailable');
    expect(Date.now() - t0).toBeLessThan(15_000);
    // That one failed at the token check (a query: nothing changed). A turn handed to Temporal as an
    // update stays there: the error says it may still be applied and how to retry it safely.
    const pending = await engine.sendMessage(s.id, 'Reisepass', { key: 'outage-msg-1' }).catch((e: unknown) => e);
    expect(pending).toBeInstanceOf(EngineUnavailableError);
    expect(pending).toMatchObject({ turnPending: true });
    expect((pending as Error).message).toContain('same idempotency key');
    expect((pending as Error).message).not.toContain('Nothing was changed');

    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.checks.temporal.ok).toBe(true);
    expect(body.checks.workers).toMatchObject({ ok: false });
    expect(body.checks.workers.detail).toContain(taskQueue);
    expect((await app.request('/healthz')).status).toBe(200);

    const failed = await engine.createSession({ service: 'terminvereinbarung' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(EngineUnavailableError);
    const open = [];
    for await (const wf of engine.client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) open.push(wf.workflowId);
    expect(open).toEqual([engine.workflowId(s.id)]);

    // A worker is back: the retry with the same key gets an answer, and the message counts once,
    // whether Temporal still held the first update or not. A third send is answered the same.
    const back = await startWorker({ address: h.address, taskQueue, dataDir: dir, keyRing: h.ring, today: '2026-11-20', log: () => {} });
    try {
      const patient = await createTemporalEngine({ address: h.address, taskQueue, services: catalog.services, today: '2026-11-20', keyRing: h.ring, acceptTimeoutMs: 60_000 });
      const retryApp = createApp({ engine: patient });
      try {
        // Over HTTP with the same key as the engine-level send above.
        const sendAgain = () => retryApp.request(`/api/sessions/${s.id}/messages`, {
          method: 'POST', body: JSON.stringify({ text: 'Reisepass' }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, 'idempotency-key': 'outage-msg-1' },
        });
        const retried = await sendAgain();
        expect(retried.status).toBe(200);
        const third = await sendAgain();
        expect(await third.json()).toEqual(await retried.json());
        const citizen = (await patient.view(s.id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text);
        expect(citizen).toEqual(['Reisepass']);
      } finally {
        await patient.close();
      }
    } finally {
      await back.shutdown();
    }
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('connection errors name the real cause and the fix', () => {
  it('a namespace that does not exist', async () => {
    const e = await connectWithRetry(temporalSettings({ address: h.address, namespace: 'no-such-namespace' }, {}), { attempts: 3, delayMs: 10 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TemporalUnreachableError);
    expect(e).toMatchObject({ reason: 'namespace' });
    expect((e as Error).message).toContain('temporal operator namespace create no-such-namespace');
  });

  it('TLS against a plain server', async () => {
    const e = await connectWithRetry(temporalSettings({ address: h.address, tls: true }, {}), { attempts: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'tls' });
    expect((e as Error).message).toContain('TEMPORAL_TLS');
  });

  it('an address where nothing listens', async () => {
    const e = await connectWithRetry(temporalSettings({ address: '127.0.0.1:1' }, {}), { attempts: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'address' });
    expect((e as Error).message).toContain('npm run temporal:dev');
  });
});
