/**
 * A worker killed (SIGKILL) while a booking action is in flight, and a new worker started: the
 * session continues to its outcome, and the booking happens once (the retried activity gets the
 * booking the first attempt made, through the idempotency key).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { loadCatalog } from '../../catalog';
import { loadScenarioFile } from '../../scenarios';
import { randomKeyRing } from '../../host/temporal/codec';
import { createTemporalEngine, type TemporalEngine } from '../../host/temporal/engine';
import { workflowBundle } from '../../host/temporal/worker';
import { testTemporalAddress } from './server';

jest.setTimeout(180_000);

const root = resolve(__dirname, '..', '..');
const definitionsDir = join(root, 'definitions');
const catalog = loadCatalog(definitionsDir);
const file = loadScenarioFile(join(definitionsDir, 'terminvereinbarung.scenarios.yaml'));
const booking = file.scenarios.find((s) => s.outcome === 'termin_gebucht' && !s.locale)!;

const ring = randomKeyRing('crash');
const keysEnv = { AMTSWEG_TEMPORAL_KEYS: JSON.stringify({ crash: ring.keys.crash.toString('base64') }), AMTSWEG_TEMPORAL_KEY_ID: 'crash' };
const dir = mkdtempSync(join(tmpdir(), 'amtsweg-crash-'));
const children: ChildProcess[] = [];
let engine: TemporalEngine | undefined;

function startChild(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'fixtures', 'worker-child.ts')], {
    cwd: root, env: { ...process.env, ...keysEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d) => { err += String(d); });
  return new Promise((res, rej) => {
    child.stdout?.on('data', (d) => { if (String(d).includes('ready')) res(child); });
    child.once('exit', (code) => rej(new Error(`worker child exited (${code}) before it was ready: ${err.slice(-2000)}`)));
  });
}

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  await engine?.close();
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('continues after a worker crash and books exactly once', async () => {
  const address = await testTemporalAddress();
  const bundlePath = join(dir, 'bundle.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  const marker = join(dir, 'booked.jsonl');
  const taskQueue = `crash-${randomUUID()}`;
  const base = { ADDRESS: address, TASK_QUEUE: taskQueue, DATA_DIR: dir, TODAY: file.today, BUNDLE: bundlePath };

  const first = await startChild({ ...base, SLOW_BOOK_MARKER: marker });
  engine = await createTemporalEngine({ address, taskQueue, services: catalog.services, today: file.today, keyRing: ring, actionTimeoutSeconds: 3 });
  const created = await engine.createSession({ service: file.service, channel: 'api' });
  const turns = booking.turns.map((t) => t.citizen as string);
  for (const text of turns.slice(0, -1)) await engine.sendMessage(created.id, text);

  // The last "ja" books: kill the worker while the booking has happened but its activity has not completed.
  const last = engine.sendMessage(created.id, turns[turns.length - 1]);
  const firstBooking = await until('the first booking', () => existsSync(marker) ? readFileSync(marker, 'utf8').trim() || undefined : undefined);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  await startChild(base);
  const reply = await last;
  expect(reply.status).toBe('completed');
  const { booking: bookedId, key } = JSON.parse(firstBooking.split('\n')[0]) as { booking: string; key: string };
  expect(reply.messages.map((m) => m.text).join('\n')).toContain(bookedId);

  const view = await engine.view(created.id);
  expect(view.outcome?.id).toBe('termin_gebucht');
  const db = new Database(join(dir, 'worker-actions.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT booking FROM calendar_bookings WHERE idempotency_key = ?').all(key) as { booking: string }[];
    expect(rows).toEqual([{ booking: bookedId }]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM calendar_bookings').get() as { n: number }).n).toBe(1);
  } finally {
    db.close();
  }
  // One booking action in the session's trail, one result fed back.
  const state = await engine.exportSession(created.id);
  const results = state.steps.filter((s) => s.event.type === 'effect.result');
  expect(results.filter((s) => JSON.stringify(s.event).includes(bookedId))).toHaveLength(1);
});
