import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { book, GELSENKIRCHEN_LOCATIONS } from '../../activities/calendar';
import { createEmbeddedEngine } from './embedded-engine';
import { sharedRows, tempDataDir } from './engine-helpers.fixture';
import type { EmbeddedEngine } from './options';
import { fixtureService } from './test-fixture';
import { openStore, type SharedStore } from '../../store';

type Booked = { event: 'booked'; booking: { booking: string; location: string; beginn: string }; key: string; lastSeq: number };

/** Runs the child until it reports the booking, then kills it with SIGKILL. */
function runAndKill(dataDir: string): Promise<{ ready: { id: string; view: { pending: unknown } }; booked: Booked }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'crash-child.fixture.ts'), dataDir], {
      cwd: join(__dirname, '..', '..'), env: { ...process.env, AMTSWEG_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ready: { id: string; view: { pending: unknown } } | undefined;
    let booked: Booked | undefined;
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n').slice(0, -1)) {
        const msg = JSON.parse(line);
        if (msg.event === 'ready') ready = msg;
        if (msg.event === 'booked' && !booked) { booked = msg; child.kill('SIGKILL'); }
        if (msg.event === 'error') reject(new Error(msg.message));
      }
      out = out.slice(out.lastIndexOf('\n') + 1);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && ready && booked) resolve({ ready, booked });
      else reject(new Error(`child ended with ${code ?? signal} before the booking: ${err.slice(0, 2000)}`));
    });
  });
}

let dir: string;
let engine: EmbeddedEngine | undefined;
const stores: SharedStore[] = [];
beforeEach(() => { dir = tempDataDir(); });
afterEach(async () => {
  await engine?.close();
  for (const c of stores.splice(0)) await c.close();
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 during an action: restart resumes at the last committed turn, the booking is not made twice', async () => {
  const { ready, booked } = await runAndKill(dir);
  expect(ready.view.pending).toMatchObject({ kind: 'confirm_summary' });

  // Before any restart: the file holds exactly the turns committed before the kill.
  const raw = new Database(join(dir, 'amtsweg.db'), { readonly: true });
  const row = raw.prepare('SELECT last_seq, status FROM sessions WHERE id = ?').get(ready.id) as { last_seq: number; status: string };
  expect(row).toEqual({ last_seq: booked.lastSeq, status: 'active' });
  expect(raw.prepare('SELECT COUNT(*) AS n FROM events WHERE session_id = ?').get(ready.id)).toEqual({ n: booked.lastSeq });
  expect(raw.prepare("SELECT status FROM effects WHERE kind = 'action'").all()).toEqual([{ status: 'pending' }]);
  raw.close();
  const sharedFile = new Database(join(dir, 'store.db'), { readonly: true });
  expect(sharedFile.prepare('SELECT COUNT(*) AS n FROM calendar_bookings').get()).toEqual({ n: 1 });
  sharedFile.close();

  const keys: string[] = [];
  // The engine resumes while it is being created, so the action opens the shared store itself.
  const shared = await openStore({ dataDir: dir });
  stores.push(shared);
  engine = await createEmbeddedEngine({
    dataDir: dir, today: '2026-11-20', scheduler: false,
    services: [fixtureService({ action: 'test.slow_book', service: 'termin_slow' })],
    actions: {
      'test.slow_book': (input, ctx) => {
        keys.push(ctx.idempotencyKey);
        return book(shared.calendar, { locations: GELSENKIRCHEN_LOCATIONS, today: '2026-11-20' }, input, ctx.idempotencyKey, ctx.now);
      },
    },
  });
  // The pending effect ran again on start, with the same key, and got the recorded booking back.
  expect(keys).toEqual([booked.key]);
  const view = await engine.view(ready.id);
  expect(view.status).toBe('completed');
  expect(view.outcome?.text).toContain(booked.booking.booking);
  expect(await engine.shared.calendar.bookings(booked.booking.location, booked.booking.beginn.slice(0, 10))).toHaveLength(1);
  const exported = await engine.exportSession(ready.id);
  expect(exported.chain).toMatchObject({ ok: true });
  expect(exported.events.filter((e) => e.type === 'effect.result')).toHaveLength(1);
  expect(exported.events[booked.lastSeq].type).toBe('effect.result');
}, 60_000);

/** Starts the loop child and kills it with SIGKILL `afterMs` after it reported its start. */
function killLoopAfter(dataDir: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'crash-loop-child.fixture.ts'), dataDir], {
      cwd: join(__dirname, '..', '..'), env: { ...process.env, AMTSWEG_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`loop child ended with ${code}: ${err.slice(0, 2000)}`))));
  });
}

test('kill -9 at arbitrary points: every session consistent, no booking twice', async () => {
  for (const ms of [900, 1500, 600]) await killLoopAfter(dir, ms);
  engine = await createEmbeddedEngine({ dataDir: dir, today: '2026-11-20', scheduler: false, services: [fixtureService()] });
  const ids = (engine.db.prepare('SELECT id, last_seq FROM sessions').all() as { id: string; last_seq: number }[]);
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const bookings = sharedRows<{ booking: string; key: string }>(engine, "SELECT booking, idempotency_key AS key FROM calendar_bookings WHERE status = 'booked'");
  let completed = 0;
  for (const { id, last_seq } of ids) {
    const exported = await engine.exportSession(id);
    expect(exported.chain).toEqual({ ok: true, length: last_seq });
    expect(exported.effects.filter((e) => e.status === 'pending')).toEqual([]);
    const mine = bookings.filter((b) => b.key.startsWith(id));
    expect(mine.length).toBeLessThanOrEqual(1);
    const view = await engine.view(id);
    if (view.status === 'completed') {
      completed++;
      const result = exported.effects.find((e) => e.kind === 'action')?.result as { booking: string };
      expect(mine.map((b) => b.booking)).toEqual([result.booking]);
    }
  }
  expect(completed).toBeGreaterThan(0);
  expect(bookings.length).toBe(completed);
}, 90_000);
