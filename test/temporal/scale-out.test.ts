/**
 * Issue 10's "how it will be checked", on real parts: two `amtsweg worker` processes with their own
 * data folders, one PostgreSQL, the run's Temporal dev server, a `serve --engine temporal` process
 * delivering e-mail to a loopback SMTP sink, the scripted loopback LLM. Worker A serves task
 * queue A (behind `serve`), worker B task queue B (behind an engine in this process), so it is
 * certain which worker runs what: 50 concurrent bookings of one office and day (25 through each)
 * never overlap; each side cancels a booking the other made; every confirmation arrives once;
 * the desk lists handed-off Temporal cases; the LLM is called by the worker; the CLI exports and
 * replays a Temporal case with "same decision"; with every worker killed, 503 within seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadCatalog } from '../../catalog';
import { isTo, startTestRelay, type TestRelay } from '../../channels/email/sink.fixture';
import { randomKeyRing } from '../../host/temporal/codec';
import { createTemporalEngine, type TemporalEngine } from '../../host/temporal/engine';
import { workflowBundle } from '../../host/temporal/worker';
import type { Engine } from '../../host/types';
import { startFakeOpenAI, type FakeOpenAI } from '../../llm/testing/fake-openai';
import { answerFreely, scriptCooperative, UBS_FACTS, UBS_FIRST } from '../../llm/testing/conversation';
import { openStore, type SharedStore } from '../../store';
import { createTestDatabase } from '../postgres/server';
import { testTemporalAddress } from './server';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '..', '..');
const DEFINITIONS = join(ROOT, 'definitions');
const TODAY = '2026-11-26';
const STAFF = 'erika:scale-out-staff-token-0123456789';
const catalog = loadCatalog(DEFINITIONS);

interface Proc { proc: ChildProcess; out: () => string; exited: Promise<number | null>; match?: RegExpMatchArray }

/** Spawns the CLI and resolves once a line matches `ready` (rejects with its output if it exits first). */
function cli(args: string[], env: Record<string, string>, ready?: RegExp): Promise<Proc> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AMTSWEG_LOG_LEVEL: 'warn', ...env } });
  let text = '';
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return new Promise((res, rej) => {
    const look = (d: Buffer) => {
      text += d.toString();
      const m = ready ? text.match(ready) : null;
      if (m) res({ proc, out: () => text, exited, match: m });
    };
    proc.stdout?.on('data', look);
    proc.stderr?.on('data', look);
    void exited.then((code) => (ready ? rej(new Error(`amtsweg ${args[0]} exited with ${code}: ${text.slice(-3000)}`)) : res({ proc, out: () => text, exited })));
  });
}

async function stop(p: Proc | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill(signal);
  await p.exited;
}

async function api(base: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A citizen of the serve process over HTTP: start a session with some lines, send more, read it. */
function httpCitizen(base: string) {
  const say = async (id: string, token: string, text: string) => {
    const r = await api(base, `/api/sessions/${id}/messages`, { text }, token);
    expect(r.status).toBe(200);
    return r.body as { status: string; outcome?: { id: string }; messages: unknown[] };
  };
  return {
    say,
    view: async (id: string, token: string) => (await api(base, `/api/sessions/${id}`, undefined, token)).body,
    async start(service: string, lines: string[]): Promise<{ id: string; token: string }> {
      // A creation no worker accepted in time is deleted again (503, nothing left): try again, as Retry-After says.
      let created = await api(base, '/api/sessions', { service });
      for (let i = 0; i < 5 && created.status === 503; i++) created = await api(base, '/api/sessions', { service });
      expect(created.status).toBe(201);
      const { id, token } = created.body as { id: string; token: string };
      for (const text of lines) await say(id, token, text);
      return { id, token };
    },
    async converse(service: string, lines: string[]): Promise<{ id: string; token: string; view: any }> {
      const { id, token } = await this.start(service, lines);
      return { id, token, view: await this.view(id, token) };
    },
  };
}

/** Runs `tasks` with at most `width` at a time, in order. */
async function pooled<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) { const i = next++; out[i] = await tasks[i](); }
  }));
  return out;
}

/** Up to the last "ja": the wish, name and address, the address read back. The last "ja" books. */
const bookingLines = (n: number) => ['Personalausweis in Erle am 01.12.2026 ab 9 Uhr', `Erika Mustermann, buerger${n}@example.org`, 'ja'];
const BOOKING_NUMBER = /GE-[A-Z0-9]{8}/;

describe('scale-out: two workers, separate data folders, one PostgreSQL, Temporal', () => {
  const dirs: string[] = [];
  const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'amtsweg-scale-')); dirs.push(d); return d; };
  let url: string;
  let address: string;
  let relay: TestRelay;
  let fake: FakeOpenAI;
  let workerA: Proc | undefined;
  let workerB: Proc | undefined;
  let serve: Proc | undefined;
  let base: string;
  let shared: SharedStore;
  let engineB: TemporalEngine;
  let engineLlm: TemporalEngine;
  let keyFile: string;
  const ring = randomKeyRing('scale');
  const queueA = `scale-a-${randomUUID()}`;
  const queueB = `scale-b-${randomUUID()}`;
  /** On a failure, what the processes said (they log ids and codes only). */
  const logged = <T>(fn: () => Promise<T>) => () => fn().catch((e: Error) => {
    throw new Error(`${e.message}${e.cause ? ` (cause: ${String(e.cause)})` : ''}\n--- worker A:\n${workerA?.out().slice(-1500)}\n--- worker B:\n${workerB?.out().slice(-1500)}\n--- serve:\n${serve?.out().slice(-1500)}`);
  });
  const tflags = (queue: string) => ['--temporal-address', address, '--temporal-task-queue', queue, '--temporal-key-file', keyFile];

  beforeAll(async () => {
    [url, address, relay, fake] = await Promise.all([createTestDatabase('scaleout'), testTemporalAddress(), startTestRelay(0), startFakeOpenAI()]);
    keyFile = join(tempDir(), 'keys.json');
    // Bundled once here, not once per worker process.
    const bundle = join(tempDir(), 'workflows.js');
    writeFileSync(bundle, (await workflowBundle()).code);
    writeFileSync(keyFile, JSON.stringify({ active: ring.activeKeyId, keys: Object.fromEntries(Object.entries(ring.keys).map(([k, v]) => [k, v.toString('base64')])) }));
    const llmEnv = { OPENAI_BASE_URL: fake.url, AMTSWEG_LLM_MODEL: 'fake-model', AMTSWEG_DATABASE_URL: '' };
    const worker = (queue: string) => cli(['worker', '--workflow-bundle', bundle, '--data', tempDir(), '--database', url, '--definitions', DEFINITIONS, '--today', TODAY, ...tflags(queue)], llmEnv, /amtsweg worker: task queue/);
    const serving = cli(['serve', '--engine', 'temporal', '--port', '0', '--data', tempDir(), '--database', url, '--definitions', DEFINITIONS, '--today', TODAY,
      '--rate-ip', 'off', '--rate-session', 'off', '--rate-new-session', 'off', ...tflags(queueA)], {
      // Turns wait up to 10 s for a worker's acceptance on this shared, busy machine (default 5 s).
      ...llmEnv, AMTSWEG_TEMPORAL_ACCEPT_MS: '10000', AMTSWEG_SMTP_RELAY: `smtp://127.0.0.1:${relay.port}`, AMTSWEG_EMAIL_ADDRESS: 'buergerservice@stadt.example', AMTSWEG_SMTP_PORT: '0', AMTSWEG_STAFF_TOKEN: STAFF, AMTSWEG_ADDRESS_PROOF: 'off',
    }, /amtsweg serves \d+ service\(s\) on (http:\/\/[^\s,]+) \(engine temporal/);
    [workerA, workerB, serve] = await Promise.all([worker(queueA), worker(queueB), serving]);
    base = serve.match![1];
    shared = await openStore({ url });
    const onB = { address, taskQueue: queueB, services: catalog.services, today: TODAY, keyRing: ring, shared, acceptTimeoutMs: 30_000 };
    // Sessions of `engineLlm` ask the worker's model every turn; the bookings need none.
    [engineB, engineLlm] = await Promise.all([createTemporalEngine(onB), createTemporalEngine({ ...onB, llm: true })]);
  }, 600_000);

  afterAll(async () => {
    await engineB?.close();
    await engineLlm?.close();
    await Promise.all([stop(serve), stop(workerA), stop(workerB)]);
    await shared?.close();
    await relay?.close();
    await fake?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('50 concurrent bookings of one office and day (25 per worker) never overlap; each worker cancels one the other made; every confirmation arrives once', logged(async () => {
    const viaServe = httpCitizen(base);
    // Every citizen up to the last "ja" (a few at a time), then all 50 confirm at once: 50 concurrent bookings.
    const ready = await pooled(6, [
      ...Array.from({ length: 25 }, (_, i) => async () => ({ worker: 'A', ...(await viaServe.start('terminvereinbarung', bookingLines(i))) })),
      ...Array.from({ length: 25 }, (_, i) => async () => {
        const s = await engineB.createSession({ service: 'terminvereinbarung' });
        for (const text of bookingLines(25 + i)) await engineB.sendMessage(s.id, text);
        return { worker: 'B', id: s.id, token: '' };
      }),
    ]);
    const replies = await Promise.all(ready.map(async (r) => ({
      ...r, reply: r.worker === 'A' ? await viaServe.say(r.id, r.token, 'ja') : await engineB.sendMessage(r.id, 'ja'),
    })));
    expect(replies.map((r) => r.reply.outcome?.id)).toEqual(replies.map(() => 'termin_gebucht'));
    const bookingOf = (r: (typeof replies)[number]) => JSON.stringify(r.reply.messages).match(BOOKING_NUMBER)?.[0];
    const bookings = replies.map((r) => ({ worker: r.worker, booking: bookingOf(r)! }));
    expect(new Set(bookings.map((b) => b.booking)).size).toBe(50);

    // What PostgreSQL holds, on a connection of its own: one office, no two bookings of a desk overlapping.
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const rows = (await pg.query("SELECT booking, date, start_min, end_min, desk FROM calendar_bookings WHERE location = 'erle' AND status = 'booked' ORDER BY date, desk, start_min")).rows as
        { booking: string; date: string; start_min: number; end_min: number; desk: number }[];
      expect(rows).toHaveLength(50);
      expect(rows.map((r) => r.booking).sort()).toEqual(bookings.map((b) => b.booking).sort());
      for (let i = 1; i < rows.length; i++) {
        if (rows[i].date === rows[i - 1].date && rows[i].desk === rows[i - 1].desk) expect(rows[i].start_min).toBeGreaterThanOrEqual(rows[i - 1].end_min);
      }
    } finally {
      await pg.end();
    }

    // Worker A (through serve) cancels one of worker B's bookings, worker B one of worker A's.
    const ofA = bookings.find((b) => b.worker === 'A')!;
    const ofB = bookings.find((b) => b.worker === 'B')!;
    const cancelledByA = await viaServe.converse('termin-absagen', [`Meine Buchungsnummer ist ${ofB.booking}`, 'ja']);
    expect(cancelledByA.view.outcome?.id).toBe('abgesagt');
    const s = await engineB.createSession({ service: 'termin-absagen' });
    await engineB.sendMessage(s.id, `Meine Buchungsnummer ist ${ofA.booking}`);
    expect((await engineB.sendMessage(s.id, 'ja')).outcome?.id).toBe('abgesagt');
    const again = await viaServe.converse('termin-absagen', [`Meine Buchungsnummer ist ${ofA.booking}`, 'ja']);
    expect(again.view.outcome?.id).toBe('schon_abgesagt');

    // The serve process delivers every confirmation, whichever worker queued it, exactly once.
    for (let n = 0; n < 50; n++) {
      const mail = await relay.waitFor(isTo(`buerger${n}@example.org`), 120_000);
      expect(mail.subject).toContain(bookings[n].booking);
    }
    expect(relay.mails.filter((m) => Array.from({ length: 50 }, (_, n) => `buerger${n}@example.org`).some((to) => isTo(to)(m)))).toHaveLength(50);
  }));

  test('the desk lists handed-off Temporal cases from either side; the LLM is called by the worker', logged(async () => {
    const viaServe = httpCitizen(base);
    const a = await viaServe.converse('terminvereinbarung', ['Führungszeugnis', 'Ich möchte mit einem Menschen sprechen']);
    const b = await engineB.createSession({ service: 'terminvereinbarung' });
    await engineB.requestHandoff(b.id, 'citizen_request');
    const desk = await api(base, '/desk/api/cases?status=handoff', undefined, STAFF.split(':')[1]);
    expect(desk.status).toBe(200);
    const listed = (desk.body.cases as { id: string; status: string }[]).map((c) => c.id);
    // The one desk lists both: the serve process queries the case on queue B through its own client.
    expect(listed).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await shared.cases.get(b.id)).toMatchObject({ engine: 'temporal', desk: 'handoff' });

    const before = fake.requests.length;
    const facts = UBS_FACTS;
    scriptCooperative(fake, facts);
    const run = await answerFreely(engineLlm as Engine, 'untersuchungsberechtigungsschein', UBS_FIRST, facts);
    expect(run.view.status).toBe('completed');
    expect(fake.requests.length).toBeGreaterThan(before);
    const steps = (await engineLlm.exportSession(run.id)).steps;
    expect(steps.some((st) => st.effects.some((e) => e.kind === 'action' && e.name === 'llm.propose'))).toBe(true);
    expect(JSON.stringify(steps)).toMatch(/"source":"llm"/);

    // The CLI exports the Temporal case and replays it: same decision.
    const out = join(tempDir(), 'case.json');
    const exported = await cli(['export', '--temporal', `amtsweg-${run.id}`, '--out', out, '--database', url, ...tflags(queueB)], {});
    const code = await exported.exited;
    if (code !== 0) console.log(exported.out());
    expect(code).toBe(0);
    const replayed = await cli(['replay', out], {});
    expect({ code: await replayed.exited, out: replayed.out() }).toMatchObject({ code: 0 });
    expect(replayed.out()).toContain('same decision');
  }));

  test('every worker killed: 503 engine_unavailable within seconds and /readyz false', logged(async () => {
    const created = await api(base, '/api/sessions', { service: 'terminvereinbarung' });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    await Promise.all([stop(workerA, 'SIGKILL'), stop(workerB, 'SIGKILL')]);
    const t0 = Date.now();
    const r = await api(base, `/api/sessions/${id}/messages`, { text: 'Reisepass' }, token);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('engine_unavailable');
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(Date.now() - t0).toBeLessThan(15_000);
    const ready = await api(base, '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.ready).toBe(false);
    expect((await api(base, '/healthz')).status).toBe(200);
  }));
});
