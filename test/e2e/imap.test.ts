/**
 * E-mail as a city runs it: citizens' mails land in an existing mailbox on a real IMAP server
 * (Dovecot, loopback), amtsweg watches it (IDLE), feeds each mail through the one inbound pipeline
 * (identity checks and address confirmation included), answers in the thread through the relay,
 * and moves the mail to the done folder (refused ones to the refused folder). "Mensch" reaches a
 * person; the case worker's answer goes out signed by the office, not as AI output.
 */
import { ImapFlow } from 'imapflow';
import type { ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { startEmailChannel, startImapPoller, type EmailChannel, type ImapPoller } from '../../channels/email';
import { testImapServer, type ImapServer } from '../imap/server';
import { http, STAFF_TOKEN, startStack, type Stack } from './harness';
import { startSink, type Sink } from './smtp-sink';

const SERVICE = 'buergerservice@stadt.example';
let stack: Stack;
let sink: Sink;
let channel: EmailChannel;
let poller: ImapPoller;
let imap: ImapServer;
let city: ImapFlow; // the city's mail server delivering into the mailbox
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  imap = await testImapServer();
  sink = await startSink();
  stack = await startStack();
  channel = await startEmailChannel({
    engine: stack.engine, smtp: { port: 0, host: '127.0.0.1' },
    relay: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    address: SERVICE, defaultService: 'terminvereinbarung', dataDir: stack.dir, office: 'Bürgerservice Gelsenkirchen',
    log: (l) => logs.push(l),
  });
  city = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await city.connect();
  poller = await startImapPoller(channel, { host: imap.host, port: imap.port, secure: false, user: imap.user, password: imap.password, pollMs: 60_000, log: (l) => logs.push(l) });
}, 600_000);
afterAll(async () => {
  if (process.env.IMAP_DEBUG) console.log(JSON.stringify(sink.mails.map((m) => ({ to: m.to, irt: m.inReplyTo, s: m.subject })), null, 1));
  await poller?.stop();
  await city?.logout().catch(() => undefined);
  await channel?.stop();
  await stack?.stop();
  await sink?.close();
});

const to = (addr: string) => (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === addr));
let n = 0;

/** Delivers a mail into the watched mailbox, as the city's mail server would. */
async function deliver(mail: { from: string; subject: string; text: string; inReplyTo?: string; references?: string[] }): Promise<string> {
  const messageId = `<imap-test-${++n}-${Date.now()}@example.org>`;
  const raw = await new MailComposer({ ...mail, to: SERVICE, messageId }).compile().build();
  await city.append('INBOX', raw);
  return messageId;
}

async function reply(from: string, last: ParsedMail, text: string): Promise<ParsedMail> {
  const refs = [...(Array.isArray(last.references) ? last.references : last.references ? [last.references] : []), last.messageId!];
  const id = await deliver({ from, subject: `Re: ${last.subject}`, text: `${text}\n\nAm 26.11.2026 schrieb Bürgerservice:\n> ${(last.text ?? '').split('\n')[0]}`, inReplyTo: last.messageId, references: refs });
  return sink.waitFor((m) => to(from)(m) && m.inReplyTo === id, 20_000);
}

async function folderCount(path: string): Promise<number> {
  const s = await city.status(path, { messages: true });
  return s ? s.messages ?? 0 : 0;
}

test('a mail put into the mailbox is answered in its thread and moved to the done folder', async () => {
  expect(poller.idle).toBe(true);
  const from = 'erika.imap@example.org';
  const first = await deliver({ from, subject: 'Termin', text: 'Ich brauche einen Termin für meinen Personalausweis.' });
  const ask = await sink.waitFor((m) => to(from)(m) && m.inReplyTo === first, 20_000);
  expect(ask.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
  const answer = await reply(from, ask, 'Ja, das bin ich.');
  expect(answer.subject).toBe('Re: Termin');
  expect(answer.text).toMatch(/BÜRGERcenter/);
  expect(answer.references).toEqual(expect.arrayContaining([first]));
  expect(answer.text).toMatch(/„Mensch“ oder „Mitarbeiter“/);

  const next = await reply(from, answer, 'Buer');
  expect(next.text).toMatch(/Ab welchem Tag/);
  expect(next.inReplyTo).toBeDefined();

  // "Mensch", as the footer says, reaches a person; the case worker's answer is signed by the office.
  const human = await reply(from, next, 'Mensch');
  expect(human.text).toMatch(/Mitarbeiterin oder einen Mitarbeiter weiter/);
  const [mailCase] = (await stack.engine.listCases({ status: 'handoff' })).filter((c) => c.channel === 'email');
  const auth = { Authorization: `Bearer ${STAFF_TOKEN}` };
  await http(`${stack.url}/desk/api/cases/${mailCase.id}/take`, 'POST', {}, auth);
  await http(`${stack.url}/desk/api/cases/${mailCase.id}/answer`, 'POST', { text: 'Ich habe Ihnen Freitag, 10 Uhr, in Buer reserviert.' }, auth);
  const staff = await sink.waitFor((m) => to(from)(m) && /Freitag, 10 Uhr/.test(m.text ?? ''), 20_000);
  expect(staff.text).toMatch(/Freitag, 10 Uhr, in Buer reserviert\.\n\nMit freundlichen Grüßen\nIhr Bürgerservice Gelsenkirchen/);
  expect(staff.text).toMatch(/hat eine Mitarbeiterin oder ein Mitarbeiter des Bürgerservice geschrieben/);
  expect(staff.text).not.toMatch(/KI-Assistenten des Bürgerservice erstellt/);
  expect(staff.inReplyTo).toBe(human.messageId);

  await poller.pollNow();
  expect(await folderCount('INBOX')).toBe(0);
  expect(await folderCount('amtsweg-verarbeitet')).toBe(4);
});

test('the same identity checks as SMTP: another sender in the thread does not continue it; a refused mail is set aside', async () => {
  const owner = 'owner.imap@example.org';
  const first = await deliver({ from: owner, subject: 'Termin', text: 'Termin für einen Reisepass' });
  const ask = await sink.waitFor((m) => to(owner)(m) && m.inReplyTo === first, 20_000);
  const answer = await reply(owner, ask, 'Bestätigt.');
  // Someone who knows the thread's Message-IDs answers for the citizen: treated as their own new request.
  const intruder = 'intruder@example.net';
  const hijack = await deliver({ from: intruder, subject: 'Re: Termin', text: 'Buer', inReplyTo: answer.messageId, references: [answer.messageId!] });
  const theirs = await sink.waitFor((m) => to(intruder)(m) && m.inReplyTo === hijack, 20_000);
  expect(theirs.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
  expect(theirs.text).not.toMatch(/Reisepass|owner\.imap/);
  expect(logs).toContainEqual(expect.objectContaining({ msg: 'email thread belongs to another sender' }));

  const before = await folderCount('amtsweg-abgelehnt');
  await deliver({ from: SERVICE, subject: 'Schleife', text: 'Mail von der eigenen Adresse' });
  for (let i = 0; i < 100 && (await folderCount('amtsweg-abgelehnt')) === before; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await folderCount('amtsweg-abgelehnt')).toBe(before + 1);
  expect(logs).toContainEqual(expect.objectContaining({ msg: 'imap mail refused', reason: 'loop' }));
});
