/**
 * `notify.send`: queues a message in the shared store's outbox. Delivery (SMTP, SMS) is the
 * channels' job, through `NotificationOutbox` (claim, mark sent / failed; store/sealed-outbox.ts).
 * Recipient and data are personal: sealed when a sealer is given.
 */
import type { OutboxStore } from '../store/contract';
import { enqueueSealed } from '../store/sealed-outbox';
import { badInput } from './errors';
import type { Sealer } from './types';

/** Which channel delivers a message to `to`: an e-mail address, a phone number (SMS), or none. */
export function channelOf(to: string | undefined): 'email' | 'sms' | 'none' {
  if (!to) return 'none';
  if (/^[^@\s]+@[^@\s]+$/.test(to.trim())) return 'email';
  if (/^\+?[0-9][0-9 /-]{5,}$/.test(to.trim())) return 'sms';
  return 'none';
}

export interface OutboxEntry { id: string; sessionId: string; template: string; to?: string; data: Record<string, unknown>; status: string; createdAt: string }

/** Queues one message; the id is the idempotency key, so a repeated call queues nothing new. */
export async function enqueueNotification(
  outbox: OutboxStore, sealer: Sealer | undefined,
  entry: { id: string; sessionId: string; to?: string; template: string; data: Record<string, unknown>; now: string; locale?: string },
): Promise<{ queued: string }> {
  if (!entry.template || typeof entry.template !== 'string') throw badInput('notify.send', 'template', 'a template name');
  if (entry.to !== undefined && typeof entry.to !== 'string') throw badInput('notify.send', 'to', 'an e-mail address or phone number');
  await enqueueSealed(outbox, sealer, { ...entry, data: entry.data ?? {}, channel: channelOf(entry.to) });
  return { queued: entry.id };
}

/** Reads the messages of a session (or all queued ones are not listed here: use `pending`), decrypted. */
export async function readOutbox(outbox: OutboxStore, sealer: Sealer | undefined, sessionId: string): Promise<OutboxEntry[]> {
  const rows = await outbox.ofSession(sessionId);
  return rows.map((r) => {
    const text = r.sealed ? (sealer ? sealer.open(r.payload) : '{}') : r.payload.toString('utf8');
    const { to, data } = JSON.parse(text) as { to?: string; data: Record<string, unknown> };
    return { id: r.id, sessionId: r.sessionId, template: r.template, to, data, status: r.status, createdAt: r.createdAt };
  });
}
