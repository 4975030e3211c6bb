/**
 * Attacks on the e-mail channel's identity (issue 12): a thread hijack by whoever knows a
 * Message-ID (a CC is enough), a forged sender the receiving server flagged, a bomb with rotating
 * forged senders. Each must fail, and the real citizen's conversation must go on unharmed.
 */
import type { ParsedMail } from 'mailparser';
import { BOOKING_SCRIPT } from './harness';
import { createTransport } from 'nodemailer';
import { refsOf, SERVICE, startEmailStack, toAddr, type EmailStack } from './email-stack';

const ERIKA = 'erika@example.org';
const MALLORY = 'mallory@evil.example';
let env: EmailStack;
beforeAll(async () => { env = await startEmailStack(); });
afterAll(async () => { await env.stop(); });
const send = (mail: Record<string, unknown>) => env.send(mail);
const mailsTo = (addr: string) => env.sink.mails.filter(toAddr(addr));

async function erikaSession(): Promise<string> {
  const row = env.stack.engine.db.prepare("SELECT id FROM sessions WHERE channel = 'email' ORDER BY created_at LIMIT 1").get() as { id: string };
  return row.id;
}
const userTurns = async (id: string) => (await env.stack.engine.view(id)).transcript.filter((m) => m.role === 'citizen').length;
const emailSessions = () => (env.stack.engine.db.prepare("SELECT count(*) AS n FROM sessions WHERE channel = 'email'").get() as { n: number }).n;

let firstId = '';
let lastReply: ParsedMail;

test('Erika, with Mallory in CC, reaches the read-back of her booking', async () => {
  firstId = await send({ from: ERIKA, cc: MALLORY, subject: 'Termin', text: BOOKING_SCRIPT[0] });
  const ask = await env.sink.waitFor((m) => toAddr(ERIKA)(m) && m.inReplyTo === firstId);
  expect(ask.text).not.toMatch(/Personalausweis/); // a confirmation request quotes nothing
  const code = /\b(\d{4}-\d{4})\b/.exec(ask.text ?? '')![1];
  // Confirmed by the code alone (a client that drops In-Reply-To).
  const c = await send({ from: ERIKA, subject: 'Bestätigung', text: `Mein Code: ${code}` });
  lastReply = await env.sink.waitFor((m) => toAddr(ERIKA)(m) && m.inReplyTo === c);
  for (const answer of BOOKING_SCRIPT.slice(1, 7)) {
    const id = await send({ from: ERIKA, subject: 'Re: Termin', text: answer, inReplyTo: lastReply.messageId, references: refsOf(lastReply) });
    lastReply = await env.sink.waitFor((m) => toAddr(ERIKA)(m) && m.inReplyTo === id);
  }
  expect(lastReply.text).toMatch(/Erika Mustermann/);
});

describe('a hijack of her thread fails', () => {
  test.each([
    ['with the Message-ID from the CC', () => ({ inReplyTo: firstId, references: [firstId] })],
    ['with the Message-ID of our last reply', () => ({ inReplyTo: lastReply.messageId, references: refsOf(lastReply) })],
  ])('Mallory answers "ja" %s: a request of her own, nothing of Erika', async (_name, headers) => {
    const id = await send({ from: MALLORY, subject: 'Re: Termin', text: 'ja', ...headers() });
    const answer = await env.sink.waitFor((m) => toAddr(MALLORY)(m) && m.inReplyTo === id);
    expect(answer.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    for (const m of mailsTo(MALLORY)) expect(`${m.subject} ${m.text}`).not.toMatch(/Erika|Mustermann|erika\.mustermann|Buer|Termin/);
    expect(await userTurns(await erikaSession())).toBe(7);
  });

  test('Mallory confirms her own address: her "ja" opens her own session, not Erika\'s', async () => {
    const before = emailSessions();
    const ask = mailsTo(MALLORY).at(-1)!;
    const id = await send({ from: MALLORY, subject: 'Re: x', text: 'ok', inReplyTo: ask.messageId, references: refsOf(ask) });
    const reply = await env.sink.waitFor((m) => toAddr(MALLORY)(m) && m.inReplyTo === id);
    expect(reply.text).not.toMatch(/Erika|Mustermann/);
    expect(emailSessions()).toBe(before + 1);
    expect(await userTurns(await erikaSession())).toBe(7);
  });

  test('a forged From: Erika that the receiving server failed (DMARC) is refused', async () => {
    await expect(send({
      from: ERIKA, subject: 'Re: Termin', text: 'ja', inReplyTo: lastReply.messageId, references: refsOf(lastReply),
      headers: { 'Authentication-Results': 'mx.stadt.example; spf=fail smtp.mailfrom=example.org; dmarc=fail header.from=example.org' },
    })).rejects.toMatchObject({ responseCode: 550 });
    expect(await userTurns(await erikaSession())).toBe(7);
  });
});

test('200 mails from 200 forged senders open no session and send few mails to them', async () => {
  const before = emailSessions();
  const sentBefore = env.sink.mails.length;
  const t = createTransport({ host: '127.0.0.1', port: env.channel.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 2, maxMessages: Infinity });
  const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) =>
    t.sendMail({ from: `opfer${i}@domain${i}.example`, to: SERVICE, subject: 'Kunde, Ihr Konto wird gesperrt', text: 'Termin bitte http://evil.example/login' })));
  t.close();
  await env.channel.flush();
  expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(150);
  expect(emailSessions()).toBe(before);
  const backscatter = env.sink.mails.slice(sentBefore).filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address?.startsWith('opfer'))));
  expect(backscatter.length).toBeLessThanOrEqual(30);
  for (const m of backscatter) expect(`${m.subject} ${m.text}`).not.toMatch(/gesperrt|evil/);
});

test('Erika finishes her booking after all of it', async () => {
  let reply = lastReply;
  for (const answer of BOOKING_SCRIPT.slice(7)) {
    const id = await send({ from: ERIKA, subject: 'Re: Termin', text: answer, inReplyTo: reply.messageId, references: refsOf(reply) });
    reply = await env.sink.waitFor((m) => toAddr(ERIKA)(m) && m.inReplyTo === id);
  }
  expect(reply.text).toMatch(/Ihr Termin ist gebucht/);
});
