/**
 * The notification outbox as the delivering channel sees it: due rows decrypted, then claimed,
 * then settled — all in the engine's database, where the row's id is the effect's idempotency key.
 * A claim is an atomic UPDATE with a lease, so two delivery loops never take the same row, and a
 * row whose claimant died (lease expired, never settled) becomes due again, flagged `maybeSent`.
 */
import type { Database } from 'better-sqlite3';
import { channelOf } from '../../activities/notify';
import type { Sealer } from '../../activities/types';
import type { Locale } from '../../core/definition/schema';
import type { NotificationOutbox, OutboxItem } from '../types';

/** How long a claimed row stays with its claimant before another loop may take it again. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

interface OutboxRow {
  id: string; session_id: string; template: string; payload: Buffer; sealed: number; status: string;
  created_at: string; channel: string | null; attempts: number;
}

const DUE = `((status = 'queued' AND (next_at IS NULL OR next_at <= @now)) OR (status = 'sending' AND lease_until <= @now))`;

/** Addresses and phone numbers never reach the database in an error text. */
export function redactError(error: string): string {
  return String(error)
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<address>')
    .replace(/\+?\d[\d /-]{6,}\d/g, '<number>')
    .slice(0, 200);
}

export function createOutbox(deps: {
  db: Database;
  sealer: Sealer;
  nowIso: () => string;
  /** The session's locale; undefined when the session's data cannot be read (purged). */
  localeOf: (sessionId: string) => Locale | undefined;
  guard: () => void;
}): NotificationOutbox {
  const { db, sealer, nowIso, guard } = deps;
  const channelFilter = (filter?: { channel?: string }) => (filter?.channel ? ' AND (channel = @channel OR channel IS NULL)' : '');

  function decode(r: OutboxRow): OutboxItem {
    const text = r.sealed ? sealer.open(r.payload) : r.payload.toString('utf8');
    const { to, data } = JSON.parse(text) as { to?: string; data?: Record<string, unknown> };
    let locale: Locale | undefined;
    try {
      locale = deps.localeOf(r.session_id);
    } catch {
      locale = undefined;
    }
    return {
      id: r.id, sessionId: r.session_id, channel: (r.channel as OutboxItem['channel'] | null) ?? channelOf(to), to, template: r.template,
      data: data ?? {}, locale: locale ?? 'de', attempts: r.attempts, createdAt: r.created_at, maybeSent: r.status === 'sending',
    };
  }

  return {
    pending(limit = 20, filter) {
      guard();
      const rows = db.prepare(`SELECT * FROM outbox WHERE ${DUE}${channelFilter(filter)} ORDER BY created_at, id LIMIT @limit`)
        .all({ now: nowIso(), channel: filter?.channel ?? null, limit: Math.max(1, Math.floor(limit)) }) as OutboxRow[];
      const items = rows.map(decode);
      return filter?.channel ? items.filter((i) => i.channel === filter.channel) : items;
    },

    claim(id, leaseMs = DEFAULT_LEASE_MS) {
      guard();
      const now = nowIso();
      const lease = new Date(Date.parse(now) + leaseMs).toISOString();
      return db.prepare(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = @lease WHERE id = @id AND ${DUE}`)
        .run({ id, now, lease }).changes === 1;
    },

    markSent(id) {
      guard();
      return db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL, next_at = NULL WHERE id = ? AND status IN ('queued', 'sending')`)
        .run(nowIso(), id).changes === 1;
    },

    markFailed(id, error, retryAt) {
      guard();
      if (retryAt !== undefined && Number.isNaN(Date.parse(retryAt))) {
        throw new Error(`markFailed: retryAt "${retryAt}" is not an ISO instant. Pass e.g. new Date(Date.now() + 60000).toISOString(), or leave it out to give up.`);
      }
      const status = retryAt === undefined ? 'failed' : 'queued';
      return db.prepare(`UPDATE outbox SET status = ?, next_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND status IN ('queued', 'sending')`)
        .run(status, retryAt ?? null, redactError(error), id).changes === 1;
    },

    nextDueAt(filter) {
      guard();
      const row = db.prepare(`SELECT MIN(CASE WHEN status = 'sending' THEN lease_until ELSE COALESCE(next_at, created_at) END) AS at
        FROM outbox WHERE status IN ('queued', 'sending')${channelFilter(filter)}`).get({ channel: filter?.channel ?? null }) as { at: string | null };
      return row.at ?? undefined;
    },

    counts() {
      guard();
      const out = { queued: 0, sending: 0, sent: 0, failed: 0 };
      for (const r of db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: keyof typeof out; n: number }[]) {
        if (r.status in out) out[r.status] = r.n;
      }
      return out;
    },
  };
}
