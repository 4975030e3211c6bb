/**
 * The delivery loop of the e-mail channel: takes due messages from durable sources (the engine's
 * notification outbox, the channel's own reply queue), claims each, sends it through the relay
 * and settles it in the source that owns the row. A failed attempt is retried with exponential
 * backoff; a permanent refusal (SMTP 5xx, a template that cannot render) is given up at once.
 * One message at a time: a relay outage costs one connection attempt per due message, no more.
 */
import type { Transporter } from 'nodemailer';
import type { OutgoingMail } from './compose';
import { PermanentDeliveryError } from './errors';

export { PermanentDeliveryError };

/** One message a source offers for delivery. */
export interface DeliveryItem {
  id: string;
  sessionId: string;
  /** Attempts before this one. */
  attempts: number;
  /** Kind for the log line (template name or "reply"). */
  label: string;
  maybeSent: boolean;
  /** Builds the mail; throwing a `PermanentDeliveryError` gives the message up. */
  build(): OutgoingMail;
}

/** A durable queue the loop delivers from; each method settles in the queue's own database (local or shared, so it may be async). */
export interface DeliverySource {
  name: string;
  due(limit: number, now: string): DeliveryItem[] | Promise<DeliveryItem[]>;
  claim(id: string, now: string): boolean | Promise<boolean>;
  sent(id: string, now: string): void | Promise<void>;
  failed(id: string, code: string, retryAt?: string): void | Promise<void>;
  nextDueAt(): string | undefined | Promise<string | undefined>;
}

export interface BackoffOptions {
  /** First retry delay (default 30 s), doubled per attempt up to `maxMs` (default 1 h). */
  baseMs: number;
  maxMs: number;
  /** After this many attempts the message is given up (default 12: about half a day). */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 12 };

export interface DeliveryLoop {
  /** Something was queued: look now instead of at the next poll. */
  kick(): void;
  /** Resolves once a full round found nothing due (tests; messages waiting for a retry are not due). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Delay before attempt `attempts + 1`: base × 2^(attempts−1), capped. */
export function backoffDelay(attempts: number, b: BackoffOptions): number {
  return Math.min(b.baseMs * 2 ** Math.max(0, attempts - 1), b.maxMs);
}

/** SMTP 5xx is a refusal for good; connection errors and 4xx are worth another try. */
export function classifySendError(err: unknown): { code: string; permanent: boolean } {
  const e = err as { code?: string; responseCode?: number; name?: string };
  const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const code = [e?.code ?? e?.name ?? 'send_failed', responseCode].filter((x) => x !== undefined).join(':');
  return { code, permanent: responseCode !== undefined && responseCode >= 500 && responseCode < 600 };
}

export function startDeliveryLoop(opts: {
  sources: DeliverySource[];
  transport: Pick<Transporter, 'sendMail'>;
  now: () => Date;
  log: (line: Record<string, unknown>) => void;
  backoff?: Partial<BackoffOptions>;
  /** Longest sleep between looks at the sources (default 5 s): catches rows queued by other writers. */
  pollMs?: number;
  batch?: number;
}): DeliveryLoop {
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const pollMs = opts.pollMs ?? 5_000;
  const batch = opts.batch ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  async function deliver(source: DeliverySource, item: DeliveryItem): Promise<void> {
    const attempt = item.attempts + 1;
    const base = { source: source.name, id: item.id, session: item.sessionId, kind: item.label, attempt };
    let mail: OutgoingMail;
    try {
      mail = item.build();
    } catch (err) {
      const code = err instanceof PermanentDeliveryError ? err.code : 'build_failed';
      await source.failed(item.id, code);
      opts.log({ level: 'error', msg: 'email given up', ...base, reason: code });
      return;
    }
    if (item.maybeSent) opts.log({ level: 'warn', msg: 'email resent after an unsettled attempt', ...base });
    try {
      await opts.transport.sendMail({
        from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
        inReplyTo: mail.inReplyTo, references: mail.references, headers: mail.headers,
      });
    } catch (err) {
      const { code, permanent } = classifySendError(err);
      if (permanent || attempt >= backoff.maxAttempts) {
        await source.failed(item.id, code);
        opts.log({ level: 'error', msg: 'email given up', ...base, reason: permanent ? 'refused' : 'too_many_attempts', error: code });
      } else {
        const retryAt = new Date(opts.now().getTime() + backoffDelay(attempt, backoff)).toISOString();
        await source.failed(item.id, code, retryAt);
        opts.log({ level: 'warn', msg: 'email relay failed, will retry', ...base, error: code, retryAt });
      }
      return;
    }
    await source.sent(item.id, opts.now().toISOString());
    opts.log({ level: 'info', msg: 'email sent', ...base });
  }

  /** One pass over every source; returns how many messages it attempted. */
  async function round(): Promise<number> {
    let attempted = 0;
    for (const source of opts.sources) {
      let items: DeliveryItem[];
      try {
        items = await source.due(batch, opts.now().toISOString());
      } catch (err) {
        opts.log({ level: 'error', msg: 'email queue unreadable', source: source.name, error: (err as Error)?.name });
        continue;
      }
      for (const item of items) {
        if (stopped) return attempted;
        try {
          if (!(await source.claim(item.id, opts.now().toISOString()))) continue;
          attempted++;
          await deliver(source, item);
        } catch (err) {
          opts.log({ level: 'error', msg: 'email delivery error', source: source.name, id: item.id, error: (err as Error)?.name });
        }
      }
    }
    return attempted;
  }

  async function schedule(): Promise<void> {
    if (stopped) return;
    let delay = pollMs;
    for (const s of opts.sources) {
      try {
        const at = await s.nextDueAt();
        if (at) delay = Math.min(delay, Math.max(0, Date.parse(at) - opts.now().getTime()));
      } catch {
        /* an unreadable source is logged by the round itself */
      }
    }
    // A kick while we looked started a run; that run schedules when it ends.
    if (stopped || running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, delay);
    timer.unref();
  }

  function kick(): void {
    if (stopped) return;
    if (running) { again = true; return; }
    if (timer) { clearTimeout(timer); timer = undefined; }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        const n = await round();
        total += n;
        if (n > 0) again = true;
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = undefined;
      void schedule();
    });
  }

  setImmediate(kick);

  return {
    kick,
    async drain() {
      for (;;) {
        if (stopped) return;
        if (running) { await running.catch(() => 0); continue; }
        kick();
        // A fresh run that found nothing due means everything queued before drain() is settled.
        if ((await (running ?? Promise.resolve(0)).catch(() => 0)) === 0) return;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => 0);
    },
  };
}
