/**
 * Polls an existing mailbox over IMAP (the city's service address usually lives in one) and feeds
 * every new mail into the e-mail channel's one inbound pipeline (`EmailChannel.receive`, the same
 * function the SMTP receiver calls, identity checks included). IDLE where the server offers it
 * (new mail is handled at once), polling otherwise and as a fallback. A handled mail is marked
 * seen and moved to the done folder; a refused one (5xx) to the refused folder; a mail refused
 * for now (4xx, e.g. a rate limit) or failing stays unseen in the inbox and is tried again.
 */
import { ImapFlow } from 'imapflow';
import type { EmailChannel } from './channel';
import { EmailConfigError, MailRefusedError } from './errors';

export interface ImapOptions {
  host: string;
  port: number;
  /** TLS from the start (imaps, port 993). Without it the connection is upgraded with STARTTLS when offered. */
  secure: boolean;
  user: string;
  password: string;
  /** The mailbox to read (default INBOX). */
  mailbox?: string;
  /** Where handled mails go (default "amtsweg-verarbeitet") and refused ones (default "amtsweg-abgelehnt"). */
  doneFolder?: string;
  refusedFolder?: string;
  /** Poll interval in ms when no IDLE event arrives (default 60 s). */
  pollMs?: number;
  /** Accept a self-signed server certificate (only for a mail server on this machine). */
  allowSelfSigned?: boolean;
  log: (line: Record<string, unknown>) => void;
}

export interface ImapPoller {
  /** Handles what is in the mailbox now; resolves with the number of mails moved. */
  pollNow(): Promise<number>;
  /** True when the server offered IDLE and new mail is pushed. */
  readonly idle: boolean;
  stop(): Promise<void>;
}

/** Reads `imap://user:pass@host:port/INBOX` or `imaps://…` (AMTSWEG_IMAP_URL). */
export function parseImapUrl(url: string): Pick<ImapOptions, 'host' | 'port' | 'secure' | 'user' | 'password' | 'mailbox'> {
  let u: URL;
  try { u = new URL(url); } catch { throw new EmailConfigError('AMTSWEG_IMAP_URL is not a URL; write imap://user:password@host:143/INBOX or imaps://…:993/INBOX.'); }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new EmailConfigError('AMTSWEG_IMAP_URL must start with imap:// or imaps://.');
  if (!u.username || !u.password) throw new EmailConfigError('AMTSWEG_IMAP_URL needs the mailbox user and password (imap://user:password@host/…).');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname, port: u.port ? Number(u.port) : secure ? 993 : 143, secure,
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/** Connects, makes sure the folders exist, handles what is waiting, then listens (IDLE) and polls. */
export async function startImapPoller(channel: Pick<EmailChannel, 'receive'>, opts: ImapOptions): Promise<ImapPoller> {
  const mailbox = opts.mailbox ?? 'INBOX';
  const done = opts.doneFolder ?? 'amtsweg-verarbeitet';
  const refused = opts.refusedFolder ?? 'amtsweg-abgelehnt';
  const log = opts.log;
  let stopped = false;
  let client: ImapFlow | undefined;
  let chain: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  let reconnectDelay = 1000;

  function newClient(): ImapFlow {
    return new ImapFlow({
      host: opts.host, port: opts.port, secure: opts.secure, auth: { user: opts.user, pass: opts.password },
      logger: false, tls: opts.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
      // Restart IDLE regularly: some servers drop idle connections silently.
      maxIdleTime: 5 * 60_000,
    });
  }

  async function connect(): Promise<ImapFlow> {
    const c = newClient();
    c.on('error', (err: Error) => log({ level: 'warn', msg: 'imap connection error', error: err.name, code: (err as { code?: string }).code }));
    c.on('close', () => {
      if (stopped || client !== c) return;
      client = undefined;
      log({ level: 'warn', msg: 'imap connection closed; reconnecting', inMs: reconnectDelay });
      setTimeout(() => { void reconnect(); }, reconnectDelay).unref();
      reconnectDelay = Math.min(reconnectDelay * 2, 5 * 60_000);
    });
    await c.connect();
    const existing = new Set((await c.list()).map((b) => b.path));
    for (const folder of [done, refused]) if (!existing.has(folder)) await c.mailboxCreate(folder);
    await c.mailboxOpen(mailbox);
    // New mail while IDLE (or seen by a NOOP): handle it at once.
    c.on('exists', () => { void schedule(); });
    reconnectDelay = 1000;
    return c;
  }

  async function reconnect(): Promise<void> {
    if (stopped || client) return;
    try {
      client = await connect();
      log({ level: 'info', msg: 'imap reconnected' });
      await schedule();
    } catch (err) {
      log({ level: 'warn', msg: 'imap reconnect failed', error: (err as Error).name, inMs: reconnectDelay });
      setTimeout(() => { void reconnect(); }, reconnectDelay).unref();
      reconnectDelay = Math.min(reconnectDelay * 2, 5 * 60_000);
    }
  }

  /** One pass over the unseen mails; passes never overlap. */
  async function pass(): Promise<number> {
    const c = client;
    if (!c || stopped) return 0;
    const waiting = await c.fetchAll({ seen: false }, { uid: true, source: true }, { uid: true });
    let moved = 0;
    for (const m of waiting) {
      if (stopped || !m.source) break;
      let target: string | undefined = done;
      try {
        await channel.receive(m.source);
      } catch (err) {
        if (err instanceof MailRefusedError && err.smtpCode >= 500) {
          target = refused;
          log({ level: 'warn', msg: 'imap mail refused', reason: err.reason });
        } else {
          target = undefined; // for now (4xx) or a failure: stays unseen, tried on the next pass
          log({ level: 'warn', msg: 'imap mail deferred', reason: err instanceof MailRefusedError ? err.reason : (err as Error)?.name });
        }
      }
      if (!target) continue;
      await c.messageFlagsAdd(String(m.uid), ['\\Seen'], { uid: true });
      await c.messageMove(String(m.uid), target, { uid: true });
      moved++;
    }
    if (waiting.length) log({ level: 'info', msg: 'imap pass', found: waiting.length, moved });
    // Back to IDLE at once (not after the library's idle delay): the next mail is pushed right away.
    if (!stopped && c.capabilities.has('IDLE')) void c.idle().catch(() => undefined);
    return moved;
  }

  function schedule(): Promise<number> {
    chain = chain.catch(() => 0).then(pass).catch((err: unknown) => {
      log({ level: 'error', msg: 'imap pass failed', error: (err as Error)?.name });
      return 0;
    });
    return chain;
  }

  client = await connect();
  const idle = client.capabilities.has('IDLE');
  log({ level: 'info', msg: 'imap mailbox watched', idle, folders: { done, refused } });
  const loop = (): void => {
    timer = setTimeout(() => { void schedule().finally(() => { if (!stopped) loop(); }); }, opts.pollMs ?? 60_000);
    timer.unref();
  };
  await schedule();
  loop();

  return {
    idle,
    pollNow: () => schedule(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain.catch(() => 0);
      const c = client;
      client = undefined;
      if (c) await c.logout().catch(() => c.close());
    },
  };
}
