/**
 * Delivery of the notification outbox and of the channel's own replies over loopback SMTP, with
 * the real engine on a real SQLite file: exactly one confirmation per booking, a relay outage
 * survived, an engine restart (and a crash in the middle of sending) survived, permanent refusals
 * given up without retry storms. Logs carry no personal data.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTransport } from 'nodemailer';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { BOOKING_SCRIPT, http, loadDefinition, startStack, TODAY } from '../../test/e2e/harness';
import { startEmailChannel, type EmailChannel, type EmailChannelOptions } from './channel';
import { freePort, isTo, startTestRelay, type TestRelay } from './sink.fixture';
import { notificationMessageId } from './sources';

const SERVICE = 'buergerservice@stadt.example';
const CITIZEN = 'erika.mustermann@example.org';
const terminService = loadDefinition('terminvereinbarung');

function channelFor(engine: EmbeddedEngine, dir: string, relayPort: number, logs: Record<string, unknown>[], extra: Partial<EmailChannelOptions> = {}) {
  return startEmailChannel({
    engine, dataDir: dir, smtp: { port: 0, host: '127.0.0.1' },
    relay: { host: '127.0.0.1', port: relayPort, secure: false, ignoreTLS: true, connectionTimeout: 2000, greetingTimeout: 2000 },
    address: SERVICE, defaultService: 'terminvereinbarung', log: (l) => logs.push(l),
    delivery: { pollMs: 100, backoff: { baseMs: 150, maxMs: 300 } }, ...extra,
  });
}

/** Books through the engine API the way a web chat does; returns the booking number. */
async function book(engine: EmbeddedEngine): Promise<{ sessionId: string; booking: string }> {
  const created = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  let last = '';
  for (const text of BOOKING_SCRIPT) last = (await engine.sendMessage(created.id, text)).messages.map((m) => m.text).join('\n');
  const booking = /GE-[A-Z0-9]{8}/.exec(last)?.[0];
  if (!booking) throw new Error(`booking did not complete: ${last}`);
  return { sessionId: created.id, booking };
}

async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Rows of the engine's shared store (its SQLite file), read on a connection of their own. */
function sharedRows(engine: { shared: { location: string } }, query: string): unknown[] {
  const db = new Database(engine.shared.location.replace(/^sqlite:/, ''), { readonly: true });
  try { return db.prepare(query).all(); } finally { db.close(); }
}

const expectNoPersonalData = (logs: Record<string, unknown>[]) => {
  const text = JSON.stringify(logs);
  for (const secret of [CITIZEN, 'Mustermann', 'Erika', 'stoerung@example.org']) expect(text).not.toContain(secret);
};

describe('a booking over the HTTP API', () => {
  test('produces exactly one confirmation mail with the booking number', async () => {
    const relay = await startTestRelay();
    const stack = await startStack({ services: [terminService] });
    const logs: Record<string, unknown>[] = [];
    const channel = await channelFor(stack.engine, stack.dir, relay.port, logs);
    try {
      const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung' });
      expect(created.status).toBe(201);
      let body: { status: string; messages: { text: string }[] } = created.body;
      for (const text of BOOKING_SCRIPT) {
        const res = await http(`${stack.url}/api/sessions/${created.body.id}/messages`, 'POST', { text }, { Authorization: `Bearer ${created.body.token}` });
        expect(res.status).toBe(200);
        body = res.body;
      }
      expect(body.status).toBe('completed');
      const booking = /GE-[A-Z0-9]{8}/.exec(body.messages.map((m) => m.text).join('\n'))![0];

      const mail = await relay.waitFor(isTo(CITIZEN));
      expect(mail.subject).toBe(`Ihr Termin ${booking} – Freitag, 27. November 2026, 10:00 Uhr`);
      expect(mail.text).toContain(`Buchungsnummer:   ${booking}`);
      expect(mail.text).toContain('BÜRGERcenter Buer');
      expect(mail.text).toMatch(/^Guten Tag,\n/);
      expect(mail.text).not.toContain('Mustermann');
      expect(mail.text).toMatch(/24 Stunden vorher ab/);
      expect(mail.html).toBeFalsy();
      expect(mail.from?.value[0].address).toBe(SERVICE);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const outboxId = (sharedRows(stack.engine, 'SELECT id FROM outbox')[0] as { id: string }).id;
      expect(mail.messageId).toBe(notificationMessageId(outboxId, SERVICE));

      await channel.flush();
      expect(relay.mails.filter(isTo(CITIZEN))).toHaveLength(1);
      expect(await stack.engine.outbox.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
      expect(logs).toContainEqual(expect.objectContaining({ msg: 'email sent', source: 'outbox', kind: 'termin_bestaetigung', attempt: 1 }));
      expectNoPersonalData(logs);
    } finally {
      await channel.stop();
      await stack.stop();
      await relay.close();
    }
  });
});

describe('the relay is down at first', () => {
  test('a confirmation and a reply in a mail thread wait, then go out exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-delivery-'));
    const port = await freePort();
    const engine = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY });
    const logs: Record<string, unknown>[] = [];
    const channel = await channelFor(engine, dir, port, logs);
    let relay: TestRelay | undefined;
    try {
      const { booking } = await book(engine);
      // The citizen writes to the service while the relay is down: the mail is accepted, the reply kept.
      const citizen = createTransport({ host: '127.0.0.1', port: channel.port, secure: false, ignoreTLS: true });
      const sent = await citizen.sendMail({ from: 'stoerung@example.org', to: SERVICE, subject: 'Termin', text: 'Ich brauche einen Termin für meinen Reisepass' });
      citizen.close();
      await channel.idle();
      const outboxRow = () => sharedRows(engine, "SELECT status, attempts, last_error FROM outbox WHERE channel = 'email'")[0] as { status: string; attempts: number; last_error: string | null };
      // Both queues are tried (in either order): the outbox twice, the reply at least once.
      const replyTried = () => logs.some((l) => l.msg === 'email relay failed, will retry' && l.source === 'replies');
      await until('a failed delivery attempt', () => outboxRow().attempts >= 2 && outboxRow().status === 'queued' && replyTried());
      // The reply waits in the shared outbox (channel 'reply'), sealed.
      const queued = sharedRows(engine, "SELECT * FROM outbox WHERE channel = 'reply' AND status IN ('queued', 'sending')");
      expect(queued).toHaveLength(1);
      const raw = (queued as Record<string, unknown>[]).flatMap((r) => Object.values(r)).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('|');
      expect(raw.length).toBeGreaterThan(200);
      expect(raw).not.toMatch(/stoerung@|Reisepass|BÜRGERcenter/);
      expect(existsSync(join(dir, 'email.db'))).toBe(false);
      expect(outboxRow().last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
      expect(logs).toContainEqual(expect.objectContaining({ msg: 'email relay failed, will retry', source: 'replies' }));
      expect(logs).toContainEqual(expect.objectContaining({ msg: 'email relay failed, will retry', source: 'outbox' }));

      relay = await startTestRelay(port);
      const confirmation = await relay.waitFor(isTo(CITIZEN));
      expect(confirmation.text).toContain(booking);
      const reply = await relay.waitFor(isTo('stoerung@example.org'));
      expect(reply.inReplyTo).toBe(sent.messageId);
      // A first mail of an address is answered by the confirmation request (issue 12).
      expect(reply.text).toMatch(/Code \d{4}-\d{4}/);
      await channel.flush();
      expect(relay.mails.filter(isTo(CITIZEN))).toHaveLength(1);
      expect(relay.mails.filter(isTo('stoerung@example.org'))).toHaveLength(1);
      expect(outboxRow().status).toBe('sent');
      // The outbox depth counts notifications and replies alike: both sent.
      expect(await engine.outbox.counts()).toEqual({ queued: 0, sending: 0, sent: 2, failed: 0 });
      // Sent replies keep no content in the queue.
      expect(sharedRows(engine, "SELECT status, length(payload) AS n FROM outbox WHERE channel = 'reply'")).toEqual([{ status: 'sent', n: 0 }]);
      expectNoPersonalData(logs);
    } finally {
      await channel.stop();
      await engine.close();
      await relay?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an engine restart', () => {
  test('between queueing and sending: the confirmation is delivered once by the next process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-delivery-'));
    const relay = await startTestRelay();
    const first = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY });
    const { booking } = await book(first);
    expect((await first.outbox.counts()).queued).toBe(1);
    await first.close();

    const engine = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY });
    const logs: Record<string, unknown>[] = [];
    const channel = await channelFor(engine, dir, relay.port, logs);
    try {
      expect((await relay.waitFor(isTo(CITIZEN))).text).toContain(booking);
      await channel.flush();
      expect(relay.mails).toHaveLength(1);
      expect(await engine.outbox.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
    } finally {
      await channel.stop();
      await engine.close();
      await relay.close();
    }

    // A third start sends nothing again.
    const again = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY });
    const channel3 = await channelFor(again, dir, relay.port, []);
    const relay2 = await startTestRelay(relay.port);
    try {
      await channel3.flush();
      expect(relay2.mails).toHaveLength(0);
    } finally {
      await channel3.stop();
      await again.close();
      await relay2.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a process that died while sending: resent once after its lease, with the same Message-ID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-delivery-'));
    let t = Date.parse('2026-11-26T09:00:00.000Z');
    const now = () => new Date(t);
    const relay = await startTestRelay();
    const first = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY, now });
    await book(first);
    const [item] = await first.outbox.pending(5);
    expect(await first.outbox.claim(item.id)).toBe(true); // claimed, then the process is gone before settling
    await first.close();

    const engine = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY, now });
    const logs: Record<string, unknown>[] = [];
    const channel = await channelFor(engine, dir, relay.port, logs, { now });
    try {
      t += 60_000; // within the lease: another process might still be sending
      await channel.flush();
      expect(relay.mails).toHaveLength(0);
      t += 20 * 60_000;
      await channel.flush();
      expect(relay.mails).toHaveLength(1);
      expect(relay.mails[0].messageId).toBe(notificationMessageId(item.id, SERVICE));
      expect(logs).toContainEqual(expect.objectContaining({ msg: 'email resent after an unsettled attempt', id: item.id, attempt: 2 }));
      await channel.flush();
      expect(relay.mails).toHaveLength(1);
    } finally {
      await channel.stop();
      await engine.close();
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('messages that cannot be delivered', () => {
  test('a refused address, an unknown template and missing data are given up at once, with a code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-delivery-'));
    const relay = await startTestRelay(0, { refuseRcpt: (a) => a === 'bounce@example.org' });
    const engine = await createEmbeddedEngine({ dataDir: dir, services: [terminService], today: TODAY });
    const logs: Record<string, unknown>[] = [];
    const run = (key: string, input: Record<string, unknown>) => engine.actions.run('notify.send', input, { idempotencyKey: key, sessionId: 's_x', now: new Date().toISOString() });
    await run('a', { to: 'bounce@example.org', template: 'hundesteuer_eingang', data: { steuersatz: 129 } });
    await run('b', { to: 'ok@example.org', template: 'gibt_es_nicht', data: {} });
    await run('c', { to: 'ok@example.org', template: 'untersuchungsberechtigungsschein', data: { name: 'Lena' } });
    await run('d', { to: 'ok@example.org', template: 'hundesteuer_eingang', data: { steuersatz: 147 } });
    await run('e', { to: '+4920912345678', template: 'hundesteuer_eingang', data: { steuersatz: 147 } });
    const channel = await channelFor(engine, dir, relay.port, logs);
    try {
      await relay.waitFor(isTo('ok@example.org'));
      await channel.flush();
      const rows = sharedRows(engine, 'SELECT id, status, attempts, last_error FROM outbox ORDER BY id');
      expect(rows).toEqual([
        { id: 'a', status: 'failed', attempts: 1, last_error: expect.stringMatching(/:550$/) },
        { id: 'b', status: 'failed', attempts: 1, last_error: 'unknown_template' },
        { id: 'c', status: 'failed', attempts: 1, last_error: 'missing_data' },
        { id: 'd', status: 'sent', attempts: 1, last_error: null },
        { id: 'e', status: 'queued', attempts: 0, last_error: null }, // an SMS: not the e-mail channel's
      ]);
      expect(relay.mails).toHaveLength(1);
      expect(relay.mails[0].text).toContain('147,00 €');
      expect(logs.filter((l) => l.msg === 'email given up').map((l) => l.reason).sort()).toEqual(['missing_data', 'refused', 'unknown_template']);
      expect(JSON.stringify(logs)).not.toMatch(/bounce@|ok@example/);
    } finally {
      await channel.stop();
      await engine.close();
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the other services that send notifications', () => {
  test('dog tax receipt and examination voucher reach the citizen, rendered from the real definitions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-delivery-'));
    const relay = await startTestRelay();
    const engine = await createEmbeddedEngine({ dataDir: dir, services: [loadDefinition('hundesteuer'), loadDefinition('untersuchungsberechtigungsschein')], today: TODAY });
    const channel = await channelFor(engine, dir, relay.port, []);
    const talk = async (service: string, turns: string[]) => {
      const { id } = await engine.createSession({ service, channel: 'api' });
      let status = 'active';
      for (const text of turns) status = (await engine.sendMessage(id, text)).status;
      expect(status).not.toBe('active');
    };
    try {
      await talk('hundesteuer', ['1', 'nein', '14.11.2026', '3', 'aus dem Tierheim', 'nein', 'Erika Mustermann', 'hund@example.org', 'ja', 'ja']);
      await talk('untersuchungsberechtigungsschein', ['01.02.2010', 'ja', '01.08.2027', 'eine Ausbildung', 'Max Mustermann', 'eltern@example.org', 'ja', 'ja']);
      const dog = await relay.waitFor(isTo('hund@example.org'));
      expect(dog.subject).toBe('Eingangsbestätigung: Anmeldung zur Hundesteuer');
      expect(dog.text).toMatch(/^Guten Tag,\n/);
      expect(dog.text).toContain('129,00 €');
      const voucher = await relay.waitFor(isTo('eltern@example.org'));
      expect(voucher.subject).toBe('Untersuchungsberechtigungsschein (Jugendarbeitsschutz)');
      expect(voucher.text).toContain('Jugendliche Person:   Max Mustermann');
      expect(voucher.text).toContain('Beschäftigungsbeginn: Sonntag, 1. August 2027');
      await channel.flush();
      expect(relay.mails).toHaveLength(2);
    } finally {
      await channel.stop();
      await engine.close();
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
