/**
 * `npm run bench -- --temporal`: turns through the session workflow on a real Temporal dev
 * server (temporal_turns_per_s, temporal_turn_ms_p50/p99), and, in the same run on the same
 * server, a minimal update-echo workflow (temporal_echo_turn_ms_p50), so amtsweg's own overhead
 * shows as a ratio. A turn is one Workflow Update round trip from the client's view.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { answerFor, fixtureService } from '../host/embedded/test-fixture';
import { connectWithRetry, createClient } from '../host/temporal/connection';
import { randomKeyRing, type KeyRing } from '../host/temporal/codec';
import { startDevServer } from '../host/temporal/dev-server';
import { createTemporalEngine } from '../host/temporal/engine';
import { ECHO_UPDATE } from '../host/temporal/workflows/types';
import { startWorker } from '../host/temporal/worker';
import { percentile, type BenchContext, type BenchModule, type BenchResult } from './types';

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  samples.push(performance.now() - t0);
  return r;
}

/**
 * Sorted round-trip times of `n` updates to a minimal echo workflow (after 5 warm-up ones): what
 * Temporal itself costs for one turn on this server and worker.
 */
export async function echoTurnMs(address: string, taskQueue: string, ring: KeyRing, n: number): Promise<number[]> {
  const connection = await connectWithRetry({ address, namespace: 'default', taskQueue });
  const echoMs: number[] = [];
  try {
    const client = createClient(connection, 'default', ring);
    const handle = await client.workflow.start('echoWorkflow', { taskQueue, workflowId: `echo-${randomUUID()}`, args: [n + 5] });
    for (let i = 0; i < 5; i++) await handle.executeUpdate(ECHO_UPDATE, { args: ['warm'] });
    for (let i = 0; i < n; i++) await timed(echoMs, () => handle.executeUpdate(ECHO_UPDATE, { args: [`Nachricht ${i}`] }));
    await handle.result();
  } finally {
    await connection.close();
  }
  return echoMs.sort((a, b) => a - b);
}

/** Runs the Temporal benchmark against its own in-memory dev server. */
export async function runTemporalBench(ctx: BenchContext): Promise<BenchResult[]> {
  const server = await startDevServer({ root: ctx.root, log: ctx.log });
  const ring = randomKeyRing('bench');
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await startWorker({ address: server.address, taskQueue, dataDir: join(ctx.tmp, 'worker'), keyRing: ring, today: '2026-11-20', log: () => {} });
  const service = fixtureService();
  const engine = await createTemporalEngine({ address: server.address, taskQueue, services: [service], today: '2026-11-20', keyRing: ring });
  try {
    const seconds = ctx.quick ? 2 : 8;
    // Warm-up: the first workflow tasks load the bundle into the worker's isolates.
    await conversation();
    const turnMs: number[] = [];
    let conversations = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      await conversation(turnMs);
      conversations++;
    }
    const elapsed = (performance.now() - t0) / 1000;

    const echoMs = await echoTurnMs(server.address, taskQueue, ring, ctx.quick ? 50 : 300);
    turnMs.sort((a, b) => a - b);
    const p50 = percentile(turnMs, 50);
    const echo50 = percentile(echoMs, 50);
    return [
      { key: 'temporal_turns_per_s', value: turnMs.length / elapsed, unit: 'turns/s', note: `one client, sequential, ${conversations} conversations; the elapsed time includes one view query per turn` },
      { key: 'temporal_turn_ms_p50', value: p50, unit: 'ms', note: `${(p50 / echo50).toFixed(2)}× the echo workflow's p50 (aim ≤ 1.5×)` },
      { key: 'temporal_turn_ms_p99', value: percentile(turnMs, 99), unit: 'ms' },
      { key: 'temporal_echo_turn_ms_p50', value: echo50, unit: 'ms', note: 'minimal update-echo workflow, same server and worker' },
    ];
  } finally {
    await engine.close();
    await worker.shutdown();
    await server.stop();
  }

  async function conversation(samples: number[] = []): Promise<void> {
    const { id } = await timed(samples, () => engine.createSession({ service: service.id }));
    for (let i = 0; i < 20; i++) {
      const view = await engine.view(id);
      if (view.status !== 'active') break;
      await timed(samples, () => engine.sendMessage(id, answerFor(view.pending)));
    }
  }
}

/** The module bench/main.ts runs with --temporal. */
export const temporalBench: BenchModule = { name: 'temporal engine', flag: '--temporal', run: runTemporalBench };
