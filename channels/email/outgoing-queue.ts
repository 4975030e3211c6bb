/**
 * The channel's own replies, queued in the shared store's outbox (channel `reply`): a reply is
 * committed there before anything is sent, so a relay outage, a restart or the loss of a whole
 * serve loses nothing, and any serve may deliver it. Rows are sealed by the channel (address,
 * subject, text); claimed with a lease, settled once. Replies of one session go out in order: a
 * row waits while an earlier row of its session is still undelivered.
 */
import type { OutboxStore } from '../../store/contract';
import type { Sealer } from '../security';
import type { OutgoingMail } from './compose';
import { randomId } from '../../platform/crypto';

export interface QueuedReply { id: string; sessionId: string; mail: OutgoingMail; attempts: number; maybeSent: boolean }

/** The template name of a reply row: a composed mail, not a notification template. */
export const REPLY_TEMPLATE = 'email.reply';

export class OutgoingQueue {
  private seq = 0;
  constructor(private readonly outbox: OutboxStore, private readonly sealer: Sealer) {}

  /** Commits a reply for delivery; returns its queue id. */
  async enqueue(mail: OutgoingMail, sessionId: string, now: string, fixedId?: string): Promise<string> {
    // Ids sort in the order of this process's enqueues within one millisecond (session order).
    this.seq = (this.seq + 1) % 1e9;
    const id = fixedId ?? `reply:${now}:${String(this.seq).padStart(9, '0')}:${randomId(6)}`;
    await this.outbox.enqueue({ id, sessionId, template: REPLY_TEMPLATE, channel: 'reply', payload: this.sealer.seal(JSON.stringify(mail)), sealed: true, now });
    return id;
  }

  /** Replies due now, oldest first, at most one per session (the earliest undelivered one). */
  async due(limit: number, now: string): Promise<QueuedReply[]> {
    const rows = await this.outbox.pending(now, limit, 'reply', { inSessionOrder: true });
    return rows.map((r) => ({
      id: r.id, sessionId: r.sessionId, mail: JSON.parse(this.sealer.openText(r.payload)) as OutgoingMail,
      attempts: r.attempts, maybeSent: r.status === 'sending',
    }));
  }

  claim(id: string, now: string, leaseMs: number): Promise<boolean> { return this.outbox.claim(id, now, leaseMs); }
  /** Settles a reply as sent and drops its content: the transcript keeps the text, the queue need not. */
  markSent(id: string, now: string): Promise<boolean> { return this.outbox.markSent(id, now, { dropPayload: true }); }

  /** With `retryAt` the reply is due again then; without, it is given up. `error` is a code, never personal data. */
  markFailed(id: string, error: string, retryAt?: string): Promise<boolean> { return this.outbox.markFailed(id, error, retryAt); }

  nextDueAt(): Promise<string | undefined> { return this.outbox.nextDueAt('reply'); }
}
