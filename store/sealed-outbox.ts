/**
 * The outbox as a delivering channel sees it (engine/types `NotificationOutbox`): rows of the
 * shared store opened with the sealer of the hosts that queued them, settled in the store.
 */
import type { Sealer } from '../activities/types';
import type { Locale } from '../core/definition/schema';
import type { NotificationOutbox, OutboxItem } from '../host/types';
import type { OutboxRow, OutboxStore } from './contract';

/** How long a claimed row stays with its claimant before another loop may take it again. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

export function sealedOutbox(store: OutboxStore, deps: {
  sealer?: Sealer;
  nowIso?: () => string;
  /** The session's locale when the row has none (rows of older hosts); undefined when unknown. */
  localeOf?: (sessionId: string) => Locale | undefined;
  /** Throws when the owner is closed. */
  guard?: () => void;
}): NotificationOutbox {
  const nowIso = deps.nowIso ?? (() => new Date().toISOString());
  const guard = deps.guard ?? (() => undefined);

  /** The channels a notification goes to; the e-mail channel's own replies ('reply') are not notifications. */
  const NOTIFICATION_CHANNELS: OutboxItem['channel'][] = ['email', 'sms', 'none', 'http'];

  function decode(r: OutboxRow): OutboxItem {
    const text = r.sealed ? (deps.sealer ? deps.sealer.open(r.payload) : '{}') : r.payload.toString('utf8');
    const { to, data } = JSON.parse(text) as { to?: string; data?: Record<string, unknown> };
    let locale = r.locale as Locale | undefined;
    if (!locale) {
      try { locale = deps.localeOf?.(r.sessionId); } catch { locale = undefined; }
    }
    return {
      id: r.id, sessionId: r.sessionId, channel: r.channel as OutboxItem['channel'], to, template: r.template, data: data ?? {}, locale: locale ?? 'de',
      attempts: r.attempts, createdAt: r.createdAt, maybeSent: r.status === 'sending',
    };
  }

  return {
    async pending(limit = 20, filter) {
      guard();
      return (await store.pending(nowIso(), limit, filter?.channel ?? NOTIFICATION_CHANNELS)).map(decode);
    },
    async claim(id, leaseMs = DEFAULT_LEASE_MS) {
      guard();
      return store.claim(id, nowIso(), leaseMs);
    },
    async markSent(id) {
      guard();
      return store.markSent(id, nowIso());
    },
    async markFailed(id, error, retryAt) {
      guard();
      if (retryAt !== undefined && Number.isNaN(Date.parse(retryAt))) {
        throw new Error(`markFailed: retryAt "${retryAt}" is not an ISO instant. Pass e.g. new Date(Date.now() + 60000).toISOString(), or leave it out to give up.`);
      }
      return store.markFailed(id, error, retryAt);
    },
    async nextDueAt(filter) {
      guard();
      return store.nextDueAt(filter?.channel ?? NOTIFICATION_CHANNELS);
    },
    async counts() {
      guard();
      return store.counts();
    },
  };
}

/** Seals and queues one notification; the id is the idempotency key (a repeat queues nothing). */
export async function enqueueSealed(store: OutboxStore, sealer: Sealer | undefined, entry: {
  id: string; sessionId: string; to?: string; template: string; data: Record<string, unknown>; now: string; locale?: string;
  channel: OutboxRow['channel'];
}): Promise<boolean> {
  const json = JSON.stringify({ to: entry.to, data: entry.data ?? {} });
  return store.enqueue({
    id: entry.id, sessionId: entry.sessionId, template: entry.template, channel: entry.channel, locale: entry.locale,
    payload: sealer ? sealer.seal(json) : Buffer.from(json, 'utf8'), sealed: Boolean(sealer), now: entry.now,
  });
}
