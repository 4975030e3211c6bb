/**
 * The notification outbox over Kysely. A row's id is the effect's idempotency key (a repeated
 * enqueue queues nothing); a claim is one conditional UPDATE with a lease, so two delivery loops
 * on any machines never take the same row, and a row whose claimant died becomes due again.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { OutboxChannel, OutboxCounts, OutboxRow, OutboxStore } from './contract';
import type { StoreDb, StoreSchema } from './schema';

/** Addresses and phone numbers never reach the database in an error text. */
export function redactError(error: string): string {
  return String(error)
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<address>')
    .replace(/\+?\d[\d /-]{6,}\d/g, '<number>')
    .slice(0, 200);
}

const due = (now: string) => (eb: ExpressionBuilder<StoreSchema, 'outbox'>) => eb.or([
  eb.and([eb('outbox.status', '=', 'queued'), eb.or([eb('outbox.next_at', 'is', null), eb('outbox.next_at', '<=', now)])]),
  eb.and([eb('outbox.status', '=', 'sending'), eb('outbox.lease_until', '<=', now)]),
]);

type Raw = StoreSchema['outbox'];
const toRow = (r: Raw): OutboxRow => ({
  id: r.id, sessionId: r.session_id, template: r.template, channel: r.channel as OutboxChannel, locale: r.locale ?? undefined,
  payload: Buffer.from(r.payload), sealed: Number(r.sealed) === 1, status: r.status as OutboxRow['status'], attempts: Number(r.attempts),
  createdAt: r.created_at, lastError: r.last_error ?? undefined,
});

export function createOutboxStore(db: StoreDb): OutboxStore {
  return {
    async enqueue(e) {
      const res = await db.insertInto('outbox').values({
        id: e.id, session_id: e.sessionId, template: e.template, channel: e.channel, locale: e.locale ?? null, payload: e.payload,
        sealed: e.sealed ? 1 : 0, status: 'queued', attempts: 0, next_at: null, lease_until: null, last_error: null, created_at: e.now, sent_at: null,
      }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async pending(now, limit, channel, opts) {
      let q = db.selectFrom('outbox').selectAll('outbox').where(due(now));
      if (channel) q = q.where('outbox.channel', 'in', [channel].flat());
      if (opts?.inSessionOrder) {
        // A reply waits for the earlier undelivered replies of its session: one thread, in order.
        q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('outbox as e').select('e.id')
          .whereRef('e.session_id', '=', 'outbox.session_id').whereRef('e.channel', '=', 'outbox.channel')
          .where('e.status', 'in', ['queued', 'sending'])
          .where((eb) => eb.or([eb('e.created_at', '<', eb.ref('outbox.created_at')), eb.and([eb('e.created_at', '=', eb.ref('outbox.created_at')), eb('e.id', '<', eb.ref('outbox.id'))])])))));
      }
      const rows = await q.orderBy('outbox.created_at').orderBy('outbox.id').limit(Math.max(1, Math.floor(limit))).execute();
      return rows.map(toRow);
    },

    async claim(id, now, leaseMs) {
      const lease = new Date(Date.parse(now) + leaseMs).toISOString();
      const res = await db.updateTable('outbox').set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), lease_until: lease }))
        .where('id', '=', id).where(due(now)).executeTakeFirst();
      return res.numUpdatedRows === 1n;
    },

    async markSent(id, now, opts) {
      const res = await db.updateTable('outbox').set({ status: 'sent', sent_at: now, lease_until: null, next_at: null, ...(opts?.dropPayload ? { payload: Buffer.alloc(0) } : {}) })
        .where('id', '=', id).where('status', 'in', ['queued', 'sending']).executeTakeFirst();
      return res.numUpdatedRows === 1n;
    },

    async markFailed(id, error, retryAt) {
      const res = await db.updateTable('outbox').set({
        status: retryAt === undefined ? 'failed' : 'queued', next_at: retryAt ?? null, lease_until: null, last_error: redactError(error),
      }).where('id', '=', id).where('status', 'in', ['queued', 'sending']).executeTakeFirst();
      return res.numUpdatedRows === 1n;
    },

    async nextDueAt(channel) {
      let q = db.selectFrom('outbox')
        .select(sql<string | null>`min(case when status = 'sending' then lease_until else coalesce(next_at, created_at) end)`.as('at'))
        .where('status', 'in', ['queued', 'sending']);
      if (channel) q = q.where('channel', 'in', [channel].flat());
      return (await q.executeTakeFirst())?.at ?? undefined;
    },

    async counts() {
      const out: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
      const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
      for (const r of rows) if (r.status in out) out[r.status as keyof OutboxCounts] = Number(r.n);
      return out;
    },

    async ofSession(sessionId) {
      const rows = await db.selectFrom('outbox').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRow);
    },
  };
}
