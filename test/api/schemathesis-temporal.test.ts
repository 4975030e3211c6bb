/**
 * Schemathesis against `amtsweg serve --engine temporal` (issue 12): the same document, checks
 * and stateful links as the embedded run, on the operations the engine answers (sessions,
 * readiness), with fewer examples (each turn is a workflow update on the test run's shared
 * Temporal dev server). A worker in this process and
 * serve share one store (SQLite in serve's data folder) and one key ring; no failure and no 5xx.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSchemathesis, fuzzServe, startServeChild, type ServeChild } from './schemathesis';
import { freePort } from '../../platform/net';
import { randomKeyRing } from '../../host/temporal/codec';
import { startWorker, type RunningWorker } from '../../host/temporal/worker';
import { testTemporalAddress } from '../temporal/server';

let dir: string;
let serve: ServeChild | undefined;
let worker: RunningWorker | undefined;
let st = '';

beforeAll(async () => {
  st = ensureSchemathesis((line) => process.stdout.write(`${line}\n`));
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-schemathesis-t-'));
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const address = await testTemporalAddress();
  const taskQueue = `schemathesis-${randomUUID()}`;
  const ring = randomKeyRing('st1');
  worker = await startWorker({ address, taskQueue, dataDir: data, keyRing: ring, today: '2026-12-01', log: () => undefined });
  serve = await startServeChild(dir, await freePort(), ['--engine', 'temporal'], {
    TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, AMTSWEG_TEMPORAL_ACCEPT_MS: '60000',
    AMTSWEG_TEMPORAL_KEYS: JSON.stringify({ st1: ring.keys.st1.toString('base64') }), AMTSWEG_TEMPORAL_KEY_ID: 'st1',
  });
}, 900_000);

afterAll(async () => {
  await serve?.stop();
  await worker?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('schemathesis on the Temporal engine: no failure and no 5xx', async () => {
  // The operations whose answers come from the engine (sessions, readiness); the rest is engine-blind.
  const { run, statuses, summary } = await fuzzServe(st, serve!, dir, 5, ['--include-tag', 'sessions', '--include-tag', 'meta']);
  process.stdout.write(`schemathesis (temporal): ${summary}, ${statuses.length} requests served in ${run.seconds.toFixed(0)} s\n`);
  expect({ exitCode: run.exitCode, tail: run.exitCode === 0 ? '' : run.output.slice(-6000) }).toEqual({ exitCode: 0, tail: '' });
  expect(statuses.length).toBeGreaterThan(60);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(run.output).toMatch(/API Links:\s+\d+ covered/);
  // Sessions were really created and talked to through Temporal, not only refused.
  expect(statuses).toEqual(expect.arrayContaining([200, 201, 400, 401, 404]));
}, 900_000);
