/**
 * The load run: 1, 10 and 50 simulated citizens at once talk to a real `amtsweg serve` over
 * loopback HTTP, on the embedded engine and (when a Temporal dev server can be started) on
 * Temporal with one `amtsweg worker`. Per engine and level: conversations/s, turn latency
 * p50/p99 (a turn = one HTTP request), and CPU-seconds per conversation of serve + worker
 * (their /proc/<pid>/stat; the Temporal server's own CPU is reported beside it, not in it).
 * Afterwards, on the same server and worker, the echo workflow's update round trip as the floor.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKeyRing } from '../host/temporal/codec';
import { startDevServer, type DevServer } from '../host/temporal/dev-server';
import { latency, runLevel, type LevelFigures } from './load-citizens';
import { processCpuSeconds, startServe, startWorkerProcess, writeFixtureDefinitions, type Child } from './load-processes';
import { echoTurnMs } from './temporal';
import { percentile, type BenchContext, type BenchModule, type BenchResult } from './types';

const SERVICE = 'termin_test';
const LEVELS = [1, 10, 50];

interface Deployment { url: string; processes: Child[]; server?: DevServer }

/** Runs every level against one deployment; CPU is measured per level over the given processes. */
async function levels(ctx: BenchContext, engine: string, d: Deployment): Promise<BenchResult[]> {
  const seconds = ctx.quick ? 2 : 6;
  // Warm-up: JIT, prepared statements, the worker's workflow bundle and sticky cache.
  await runLevel(d.url, SERVICE, 5, 0, ctx.quick ? 5 : 20);
  const out: BenchResult[] = [];
  for (const c of LEVELS) {
    const cpu0 = d.processes.map((p) => processCpuSeconds(p.pid));
    const server0 = d.server ? processCpuSeconds(d.server.pid) : 0;
    const l: LevelFigures = await runLevel(d.url, SERVICE, c, seconds, c);
    const cpu = d.processes.reduce((sum, p, i) => sum + processCpuSeconds(p.pid) - cpu0[i], 0);
    const serverCpu = d.server ? processCpuSeconds(d.server.pid) - server0 : 0;
    if (l.conversations === 0) throw new Error(`${engine} at ${c} citizens completed no conversation: ${l.firstFailure}`);
    const { p50, p99 } = latency(l);
    const n = l.conversations;
    const failed = l.failures > 0 ? `; ${l.failures} failed (${l.firstFailure})` : '';
    const prefix = `load_${engine}_c${c}`;
    ctx.log(`  ${engine} ×${c}: ${n} conversations in ${l.seconds.toFixed(1)} s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${(cpu / n).toFixed(4)} CPU-s/conversation${failed}`);
    out.push(
      { key: `${prefix}_conv_per_s`, value: n / l.seconds, unit: 'conversations/s', note: `${c} citizens over HTTP, ${n} conversations (${l.turnMs.length} turns) in ${l.seconds.toFixed(1)} s${failed}` },
      { key: `${prefix}_turn_ms_p50`, value: p50, unit: 'ms' },
      { key: `${prefix}_turn_ms_p99`, value: p99, unit: 'ms' },
      {
        key: `${prefix}_cpu_s_per_conv`, value: cpu / n, unit: 'CPU-s',
        note: `serve${d.processes.length > 1 ? ' + worker' : ''} user+system${d.server ? `; the Temporal server besides: ${(serverCpu / n).toFixed(4)} CPU-s` : ''}`,
      },
    );
  }
  return out;
}

async function embeddedRun(ctx: BenchContext, defs: string): Promise<BenchResult[]> {
  const { child, url } = await startServe(ctx.root, ['--data', join(ctx.tmp, 'embedded'), '--definitions', defs]);
  try {
    return await levels(ctx, 'embedded', { url, processes: [child] });
  } finally {
    await child.stop();
  }
}

async function temporalRun(ctx: BenchContext, defs: string): Promise<BenchResult[]> {
  let server: DevServer;
  try {
    server = await startDevServer({ root: ctx.root, log: ctx.log });
  } catch (e) {
    ctx.log(`  Temporal dev server cannot be started, the Temporal load run is left out: ${(e as Error).message.split('\n')[0]}`);
    return [];
  }
  const keyFile = join(ctx.tmp, 'temporal-keys.json');
  writeFileSync(keyFile, JSON.stringify({ active: 'bench', keys: { bench: randomBytes(32).toString('base64') } }));
  const taskQueue = `load-${randomUUID()}`;
  const temporal = ['--temporal-address', server.address, '--temporal-task-queue', taskQueue, '--temporal-key-file', keyFile];
  // serve and the worker share one store, as on one machine: calendar, outbox, case index.
  const database = ['--database', `sqlite:${join(ctx.tmp, 'shared-store.db')}`];
  const started: Child[] = [];
  try {
    started.push(await startWorkerProcess(ctx.root, ['--data', join(ctx.tmp, 'worker'), '--definitions', defs, ...database, ...temporal]));
    const serve = await startServe(ctx.root, ['--engine', 'temporal', '--data', join(ctx.tmp, 'serve'), '--definitions', defs, ...database, ...temporal]);
    started.unshift(serve.child);
    const out = await levels(ctx, 'temporal', { url: serve.url, processes: started, server });
    const echo = await echoTurnMs(server.address, taskQueue, loadKeyRing({ keyFile }), ctx.quick ? 50 : 300);
    const echo50 = percentile(echo, 50);
    const turn50 = out.find((r) => r.key === 'load_temporal_c1_turn_ms_p50')?.value ?? NaN;
    out.push({
      key: 'load_temporal_echo_turn_ms_p50', value: echo50, unit: 'ms',
      note: `update round trip of the echo workflow on the same server and worker; an HTTP turn at 1 citizen is ${(turn50 / echo50).toFixed(2)}× that (aim ≤ 1.5×)`,
    });
    return out;
  } finally {
    for (const c of started) await c.stop();
    await server.stop();
  }
}

export const loadBench: BenchModule = {
  name: 'load',
  async run(ctx) {
    const defs = writeFixtureDefinitions(join(ctx.tmp, 'definitions'));
    return [...(await embeddedRun(ctx, defs)), ...(await temporalRun(ctx, defs))];
  },
};
