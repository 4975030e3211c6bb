/**
 * Variants of the e-mail attacks of issue 12 that the identity test does not repeat: a forged
 * From with the citizen's own address in a thread whose mails came authenticated, a participant
 * in CC who answers with the References of our replies, and a bomb of rotating addresses of one
 * domain over fresh connections. Each fails; the citizen's conversation goes on.
 */
import type { ParsedMail } from 'mailparser';
import { BOOKING_SCRIPT } from './harness';
import { refsOf, startEmailStack, toAddr, type EmailStack } from './email-stack';

const HANS = 'hans@example.net';
const EVE = 'eve@evil.example';
const PASS = { 'Authentication-Results': 'mx.stadt.example; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net' };
let env: EmailStack;
beforeAll(async () => { env = await startEmailStack(); });
afterAll(async () => { await env.stop(); });
const send = (mail: Record<string, unknown>) => env.send(mail);
const sessionOfHans = () => (env.stack.engine.db.prepare("SELECT id FROM sessions WHERE channel = 'email' ORDER BY created_at LIMIT 1").get() as { id: string }).id;
const citizenTurns = async () => (await env.stack.engine.view(sessionOfHans())).transcript.filter((m) => m.role === 'citizen').length;
const emailSessions = () => (env.stack.engine.db.prepare("SELECT count(*) AS n FROM sessions WHERE channel = 'email'").get() as { n: number }).n;

let last: ParsedMail;

test('Hans, authenticated by the receiving server, with Eve in CC, reaches the read-back', async () => {
  const first = await send({ from: HANS, cc: EVE, subject: 'Termin', text: BOOKING_SCRIPT[0], headers: PASS });
  const ask = await env.sink.waitFor((m) => toAddr(HANS)(m) && m.inReplyTo === first);
  const code = /\b(\d{4}-\d{4})\b/.exec(ask.text ?? '')![1];
  const c = await send({ from: HANS, subject: 'Re: Termin', text: `Code ${code}`, inReplyTo: ask.messageId, references: refsOf(ask), headers: PASS });
  last = await env.sink.waitFor((m) => toAddr(HANS)(m) && m.inReplyTo === c);
  for (const answer of BOOKING_SCRIPT.slice(1, 7)) {
    const id = await send({ from: HANS, subject: 'Re: Termin', text: answer, inReplyTo: last.messageId, references: refsOf(last), headers: PASS });
    last = await env.sink.waitFor((m) => toAddr(HANS)(m) && m.inReplyTo === id);
  }
  expect(last.text).toMatch(/Erika Mustermann/);
  expect(await citizenTurns()).toBe(7);
});

test('a forged From: Hans without the receiving server\'s verdict (sent around it) does not answer for him', async () => {
  const sessions = emailSessions();
  const id = await send({ from: HANS, subject: 'Re: Termin', text: 'ja', inReplyTo: last.messageId, references: refsOf(last) });
  // Treated as a new request of that address: a code to Hans' real mailbox, nothing of his case.
  const answer = await env.sink.waitFor((m) => toAddr(HANS)(m) && m.inReplyTo === id);
  expect(answer.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
  expect(answer.text).not.toMatch(/Erika|Mustermann|Buer/);
  expect(await citizenTurns()).toBe(7);
  expect(emailSessions()).toBe(sessions);
});

test('Eve, in CC of Hans\' reply-all, answers with our Message-IDs: her own request, nothing of his', async () => {
  const id = await send({ from: EVE, subject: 'Re: Termin', text: 'ja, bitte buchen', inReplyTo: last.messageId, references: refsOf(last), headers: {
    'Authentication-Results': 'mx.stadt.example; dmarc=pass header.from=evil.example',
  } });
  const answer = await env.sink.waitFor((m) => toAddr(EVE)(m) && m.inReplyTo === id);
  expect(answer.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
  for (const m of env.sink.mails.filter(toAddr(EVE))) expect(`${m.subject} ${m.text}`).not.toMatch(/Erika|Mustermann|Buer|hans@/);
  expect(await citizenTurns()).toBe(7);
});

test('60 rotating addresses of one domain, one connection each: at most 10 confirmation mails to it, no session', async () => {
  const sessions = emailSessions();
  const sent = env.sink.mails.length;
  const results: PromiseSettledResult<string>[] = [];
  for (let i = 0; i < 60; i++) {
    results.push(...await Promise.allSettled([send({ from: `kunde${i}@opfer.example`, subject: 'Ihr Konto', text: 'Termin bitte http://evil.example/login' })]));
  }
  await env.channel.flush();
  expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(50);
  const toDomain = env.sink.mails.slice(sent).filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address?.endsWith('@opfer.example'))));
  expect(toDomain.length).toBeLessThanOrEqual(10);
  for (const m of toDomain) expect(`${m.subject} ${m.text}`).not.toMatch(/Konto|evil/);
  expect(emailSessions()).toBe(sessions);
});

test('Hans, authenticated, finishes his booking after all of it', async () => {
  let reply = last;
  for (const answer of BOOKING_SCRIPT.slice(7)) {
    const id = await send({ from: HANS, subject: 'Re: Termin', text: answer, inReplyTo: reply.messageId, references: refsOf(reply), headers: PASS });
    reply = await env.sink.waitFor((m) => toAddr(HANS)(m) && m.inReplyTo === id);
  }
  expect(reply.text).toMatch(/Ihr Termin ist gebucht/);
});
