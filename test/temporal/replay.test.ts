/**
 * Replay: the exported history of a finished session replays with the worker's bundle, and a
 * changed workflow is reported as non-deterministic. Also: a session longer than a lowered
 * continue-as-new threshold completes with the same transcript and trail as the embedded engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import { loadCatalog } from '../../catalog';
import { createEmbeddedEngine } from '../../host/embedded';
import { loadScenarioFile, runScenario } from '../../scenarios';
import { amtswegDataConverter } from '../../host/temporal/codec';
import { historyBytes, replaySessionHistory } from '../../host/temporal/replay';
import { writeFileSync } from 'node:fs';
import { workflowBundle } from '../../host/temporal/worker';
import { normalize, temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(180_000);

const definitionsDir = resolve(__dirname, '..', '..', 'definitions');
const catalog = loadCatalog(definitionsDir);
const file = loadScenarioFile(join(definitionsDir, 'terminvereinbarung.scenarios.yaml'));
const booking = file.scenarios.find((s) => s.outcome === 'termin_gebucht' && !s.locale)!;

let h: TemporalHarness;
beforeAll(async () => { h = await temporalHarness(catalog.services); });
afterAll(async () => { await h?.close(); });

describe('replay of an exported history', () => {
  let history: temporal.api.history.v1.IHistory;
  let workflowId: string;

  beforeAll(async () => {
    const engine = await h.engineFor(file.today);
    const run = await runScenario(engine, file.service, booking);
    expect(run.failures).toEqual([]);
    expect(run.final.status).toBe('completed');
    workflowId = engine.workflowId(run.sessionId);
    history = (await engine.exportHistory(run.sessionId)) as temporal.api.history.v1.IHistory;
  });

  it('passes Worker.runReplayHistory with the same bundle', async () => {
    await expect(Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: amtswegDataConverter(h.ring, { sessionKeys: h.sessionKeys }) }, history, workflowId,
    )).resolves.toBeUndefined();
  });

  it('replays from an exported history file, and names a wrong payload key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-history-'));
    try {
      const f = join(dir, 'case.pb');
      writeFileSync(f, historyBytes(history));
      await expect(replaySessionHistory(f, workflowId, h.ring, undefined, h.sessionKeys)).resolves.toBeUndefined();
      const { randomKeyRing } = await import('../../host/temporal/codec');
      const { storeSessionKeys } = await import('../../host/temporal/session-keys');
      const wrong = randomKeyRing('test');
      // The session's own key is in the store, sealed with a ring key this process lacks; without the store it cannot be found.
      await expect(replaySessionHistory(f, workflowId, wrong, undefined, storeSessionKeys(h.keyStore.payloadKeys, wrong))).rejects.toThrow(/key id "sk-.*sealed with a payload key that is not configured here/);
      await expect(replaySessionHistory(f, workflowId, h.ring)).rejects.toThrow(/key id "sk-.*per-session key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a changed workflow as non-deterministic', async () => {
    const changed = await workflowBundle(join(__dirname, 'fixtures', 'changed-workflows.ts'));
    await expect(Worker.runReplayHistory(
      { workflowBundle: changed, dataConverter: amtswegDataConverter(h.ring, { sessionKeys: h.sessionKeys }) }, history, workflowId,
    )).rejects.toThrow(DeterminismViolationError);
  });
});

describe('continue-as-new', () => {
  it('a session longer than the threshold completes exactly as on the embedded engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-can-'));
    const emb = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today: file.today, scheduler: false });
    try {
      const engine = await h.engineFor(file.today, { continueAsNewAfterTurns: 2 });
      const b = await runScenario(engine, file.service, booking);
      const a = await runScenario(emb, file.service, booking);
      expect(b.failures).toEqual([]);
      expect(b.final.status).toBe('completed');
      const state = await engine.exportSession(b.sessionId);
      // 9 turns (start + 8 messages) at 2 per run: the session went through several runs.
      expect(state.generation).toBeGreaterThanOrEqual(3);
      expect(normalize(b.transcript, b.sessionId)).toEqual(normalize(a.transcript, a.sessionId));
      expect(normalize({ ...b.final, id: 0 }, b.sessionId)).toEqual(normalize({ ...a.final, id: 0 }, a.sessionId));
      const aSteps = (await emb.exportSession(a.sessionId)).events.map((e) => e.body);
      const bSteps = state.steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
      expect(normalize(bSteps, b.sessionId)).toEqual(normalize(aSteps, a.sessionId));
    } finally {
      await emb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
