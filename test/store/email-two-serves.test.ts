/**
 * Two `serve` processes with separate data folders, one PostgreSQL and the Temporal dev server
 * (issue 10: e-mail threads are shared state): a thread serve A started is continued by a mail
 * that reaches serve B, exactly one reply goes out for each mail (loopback SMTP sink), and a mail
 * from another sender into that thread is still the intruder's own new request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { freePort, isTo, startTestRelay, type TestRelay } from '../../channels/email/sink.fixture';
import { randomKeyRing } from '../../host/temporal/codec';
import { startWorker, type RunningWorker } from '../../host/temporal/worker';
import { createTestDatabase } from '../postgres/server';
import { testTemporalAddress } from '../temporal/server';

const ROOT = resolve(__dirname, '..', '..');
const SERVICE = 'buergerservice@stadt.example';
const CITIZEN = 'erika.zwei@example.org';
const INTRUDER = 'mallory@example.net';
const TODAY = '2026-11-26';

let temporaryFailures = 0;

interface Serve { proc: ChildProcess; smtp: number; out: () => string }

async function startServe(dataDir: string, env: NodeJS.ProcessEnv): Promise<Serve> {
  const smtp = await freePort();
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), 'serve', '--port', '0', '--data', dataDir, '--engine', 'temporal', '--today', TODAY], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, AMTSWEG_SMTP_PORT: String(smtp) },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  await new Promise<void>((res, rej) => {
    const t = setInterval(() => { if (/amtsweg serves \d+ service/.test(out)) { clearInterval(t); res(); } }, 100);
    proc.once('exit', (code) => { clearInterval(t); rej(new Error(`serve exited with ${code}: ${out.slice(-3000)}`)); });
  });
  return { proc, smtp, out: () => out };
}

async function stop(s: Serve | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await exited;
}

async function mail(port: number, m: { from: string; text: string; subject?: string; inReplyTo?: string; references?: string[] }): Promise<string> {
  const t = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const messageId = `<${randomUUID()}@example.org>`;
  try {
    // As a real mail server does, a 4xx (busy machine) is retried with the same Message-ID.
    for (let attempt = 1; ; attempt++) {
      try {
        await t.sendMail({ from: m.from, to: SERVICE, subject: m.subject ?? 'Re: Termin', text: m.text, inReplyTo: m.inReplyTo, references: m.references, messageId });
        return messageId;
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode ?? 0;
        if (attempt >= 4 || code < 400 || code >= 500) throw err;
        temporaryFailures++;
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  } finally {
    t.close();
  }
}

describe('e-mail threads across two serve processes (separate data folders, one PostgreSQL, Temporal)', () => {
  const dirs: string[] = [];
  const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'amtsweg-2serve-')); dirs.push(d); return d; };
  let url: string;
  let relay: TestRelay;
  let worker: RunningWorker;
  let a: Serve;
  let b: Serve;

  beforeAll(async () => {
    const address = await testTemporalAddress();
    url = await createTestDatabase('email2');
    relay = await startTestRelay(0);
    const ring = randomKeyRing('k2');
    const taskQueue = `email2-${randomUUID()}`;
    worker = await startWorker({ address, taskQueue, dataDir: tempDir(), keyRing: ring, today: TODAY, databaseUrl: url, log: () => {} });
    const env = {
      AMTSWEG_DATABASE_URL: url, AMTSWEG_LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, AMTSWEG_TEMPORAL_ACCEPT_MS: '60000',
      AMTSWEG_TEMPORAL_KEYS: JSON.stringify({ k2: ring.keys.k2.toString('base64') }), AMTSWEG_TEMPORAL_KEY_ID: 'k2',
      AMTSWEG_EMAIL_KEY: randomBytes(32).toString('base64'), AMTSWEG_MASTER_KEY: '',
      AMTSWEG_SMTP_RELAY: `smtp://127.0.0.1:${relay.port}`, AMTSWEG_EMAIL_ADDRESS: SERVICE, AMTSWEG_EMAIL_SERVICE: 'terminvereinbarung',
    };
    [a, b] = await Promise.all([startServe(tempDir(), env), startServe(tempDir(), env)]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await worker?.shutdown();
    await relay?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Waits until every reply row in the shared outbox is settled, then counts the mails to `to`. */
  async function settledMailsTo(to: string): Promise<ParsedMail[]> {
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const open = (await pg.query("SELECT COUNT(*)::int AS n FROM outbox WHERE status IN ('queued', 'sending')")).rows[0] as { n: number };
        if (open.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await pg.end();
    }
    return relay.mails.filter(isTo(to));
  }

  test('A starts the thread, B continues it with exactly one reply; an intruder in the thread gets only a code of its own', async () => {
    const first = await mail(a.smtp, { from: CITIZEN, subject: 'Termin', text: 'Ich brauche einen Termin für meinen Personalausweis' });
    const confirm = await relay.waitFor((m) => isTo(CITIZEN)(m) && m.inReplyTo === first, 60_000);
    const code = /\d{4}-\d{4}/.exec(confirm.text ?? '')?.[0];
    expect(code).toBeDefined();
    // Confirmed through A: A starts the conversation and answers in the thread.
    const confirmed = await mail(a.smtp, { from: CITIZEN, text: `Code ${code}`, inReplyTo: confirm.messageId, references: [first, confirm.messageId!] });
    const replyA = await relay.waitFor((m) => isTo(CITIZEN)(m) && m.inReplyTo === confirmed, 60_000);
    // The router picks the service from the first mail: Personalausweis, asking for the reason.
    expect(replyA.text).toMatch(/Warum brauchen Sie einen neuen Ausweis/);

    // The citizen answers A's reply, but the mail reaches B (another machine behind the MX).
    const answer = await mail(b.smtp, { from: CITIZEN, text: 'Mein alter Ausweis läuft ab', inReplyTo: replyA.messageId, references: [first, confirmed, replyA.messageId!] });
    const replyB = await relay.waitFor((m) => isTo(CITIZEN)(m) && m.inReplyTo === answer, 60_000);
    expect(replyB.text).toMatch(/Geburtsdatum/);
    expect(String(replyB.references)).toContain(replyA.messageId);
    expect(replyB.subject).toBe(replyA.subject);
    const toCitizen = await settledMailsTo(CITIZEN);
    // confirmation request, A's reply, B's reply: one each, nothing twice.
    expect(toCitizen.map((m) => m.inReplyTo)).toEqual([first, confirmed, answer]);

    // Another sender who knows the thread's ids writes into it through B: its own new request.
    const hijack = await mail(b.smtp, { from: INTRUDER, text: '01.01.1950', inReplyTo: replyB.messageId, references: [first, replyA.messageId!, replyB.messageId!] });
    const toIntruder = await relay.waitFor((m) => isTo(INTRUDER)(m) && m.inReplyTo === hijack, 60_000);
    expect(toIntruder.text).toMatch(/Code \d{4}-\d{4}/);
    expect(toIntruder.text).not.toMatch(/Geburtsdatum|Ausweis|Erika/);
    expect(await settledMailsTo(INTRUDER)).toHaveLength(1);
    expect((await settledMailsTo(CITIZEN)).length).toBe(3);

    // The citizen's thread is untouched: her next answer (through A again) goes on from the birth date question.
    const next = await mail(a.smtp, { from: CITIZEN, text: 'Ich bin am 12.05.1980 geboren', inReplyTo: replyB.messageId, references: [first, replyA.messageId!, replyB.messageId!] });
    const replyNext = await relay.waitFor((m) => isTo(CITIZEN)(m) && m.inReplyTo === next, 60_000);
    expect(replyNext.text).not.toMatch(/Geburtsdatum\?/);
    expect(replyNext.text).toContain('12. Mai 1980 verstanden');
    expect(a.out() + b.out()).not.toContain(CITIZEN);
    if (temporaryFailures) process.stderr.write(`email-two-serves: ${temporaryFailures} temporary refusal(s) retried; serve logs: ${(a.out() + b.out()).slice(-2000)}\n`);
  }, 240_000);
});
