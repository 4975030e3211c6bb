/**
 * The two durable sources the e-mail delivery loop sends from: the engine's notification outbox
 * (rendered through the templates) and the channel's own reply queue.
 */
import { createHash } from 'node:crypto';
import type { NotificationOutbox, OutboxItem } from '../../host/types';
import type { OutgoingMail } from './compose';
import { PermanentDeliveryError, type DeliverySource } from './delivery';
import type { OutgoingQueue } from './outgoing-queue';
import { renderNotification, TemplateError } from './templates';

/** Claimed messages stay with this process this long; longer than nodemailer's slowest timeout. */
export const DELIVERY_LEASE_MS = 15 * 60_000;

/**
 * The Message-ID of a notification, derived from its outbox id: if a crash forces a resend, the
 * copy carries the same id, so mail systems and clients can recognise it as the same message.
 */
export function notificationMessageId(outboxId: string, serviceAddress: string): string {
  const domain = serviceAddress.split('@')[1] || 'amtsweg.localhost';
  return `<n-${createHash('sha256').update(outboxId).digest('hex').slice(0, 32)}@${domain}>`;
}

/** Builds the mail of one outbox item; a TemplateError becomes a permanent failure. */
export function notificationMail(item: OutboxItem, serviceAddress: string): OutgoingMail {
  if (!item.to) throw new PermanentDeliveryError('no_recipient', `Notification ${item.id} has no recipient address.`);
  try {
    const locale = item.locale === 'en' ? 'en' : 'de';
    const { subject, text } = renderNotification(item.template, item.data, { locale, serviceAddress });
    return {
      from: serviceAddress, to: item.to, subject, text, messageId: notificationMessageId(item.id, serviceAddress),
      // Auto-generated (RFC 3834): auto-responders must not answer it.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    };
  } catch (err) {
    if (err instanceof TemplateError) throw new PermanentDeliveryError(err.code, err.message);
    throw err;
  }
}

/** Notifications queued by `notify.send` for e-mail addresses. */
export function notificationSource(outbox: NotificationOutbox, serviceAddress: string): DeliverySource {
  return {
    name: 'outbox',
    due: async (limit) => (await outbox.pending(limit, { channel: 'email' })).map((item) => ({
      id: item.id, sessionId: item.sessionId, attempts: item.attempts, label: item.template, maybeSent: item.maybeSent,
      build: () => notificationMail(item, serviceAddress),
    })),
    claim: (id) => outbox.claim(id, DELIVERY_LEASE_MS),
    sent: async (id) => { await outbox.markSent(id); },
    failed: async (id, code, retryAt) => { await outbox.markFailed(id, code, retryAt); },
    nextDueAt: () => outbox.nextDueAt({ channel: 'email' }),
  };
}

/** The channel's replies in threads (conversation turns, staff answers, reminders). */
export function replySource(queue: OutgoingQueue): DeliverySource {
  return {
    name: 'replies',
    due: async (limit, now) => (await queue.due(limit, now)).map((r) => ({
      id: r.id, sessionId: r.sessionId, attempts: r.attempts, label: 'reply', maybeSent: r.maybeSent, build: () => r.mail,
    })),
    claim: (id, now) => queue.claim(id, now, DELIVERY_LEASE_MS),
    sent: async (id, now) => { await queue.markSent(id, now); },
    failed: async (id, code, retryAt) => { await queue.markFailed(id, code, retryAt); },
    nextDueAt: () => queue.nextDueAt(),
  };
}
