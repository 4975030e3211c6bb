/**
 * Two e-mail receivers on one shared store (two `serve`s reading one mailbox): one Message-ID is
 * handled by exactly one of them. And a confirmed first mail is kept until its conversation has
 * started: when the start fails (451), the sender's retry of the same reply starts it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { startEmailChannel, type EmailChannel } from '../../channels/email';
import { EngineUnavailableError } from '../../host/errors';
import type { Engine } from '../../host/types';
import { SERVICE, toAddr } from './email-stack';
import { startStack, type Stack } from './harness';
import { startSink, type Sink } from './smtp-sink';

jest.setTimeout(60_000);

let sink: Sink;
let stack: Stack;
let a: EmailChannel;
let b: EmailChannel;
const logsA: Record<string, unknown>[] = [];
const logsB: Record<string, unknown>[] = [];
let failNextStart = false;
/** While set, channel B's next session start waits for it (B is mid-way through a mail). */
let holdB: { entered: () => void; release: Promise<void> } | undefined;

beforeAll(async () => {
  sink = await startSink();
  stack = await startStack({});
  // Channel A's engine is the real one, except that one session start can be made to fail as an outage would.
  const flaky = new Proxy(stack.engine, {
    get(target, prop) {
      if (prop === 'createSession') {
        return async (input: Parameters<Engine['createSession']>[0]) => {
          if (failNextStart) { failNextStart = false; throw new EngineUnavailableError('no worker accepted the new session within 5 s.'); }
          return target.createSession(input);
        };
      }
      const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  }) as typeof stack.engine;
  const slowB = new Proxy(stack.engine, {
    get(target, prop) {
      if (prop === 'createSession') {
        return async (input: Parameters<Engine['createSession']>[0]) => {
          const hold = holdB;
          holdB = undefined;
          if (hold) { hold.entered(); await hold.release; }
          return target.createSession(input);
        };
      }
      const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  }) as typeof stack.engine;
  const common = {
    smtp: { port: 0, host: '127.0.0.1' }, relay: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    address: SERVICE, defaultService: 'terminvereinbarung', dataDir: stack.dir,
  };
  [a, b] = await Promise.all([
    startEmailChannel({ ...common, engine: flaky, log: (l) => logsA.push(l) }),
    startEmailChannel({ ...common, engine: slowB, log: (l) => logsB.push(l) }),
  ]);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await stack?.stop();
  await sink?.close();
});

async function sendVia(channel: EmailChannel, mail: Record<string, unknown>): Promise<string> {
  const t = createTransport({ host: '127.0.0.1', port: channel.port, secure: false, ignoreTLS: true });
  try {
    return (await t.sendMail({ to: SERVICE, ...mail })).messageId;
  } finally {
    t.close();
  }
}

const heldChallenges = (): number => {
  const db = new Database(join(stack.dir, 'store.db'), { readonly: true });
  try { return (db.prepare("SELECT count(*) AS n FROM address_challenges WHERE lane LIKE 'confirm:%'").get() as { n: number }).n; } finally { db.close(); }
};

test('one Message-ID delivered to both receivers is handled once', async () => {
  const before = heldChallenges();
  const mail = { from: 'anna@example.org', subject: 'Termin', text: 'Ich brauche einen Termin für meinen Reisepass', messageId: '<same-mail-1@example.org>' };
  await Promise.all([sendVia(a, mail), sendVia(b, mail)]);
  expect(heldChallenges()).toBe(before + 1);
  const ask = await sink.waitFor((m: ParsedMail) => toAddr('anna@example.org')(m) && m.inReplyTo === '<same-mail-1@example.org>');
  // The reply reaches B, and while B is still starting the conversation, the same reply reaches A.
  const reply = { from: 'anna@example.org', subject: `Re: ${ask.subject}`, text: 'Ja, das bin ich.', inReplyTo: ask.messageId, references: ['<same-mail-1@example.org>', ask.messageId!], messageId: '<anna-reply-1@example.org>' };
  let entered!: () => void;
  const inside = new Promise<void>((r) => { entered = r; });
  let release!: () => void;
  holdB = { entered, release: new Promise<void>((r) => { release = r; }) };
  const viaB = sendVia(b, reply);
  await inside;
  await sendVia(a, reply);
  release();
  await viaB;
  expect(logsA.filter((l) => l.reason === 'claimed_elsewhere')).toHaveLength(1);
  const answer = await sink.waitFor((m: ParsedMail) => toAddr('anna@example.org')(m) && m.inReplyTo === '<anna-reply-1@example.org>');
  expect(answer.text).toMatch(/E-Mail-Adresse ist bestätigt/);
  // A did not take the reply for a new request (no second code), and it was answered once.
  expect(sink.mails.filter((m: ParsedMail) => toAddr('anna@example.org')(m) && m.subject === 'Bitte bestätigen Sie Ihre E-Mail-Adresse')).toHaveLength(1);
  expect(sink.mails.filter((m: ParsedMail) => toAddr('anna@example.org')(m) && m.inReplyTo === '<anna-reply-1@example.org>')).toHaveLength(1);
});

test('a confirmed first mail survives a failed start: the retry of the same reply starts the conversation', async () => {
  const first = await sendVia(a, { from: 'ben@example.org', subject: 'Termin', text: 'Ich brauche einen Termin für meinen Personalausweis' });
  const ask = await sink.waitFor((m: ParsedMail) => toAddr('ben@example.org')(m) && m.inReplyTo === first);
  const reply = { from: 'ben@example.org', subject: `Re: ${ask.subject}`, text: 'Ja, das bin ich.', inReplyTo: ask.messageId, references: [first, ask.messageId!], messageId: '<ben-reply-1@example.org>' };
  failNextStart = true;
  const refused = await sendVia(a, reply).catch((e: { responseCode?: number }) => e);
  expect(refused).toMatchObject({ responseCode: 451 });
  // The sending server retries the same message (same Message-ID) later, through either receiver.
  await sendVia(b, reply);
  const answer = await sink.waitFor((m: ParsedMail) => toAddr('ben@example.org')(m) && m.inReplyTo === '<ben-reply-1@example.org>');
  expect(answer.text).toMatch(/E-Mail-Adresse ist bestätigt/);
  expect(sink.mails.filter((m: ParsedMail) => toAddr('ben@example.org')(m) && m.subject === 'Bitte bestätigen Sie Ihre E-Mail-Adresse')).toHaveLength(1);
});
