import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport, type Transporter } from 'nodemailer';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Engine, TurnResult } from '../../host/types';
import { perHour } from '../../platform/rate-limit';
import { createSealer } from '../security';
import { openStore } from '../../store/open';
import type { SharedStore } from '../../store/contract';
import { lineSink, logger } from '../../platform/logger';
import { composeConfirmation, composeReply, newMessageId, type OutgoingMail } from './compose';
import { Confirmations, type PendingMail } from './confirmations';
import { senderIdentity } from './identity';
import { deriveKey, pseudonym, randomId } from '../../platform/crypto';
import { emailChannelKey, legacyEmailKey } from './keys';
import { importLegacyEmailDb } from './legacy-import';
import { startDeliveryLoop, type BackoffOptions, type DeliverySource } from './delivery';
import { EmailConfigError, MailRefusedError } from './errors';
import { DEFAULT_EMAIL_LIMITS, type EmailLimits } from './limits';
import { citizenText } from './reply-text';
import { OutgoingQueue } from './outgoing-queue';
import { notificationSource, replySource } from './sources';
import { EmailStore, type StoredAttachment, type ThreadInfo } from './store';

export interface EmailChannelOptions {
  engine: Engine;
  /** Where the receiver listens (AMTSWEG_SMTP_PORT, AMTSWEG_SMTP_HOST; default 127.0.0.1:2525). Port 0 = any free port. */
  smtp?: { port?: number; host?: string };
  /** Outgoing relay: an smtp:// URL (AMTSWEG_SMTP_RELAY) or nodemailer transport options. */
  relay: string | Record<string, unknown>;
  /** The service's address: From of every reply, the only accepted recipient (AMTSWEG_EMAIL_ADDRESS). */
  address: string;
  /** Service started by a new thread when the router names none (AMTSWEG_EMAIL_SERVICE). */
  defaultService: string;
  /** The one service router of every channel (u9): routes subject and text of a first mail. */
  router?: { route(text: string, locale?: string): Promise<{ service: string } | object> };
  /** Data folder: `email.key` (unless AMTSWEG_EMAIL_KEY / AMTSWEG_MASTER_KEY), the default store, an older `email.db` to import. */
  dataDir: string;
  keyFile?: string;
  /** The channel's key (tests); default {@link emailChannelKey}. Every serve sharing a store needs the same. */
  key?: Buffer;
  /** The shared store (threads, ids, confirmations, reply queue); default the engine's, else `<dataDir>/store.db`. */
  store?: SharedStore;
  locale?: 'de' | 'en';
  limits?: Partial<EmailLimits>;
  now?: () => Date;
  log?: (line: Record<string, unknown>) => void;
  /**
   * Deliver the engine's notification outbox (`notify.send` to an e-mail address) through the
   * relay (default true; needs an engine with `outbox`).
   */
  notifications?: boolean;
  /**
   * Authentication-Results headers count only from these authserv-ids (your receiving mail
   * server's; AMTSWEG_EMAIL_AUTHSERV_ID, comma-separated). Unset: every such header counts, which
   * is right only when that server strips the ones senders wrote.
   */
  trustedAuthservIds?: string[];
  /** The office that signs staff answers ("Ihr Bürgerservice"; AMTSWEG_EMAIL_OFFICE). */
  office?: string;
  /** Delivery loop: retry backoff and the longest sleep between looks at the queues. */
  delivery?: { backoff?: Partial<BackoffOptions>; pollMs?: number };
}

/** A running e-mail channel. */
export interface EmailChannel {
  /** The port the receiver listens on (useful with port 0). */
  readonly port: number;
  /** Attachments stored for a session (for the desk's case detail). */
  attachmentsFor(sessionId: string): Promise<StoredAttachment[]>;
  /** Decrypted content of one attachment (for a staff download). */
  attachmentContent(id: string): Promise<Buffer | undefined>;
  /**
   * Feeds one raw mail (RFC 822) into the same inbound pipeline the SMTP receiver uses, e.g. from
   * the IMAP poller. Throws MailRefusedError when the mail is refused (its `smtpCode` says whether
   * for good, 5xx, or for now, 4xx).
   */
  receive(raw: Buffer): Promise<void>;
  /** Stops receiving, unsubscribes, closes the relay connection and the store. */
  stop(): Promise<void>;
  /** Resolves when every accepted mail has been answered (its reply queued durably; tests). */
  idle(): Promise<void>;
  /** Resolves when nothing queued is due any more: sent, given up, or waiting for a retry (tests). */
  flush(): Promise<void>;
}

const NOTES = {
  de: { dropped: (n: string, why: string) => `Hinweis: Der Anhang "${n}" wurde nicht angenommen (${why}).`, tooBig: 'zu groß', badType: 'Dateityp nicht erlaubt', tooMany: 'zu viele Anhänge', stored: (n: string) => `Der Anhang "${n}" wurde für die Sachbearbeitung gespeichert.`, empty: 'Ihre E-Mail enthielt keinen lesbaren Text. Bitte schreiben Sie Ihre Antwort direkt in die E-Mail.', confirmed: 'Danke, Ihre E-Mail-Adresse ist bestätigt.', closed: 'Ihr früheres Anliegen ist abgeschlossen; ich habe ein neues begonnen.' },
  en: { dropped: (n: string, why: string) => `Note: the attachment "${n}" was not accepted (${why}).`, tooBig: 'too large', badType: 'file type not allowed', tooMany: 'too many attachments', stored: (n: string) => `The attachment "${n}" was stored for the case worker.`, empty: 'Your e-mail contained no readable text. Please write your answer in the e-mail itself.', confirmed: 'Thank you, your e-mail address is confirmed.', closed: 'Your earlier request is finished; I started a new one.' },
};

/**
 * Starts the e-mail channel: an SMTP receiver for citizens' mails and a sender for the replies.
 * One session per thread (Message-ID / In-Reply-To / References); quoted text and signatures are
 * stripped; attachments are sealed and listed for the case worker, never passed to extraction.
 * Replies are committed to a durable queue before the SMTP "250" goes back to the citizen's server;
 * a delivery loop sends them and the engine's notification outbox, retrying with backoff.
 */
/** The shared-store claim of an incoming Message-ID (keyed hash), and how long it holds (then `seen` answers). */
const MAIL_CLAIM_SCOPE = 'email-message';
const MAIL_CLAIM_MS = 7 * 24 * 3600 * 1000;

export async function startEmailChannel(opts: EmailChannelOptions): Promise<EmailChannel> {
  if (!/^[^@\s]+@[^@\s]+$/.test(opts.address)) throw new EmailConfigError(`The service address "${opts.address}" is not an e-mail address.`);
  if (!opts.defaultService) throw new EmailConfigError('No default service for new e-mail threads.');
  const limits: EmailLimits = { ...DEFAULT_EMAIL_LIMITS, ...opts.limits };
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? lineSink(logger.child('email'));
  const locale = opts.locale ?? 'de';
  const notes = NOTES[locale];
  const keyFile = opts.keyFile ?? join(opts.dataDir, 'email.key');
  const emailKey = opts.key ?? emailChannelKey(keyFile).key;
  const sealer = createSealer(emailKey);
  const ownsShared = !opts.store && !opts.engine.shared;
  const shared = opts.store ?? opts.engine.shared ?? await openStore({ dataDir: opts.dataDir });
  const store = new EmailStore(shared, sealer);
  const confirmations = new Confirmations(shared.confirmations, sealer, deriveKey(emailKey, 'email-address'));
  // Replies are committed to the durable queue (the shared outbox) first; the delivery loop sends them (and retries).
  const outgoing = new OutgoingQueue(shared.outbox, sealer);
  try {
    const imported = await importLegacyEmailDb({
      dataDir: opts.dataDir, shared, store, confirmations, outgoing, oldKey: legacyEmailKey(keyFile) ?? emailKey, key: emailKey,
      serviceAddress: opts.address, now: now().toISOString(),
    });
    if (imported) log({ level: 'info', msg: 'email.db imported into the shared store; it is no longer used', ...imported });
  } catch (err) {
    if (ownsShared) await shared.close();
    throw err;
  }
  const transport: Transporter = createTransport(opts.relay as never);
  const clock = () => now().getTime();
  const perSender = perHour(limits.perSenderBurst, limits.perSenderPerHour, clock);
  const perSenderNew = perHour(limits.newThreadsBurst, limits.newThreadsPerHour, clock);
  const perIp = perHour(limits.perIpBurst, limits.perIpPerHour, clock);
  const newPerIp = perHour(limits.newPerIpBurst, limits.newPerIpPerHour, clock);
  const perDomain = perHour(limits.perDomainBurst, limits.perDomainPerHour, clock);
  const perDomainNew = perHour(limits.newPerDomainBurst, limits.newPerDomainPerHour, clock);
  const confirmationsBudget = perHour(limits.confirmationsBurst, limits.confirmationsPerHour, clock);
  const mailsInConnection = new Map<string, number>();
  const chains = new Map<string, Promise<unknown>>();
  const inFlight = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  const serviceAddress = opts.address.toLowerCase();

  // A pseudonym for log lines: which sender misbehaves is traceable without logging the address.
  const pseudo = (addr: string) => pseudonym(emailKey, addr);

  const sources: DeliverySource[] = [replySource(outgoing)];
  if (opts.notifications !== false) {
    if (opts.engine.outbox) sources.push(notificationSource(opts.engine.outbox, opts.address));
    else log({ level: 'warn', msg: 'email notifications off: this engine has no outbox' });
  }
  const delivery = startDeliveryLoop({ sources, transport, now, log, backoff: opts.delivery?.backoff, pollMs: opts.delivery?.pollMs });

  async function send(mail: OutgoingMail, sessionId: string): Promise<void> {
    const at = now().toISOString();
    await outgoing.enqueue(mail, sessionId, at);
    await store.linkMessageId(mail.messageId, sessionId, at);
    await store.markOurs(mail.messageId, sessionId, at);
    log({ level: 'info', msg: 'email reply queued', session: sessionId });
    delivery.kick();
  }

  async function replyInThread(thread: ThreadInfo, texts: string[], status: TurnResult['status'], extra: string[] = [], roles?: ('assistant' | 'staff')[]): Promise<void> {
    const mail = composeReply({
      from: opts.address, to: thread.address, subject: thread.subject, messages: texts, status, locale,
      inReplyTo: thread.lastMessageId, references: thread.references, notes: extra, roles, office: opts.office,
    });
    await send(mail, thread.sessionId);
    thread.references = [...thread.references, mail.messageId].slice(-20);
    thread.lastMessageId = mail.messageId;
    await store.saveThread(thread, now().toISOString());
  }

  function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = chains.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    chains.set(key, next);
    void next.finally(() => { if (chains.get(key) === next) chains.delete(key); }).catch(() => undefined);
    return next;
  }

  /** The service of a first mail, by the same router as every channel (subject and text). */
  async function pickService(subject: string, text: string): Promise<string> {
    if (!opts.router) {
      // Without a router (a channel started on its own): the subject against the titles.
      const words = subject.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);
      const hits = opts.engine.services(locale).filter((s) => words.some((w) => `${s.title} ${s.id}`.toLowerCase().includes(w)));
      return hits.length === 1 ? hits[0].id : opts.defaultService;
    }
    try {
      const decision = await opts.router.route(`${subject}\n${text}`.slice(0, 2000), locale);
      return 'service' in decision ? decision.service : opts.defaultService;
    } catch {
      return opts.defaultService;
    }
  }

  /**
   * The one inbound pipeline (SMTP and IMAP): who sent it, may it continue a thread, is the address
   * confirmed. A mail from another sender than the thread's never continues it: it is handled as
   * that sender's own new request, and nothing in the answer tells of the other thread.
   */
  async function handleMail(mail: ParsedMail, via: { remoteAddress?: string } = {}): Promise<void> {
    const sender = senderIdentity(mail, opts.trustedAuthservIds);
    const from = sender.address;
    if (!from) throw new MailRefusedError(550, 'no_sender', '5.1.7 No single valid From address; cannot reply.');
    if (from === serviceAddress) throw new MailRefusedError(550, 'loop', '5.7.1 Mail from the service address itself is not accepted.');
    const auto = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
    if (auto !== 'no') { log({ level: 'info', msg: 'email ignored', reason: 'auto_submitted', sender: pseudo(from) }); return; }
    if (sender.auth === 'fail') throw new MailRefusedError(550, 'auth_failed', '5.7.1 The sender could not be authenticated (DMARC/DKIM/SPF failed at the receiving server).');
    const messageId = mail.messageId ?? `<${randomUUID()}@unknown>`;
    if (await store.seen(messageId)) { log({ level: 'info', msg: 'email ignored', reason: 'duplicate' }); return; }
    // Several serves may read one mailbox: exactly one takes a Message-ID (one atomic claim in the
    // shared store). A mail that fails is given back, so the sender's retry is handled, once.
    const claim = confirmations.hash('mid', messageId);
    if (!(await shared.nonces.claim(MAIL_CLAIM_SCOPE, claim, new Date(now().getTime() + MAIL_CLAIM_MS).toISOString(), now().toISOString()))) {
      log({ level: 'info', msg: 'email ignored', reason: 'claimed_elsewhere' });
      return;
    }
    try {
      await handleClaimed(mail, sender, from, messageId, via);
    } catch (err) {
      await shared.nonces.release(MAIL_CLAIM_SCOPE, claim).catch(() => undefined);
      throw err;
    }
  }

  async function handleClaimed(mail: ParsedMail, sender: ReturnType<typeof senderIdentity>, from: string, messageId: string, via: { remoteAddress?: string }): Promise<void> {
    // Unauthenticated sender addresses are free to invent: count them by domain too.
    // The address first: one address flooding must not use up its domain's allowance.
    if (!perSender.take(from).ok) throw new MailRefusedError(450, 'sender_rate', '4.7.1 Too many messages from this sender; try again later.');
    if (sender.auth !== 'pass' && !perDomain.take(sender.domain).ok) throw new MailRefusedError(450, 'domain_rate', '4.7.1 Too many messages from this sender domain; try again later.');

    const refs = [...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
    const text = citizenText(mail);
    if ((!mail.text || mail.text.trim() === '') && typeof mail.html === 'string') {
      const scripts = (mail.html.match(/<script\b/gi) ?? []).length;
      log({ level: scripts ? 'warn' : 'info', msg: 'email html-only: reduced to plain text', scriptsRemoved: scripts });
    }
    const taken = await confirmations.take(from, refs, mail.text ?? text, now());
    if (taken) {
      const held = taken.mail;
      if (sender.auth === 'pass') held.auth = 'pass';
      await confirmations.confirm(from, now().toISOString());
      log({ level: 'info', msg: 'email address confirmed', sender: pseudo(from) });
      try {
        await serialize(held.messageId, () => startConversation(held, [...refs, messageId], messageId, [notes.confirmed]));
      } catch (err) {
        // Kept until the conversation starts: the sender's retry (after the 4xx) finds the first mail again.
        await taken.putBack().catch(() => undefined);
        throw err;
      }
      return;
    }
    let known = refs.length ? await store.sessionOfOurIds(refs) : undefined;
    const owned = known ? await store.thread(known) : undefined;
    if (known && owned?.address !== from) {
      log({ level: 'warn', msg: 'email thread belongs to another sender', sender: pseudo(from) });
      known = undefined;
    }
    // A thread whose mails came authenticated takes no unauthenticated one: a forged From with the
    // citizen's address (sent around the receiving server) must not answer for her.
    if (known && owned?.auth === 'pass' && sender.auth !== 'pass') {
      log({ level: 'warn', msg: 'email thread needs an authenticated sender', sender: pseudo(from) });
      known = undefined;
    }
    if (!known) {
      if (!perSenderNew.take(from).ok) throw new MailRefusedError(450, 'new_thread_rate', '4.7.1 Too many new requests from this sender; reply in an existing thread or try again later.');
      // Per connecting IP only new requests count: replies in a citizen's own thread pass the same mail server.
      if (via.remoteAddress && !newPerIp.take(via.remoteAddress).ok) throw new MailRefusedError(450, 'ip_rate', '4.7.1 Too many new requests from your mail server; try again later.');
      if (sender.auth !== 'pass' && !perDomainNew.take(sender.domain).ok) throw new MailRefusedError(450, 'new_thread_rate', '4.7.1 Too many new requests from this sender domain; try again later.');
      const first: PendingMail = {
        address: from, subject: mail.subject ?? '', text, messageId, references: refs, ...(sender.auth === 'pass' ? { auth: 'pass' as const } : {}),
        attachments: (mail.attachments ?? []).map((x) => ({ filename: x.filename ?? 'unbenannt', contentType: x.contentType ?? '', size: x.size, content: x.content.toString('base64') })),
      };
      // A confirmed address whose domain vouches for this very mail needs no new code.
      if (sender.auth === 'pass' && await confirmations.isConfirmed(from)) {
        await serialize(messageId, () => startConversation(first, [...refs, messageId], messageId, []));
        return;
      }
      await askForConfirmation(first);
      return;
    }
    const ownThread: ThreadInfo = sender.auth === 'pass' ? { ...(owned as ThreadInfo), auth: 'pass' } : owned as ThreadInfo;
    await serialize(known, () => continueConversation(known as string, ownThread, mail, text, messageId, refs));
  }

  /** Holds the first mail and asks its address to confirm itself; the mail quotes nothing of it. */
  async function askForConfirmation(first: PendingMail): Promise<void> {
    if (!confirmationsBudget.take('all').ok) throw new MailRefusedError(450, 'confirmation_rate', '4.7.1 Too many new requests at the moment; try again later.');
    const confirmId = newMessageId(opts.address);
    // Its own queue lane: one undeliverable (forged) address must not hold back the others.
    const lane = `confirm:${randomId(9)}`;
    const { code } = await confirmations.hold(first, confirmId, now(), lane);
    const mail = composeConfirmation({ from: opts.address, to: first.address, code, locale, inReplyTo: first.messageId, messageId: confirmId });
    await store.linkMessageId(first.messageId, lane, now().toISOString());
    await outgoing.enqueue(mail, lane, now().toISOString());
    log({ level: 'info', msg: 'email confirmation requested', sender: pseudo(first.address) });
    delivery.kick();
  }

  /** Starts the session of a (confirmed) first mail and answers it in the thread. */
  async function startConversation(first: PendingMail, references: string[], lastMessageId: string, extra: string[]): Promise<void> {
    // The sender confirmed this address (code or reply): the conversation needs no second code for it.
    const created = await opts.engine.createSession({ service: await pickService(first.subject ?? '', first.text ?? ''), locale, channel: 'email', provenAddresses: [first.address] });
    const sessionId = created.id;
    const texts = created.messages.map((m) => m.text);
    let status: TurnResult['status'] = created.status;
    const thread: ThreadInfo = {
      sessionId, address: first.address, subject: first.subject, references: [...new Set(references)].slice(-20), lastMessageId, ...(first.auth ? { auth: first.auth } : {}),
    };
    log({ level: 'info', msg: 'email thread started', session: sessionId, sender: pseudo(first.address) });
    inFlight.add(sessionId);
    try {
      for (const id of [first.messageId, lastMessageId]) await store.linkMessageId(id, sessionId, now().toISOString());
      const notesOut = [...extra, ...await keepAttachments(first.attachments.map((x) => ({ ...x, content: Buffer.from(x.content, 'base64') })), sessionId)];
      if (first.text && status === 'active') {
        const result = await opts.engine.sendMessage(sessionId, first.text);
        texts.push(...result.messages.map((m) => m.text));
        status = result.status;
      }
      await replyInThread(thread, texts, status, notesOut);
    } finally {
      inFlight.delete(sessionId);
    }
  }

  /** A reply of the thread's own address in its thread. */
  async function continueConversation(sessionId: string, owned: ThreadInfo, mail: ParsedMail, text: string, messageId: string, refs: string[]): Promise<void> {
    let status: TurnResult['status'] = (await opts.engine.view(sessionId)).status;
    // A case a case worker closed takes the reply as a follow-up (the engine reopens it for the desk);
    // a session the assistant finished, or an engine that refuses, gets a new conversation.
    const followUp = status === 'completed' && text ? await opts.engine.sendMessage(sessionId, text).catch(() => undefined) : undefined;
    if (followUp) {
      const thread: ThreadInfo = { ...owned, lastMessageId: messageId, references: [...owned.references, ...refs.filter((r) => !owned.references.includes(r)), messageId].slice(-20) };
      await store.linkMessageId(messageId, sessionId, now().toISOString());
      await replyInThread(thread, followUp.messages.map((m) => m.text), followUp.status, [], followUp.messages.map((m) => m.role));
      return;
    }
    if (status !== 'active' && status !== 'handoff') {
      const first: PendingMail = { address: owned.address, subject: mail.subject ?? owned.subject, text, messageId, references: refs, attachments: [], ...(owned.auth ? { auth: owned.auth } : {}) };
      await startConversation(first, [...refs, messageId], messageId, [notes.closed]);
      return;
    }
    const texts: string[] = [];
    const extra: string[] = [];
    inFlight.add(sessionId);
    try {
      const thread: ThreadInfo = { ...owned, lastMessageId: messageId, references: [...owned.references, ...refs.filter((r) => !owned.references.includes(r)), messageId].slice(-20) };
      await store.linkMessageId(messageId, sessionId, now().toISOString());
      extra.push(...await keepAttachments((mail.attachments ?? []).map((x) => ({ filename: x.filename ?? 'unbenannt', contentType: x.contentType ?? '', size: x.size, content: x.content })), sessionId));
      if (text && status === 'active') {
        const result = await opts.engine.sendMessage(sessionId, text);
        texts.push(...result.messages.map((m) => m.text));
        status = result.status;
      } else if (!text && status === 'active') {
        extra.push(notes.empty);
      }
      if (texts.length || extra.length) await replyInThread(thread, texts, status, extra);
      else await store.saveThread(thread, now().toISOString());
    } finally {
      inFlight.delete(sessionId);
    }
  }

  async function keepAttachments(list: { filename: string; contentType: string; size: number; content: Buffer }[], sessionId: string): Promise<string[]> {
    const out: string[] = [];
    let kept = 0;
    for (const a of list) {
      const name = (a.filename ?? 'unbenannt').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100);
      const type = (a.contentType ?? '').toLowerCase();
      const why = a.size > limits.maxAttachmentBytes ? notes.tooBig
        : !limits.attachmentTypes.includes(type) ? notes.badType
          : kept >= limits.maxAttachments ? notes.tooMany : undefined;
      if (why) {
        log({ level: 'warn', msg: 'email attachment refused', session: sessionId, reason: why, size: a.size, type });
        out.push(notes.dropped(name, why));
        continue;
      }
      kept++;
      await store.saveAttachment({ id: randomUUID(), sessionId, filename: name, contentType: type, size: a.size, content: a.content, receivedAt: now().toISOString() });
      out.push(notes.stored(name));
    }
    return out;
  }

  // Messages leaving an e-mail session outside a mail turn (staff answers, reminders) go out in the thread.
  const batches = new Map<string, { texts: string[]; roles: ('assistant' | 'staff')[]; status: TurnResult['status'] }>();
  const unsubscribe = opts.engine.onOutbound((ev) => {
    // Any turn may have queued a notification (notify.send runs in the turn before its result is said).
    setImmediate(() => delivery.kick());
    if (ev.channel !== 'email' || inFlight.has(ev.sessionId)) return;
    const b = batches.get(ev.sessionId);
    if (b) { b.texts.push(ev.text); b.roles.push(ev.role); b.status = ev.status; return; }
    batches.set(ev.sessionId, { texts: [ev.text], roles: [ev.role], status: ev.status });
    // A thread is stored only after its first reply: events before that belong to a mail turn.
    // Looked up at the event, before that turn can have stored the thread.
    const threadAtEvent = store.thread(ev.sessionId);
    const p = threadAtEvent.then((known) => new Promise<void>((resolve) => setImmediate(resolve)).then(() => serialize(ev.sessionId, async () => {
      const batch = batches.get(ev.sessionId);
      batches.delete(ev.sessionId);
      if (!batch || !known) return;
      const thread = (await store.thread(ev.sessionId)) ?? known;
      await replyInThread(thread, batch.texts, batch.status, [], batch.roles);
    }))).catch((err: unknown) => log({ level: 'error', msg: 'email delivery failed', session: ev.sessionId, error: (err as Error)?.name }));
    track(p);
  });

  function track(p: Promise<unknown>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  const server = new SMTPServer({
    secure: false, authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, banner: 'amtsweg',
    size: limits.maxMessageBytes,
    onConnect(session, cb) {
      if (!perIp.take(session.remoteAddress).ok) {
        log({ level: 'warn', msg: 'email refused', reason: 'ip_rate' });
        return cb(smtpError(421, '4.7.0 Too many connections from your address; try again later.'));
      }
      cb();
    },
    onMailFrom(address: SMTPServerAddress, session, cb) {
      // Mails, not connections, are what a bomb sends: count them per connection and per IP.
      const inConnection = (mailsInConnection.get(session.id) ?? 0) + 1;
      mailsInConnection.set(session.id, inConnection);
      if (inConnection > limits.mailsPerConnection) {
        log({ level: 'warn', msg: 'email refused', reason: 'connection_rate' });
        return cb(smtpError(421, '4.7.0 Too many messages in one connection; reconnect later.'));
      }
      const sender = address.address.toLowerCase();
      if (sender && !perSender.take(`env:${sender}`).ok) {
        log({ level: 'warn', msg: 'email refused', reason: 'sender_rate', sender: pseudo(sender) });
        return cb(smtpError(450, '4.7.1 Too many messages from this sender; try again later.'));
      }
      cb();
    },
    onClose(session) {
      mailsInConnection.delete(session.id);
    },
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      if (address.address.toLowerCase() !== serviceAddress) return cb(smtpError(550, '5.1.1 No such recipient here.'));
      cb();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          log({ level: 'warn', msg: 'email refused', reason: 'too_large', limit: limits.maxMessageBytes });
          return cb(smtpError(552, `5.3.4 Message too large; at most ${Math.floor(limits.maxMessageBytes / 1048576)} MB are accepted.`));
        }
        const work = simpleParser(Buffer.concat(chunks), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true })
          .then((mail) => handleMail(mail, { remoteAddress: session.remoteAddress }))
          .then(() => cb(), (err: unknown) => {
            if (err instanceof MailRefusedError) {
              log({ level: 'warn', msg: 'email refused', reason: err.reason });
              return cb(smtpError(err.smtpCode, err.message));
            }
            log({ level: 'error', msg: 'email processing failed', error: (err as Error)?.name, detail: (err as { code?: string })?.code });
            cb(smtpError(451, '4.3.0 Temporary failure while processing the message; please retry.'));
          });
        track(work);
      });
    },
  });
  server.on('error', (err) => log({ level: 'error', msg: 'smtp server error', error: err.name }));

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.smtp?.port ?? 2525, opts.smtp?.host ?? '127.0.0.1', () => {
        const addr = (server as unknown as { server: { address(): { port: number } } }).server.address();
        resolve(addr.port);
      });
    });
  } catch (err) {
    // Nothing of a channel that never started may keep running (the loop would outlive the engine).
    unsubscribe();
    await delivery.stop();
    transport.close();
    if (ownsShared) await shared.close();
    throw err;
  }
  log({ level: 'info', msg: 'email channel listening', port });

  const channel: EmailChannel = {
    port,
    async receive(raw) {
      if (raw.length > limits.maxMessageBytes) throw new MailRefusedError(552, 'too_large', `5.3.4 Message too large; at most ${Math.floor(limits.maxMessageBytes / 1048576)} MB are accepted.`);
      const work = simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true }).then((mail) => handleMail(mail));
      track(work.catch(() => undefined)); // the caller gets the refusal; idle() only waits
      await work;
    },
    attachmentsFor: (id) => store.attachments(id),
    attachmentContent: (id) => store.attachmentContent(id),
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async flush() {
      await channel.idle();
      await delivery.drain();
    },
    async stop() {
      unsubscribe();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await channel.idle();
      await delivery.stop();
      transport.close();
      if (ownsShared) await shared.close();
    },
  };
  return channel;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
