/**
 * Two engine processes with SEPARATE data folders (as on two machines) and one real PostgreSQL:
 * 50 concurrent bookings of one desk and day give no double booking; a booking made by one is
 * cancelled through the other; a confirmation queued by one is delivered by a `serve` process
 * (a third data folder, same database) to a loopback SMTP sink.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { isTo, startTestRelay, type TestRelay } from '../../channels/email/sink.fixture';
import { createTestDatabase } from '../postgres/server';

const ROOT = resolve(__dirname, '..', '..');
const TODAY = '2026-11-23';
const MASTER_KEY = randomBytes(32).toString('base64');

interface Child { proc: ChildProcessWithoutNullStreams; ask(cmd: unknown): Promise<Record<string, unknown>>; stop(): Promise<void> }

function startChild(dataDir: string, databaseUrl: string): Promise<Child> {
  const proc = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'engine-child.fixture.ts')], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TODAY, AMTSWEG_MASTER_KEY: MASTER_KEY, AMTSWEG_LOG_LEVEL: 'error' },
  });
  let buf = '';
  let stderr = '';
  const waiting: ((o: Record<string, unknown>) => void)[] = [];
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.startsWith('{')) waiting.shift()?.(JSON.parse(line) as Record<string, unknown>);
    }
  });
  const next = () => new Promise<Record<string, unknown>>((res, rej) => {
    waiting.push(res);
    proc.once('exit', (code) => rej(new Error(`engine child exited with ${code}: ${stderr.slice(-2000)}`)));
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return next().then((ready) => {
    expect(String(ready.ready)).toMatch(/^postgres:\/\//);
    return {
      proc,
      ask(cmd) { const p = next(); proc.stdin.write(`${JSON.stringify(cmd)}\n`); return p; },
      async stop() { proc.stdin.end(); await exited; },
    };
  });
}

type Booking = { booking: string; location: string; beginn: string; ende: string };

describe('two engines on two data folders, one PostgreSQL', () => {
  const dirs: string[] = [];
  let url: string;
  let a: Child;
  let b: Child;
  const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'amtsweg-2p-')); dirs.push(d); return d; };

  beforeAll(async () => {
    url = await createTestDatabase('twoproc');
    [a, b] = await Promise.all([startChild(tempDir(), url), startChild(tempDir(), url)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('50 concurrent bookings of one desk and day (25 per process) never overlap; either process cancels', async () => {
    const [ra, rb] = await Promise.all([
      a.ask({ book: { n: 25, prefix: 'a', location: 'horst', date: TODAY } }),
      b.ask({ book: { n: 25, prefix: 'b', location: 'horst', date: TODAY } }),
    ]);
    const all = [...(ra.booked as Booking[]), ...(rb.booked as Booking[])];
    expect(all).toHaveLength(50);
    expect(new Set(all.map((x) => x.booking)).size).toBe(50);
    expect(new Set(all.map((x) => x.beginn)).size).toBe(50);
    // What the database holds, read on a connection of its own: one desk, no two bookings overlapping.
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const rows = (await pg.query("SELECT date, start_min, end_min, desk FROM calendar_bookings WHERE location = 'horst' AND status = 'booked' ORDER BY date, desk, start_min")).rows as
        { date: string; start_min: number; end_min: number; desk: number }[];
      expect(rows).toHaveLength(50);
      for (let i = 1; i < rows.length; i++) {
        if (rows[i].date === rows[i - 1].date && rows[i].desk === rows[i - 1].desk) expect(rows[i].start_min).toBeGreaterThanOrEqual(rows[i - 1].end_min);
      }
      const units = (await pg.query("SELECT COUNT(*)::int AS n FROM calendar_occupancy WHERE location = 'horst'")).rows[0] as { n: number };
      expect(units.n).toBe(50 * 2); // 10 minutes each = two 5-minute units
    } finally {
      await pg.end();
    }

    // A booking of process A, cancelled through process B; then A cannot cancel it again, and its slot is free for B.
    const victim = (ra.booked as Booking[])[3];
    expect((await b.ask({ cancel: victim.booking })).cancelled).toMatchObject({ cancelled: true, booking: victim.booking, beginn: victim.beginn });
    expect((await a.ask({ cancel: victim.booking })).cancelled).toEqual({ cancelled: false, reason: 'already_cancelled' });
    const again = (await b.ask({ book: { n: 1, prefix: 'b-again', location: 'horst', date: TODAY } })).booked as Booking[];
    expect(again[0].beginn).toBe(victim.beginn);
  }, 120_000);

  test('a confirmation queued by one engine is delivered by a serve process on a third data folder', async () => {
    let relay: TestRelay | undefined;
    let serve: ReturnType<typeof spawn> | undefined;
    try {
      relay = await startTestRelay(0);
      const booked = ((await a.ask({ book: { n: 1, prefix: 'mail', location: 'buer', date: TODAY } })).booked as Booking[])[0];
      expect((await a.ask({ notify: { key: 's_mail/confirm', to: 'erika.zweite@example.org', data: { booking: booked.booking, beginn: booked.beginn, ort: 'Buer' } } })).queued)
        .toEqual({ queued: 's_mail/confirm' });
      const data = tempDir();
      serve = spawn(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), 'serve', '--port', '0', '--definitions', join('test', 'fixtures', 'definitions', 'valid'), '--data', data, '--database', url], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env, AMTSWEG_MASTER_KEY: MASTER_KEY, AMTSWEG_LOG_LEVEL: 'warn', AMTSWEG_SMTP_RELAY: `smtp://127.0.0.1:${relay.port}`,
          AMTSWEG_EMAIL_ADDRESS: 'buergerservice@stadt.example', AMTSWEG_SMTP_PORT: '0', AMTSWEG_DATABASE_URL: '',
        },
      });
      let out = '';
      serve.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
      serve.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
      const mail = await relay.waitFor(isTo('erika.zweite@example.org'), 60_000).catch((e: Error) => { throw new Error(`${e.message}; serve said: ${out.slice(-3000)}`); });
      expect(mail.subject).toContain(booked.booking);
      expect(mail.text).toContain('BÜRGERcenter Buer');
      expect(out).toMatch(/store postgres:\/\/amtsweg@127\.0\.0\.1:\d+\/twoproc_/);
      // Settled once, in the shared outbox: sent.
      const pg = new Client({ connectionString: url });
      await pg.connect();
      try {
        for (let i = 0; i < 50; i++) {
          const row = (await pg.query("SELECT status FROM outbox WHERE id = 's_mail/confirm'")).rows[0] as { status: string };
          if (row.status === 'sent') break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect((await pg.query("SELECT status, attempts FROM outbox WHERE id = 's_mail/confirm'")).rows).toEqual([{ status: 'sent', attempts: 1 }]);
      } finally {
        await pg.end();
      }
      expect(relay.mails.filter(isTo('erika.zweite@example.org'))).toHaveLength(1);
    } finally {
      if (serve && serve.exitCode === null) {
        const exited = new Promise((r) => serve!.once('exit', r));
        serve.kill('SIGTERM');
        await exited;
      }
      await relay?.close();
    }
  }, 120_000);
});
