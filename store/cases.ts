/**
 * The case index the desk lists: one row per session that was ever handed off, with service,
 * status, desk state, handoff reason, who took it and when. Written by whichever host ran the
 * turn, read by every `serve` — so the desk sees the same cases on every machine.
 */
import type { CaseEntry, CaseIndex, DeskState } from './contract';
import type { StoreDb, StoreSchema } from './schema';

const toEntry = (r: StoreSchema['cases']): CaseEntry => ({
  sessionId: r.session_id, service: r.service, channel: r.channel, status: r.status, desk: r.desk as DeskState,
  ...(r.handoff_reason ? { handoffReason: r.handoff_reason } : {}), ...(r.taken_by ? { takenBy: r.taken_by } : {}),
  engine: r.engine as CaseEntry['engine'], createdAt: r.created_at, updatedAt: r.updated_at,
});

export function createCaseIndex(db: StoreDb): CaseIndex {
  return {
    async upsert(e) {
      const row = {
        session_id: e.sessionId, service: e.service, channel: e.channel, status: e.status, desk: e.desk,
        handoff_reason: e.handoffReason ?? null, taken_by: e.takenBy ?? null, engine: e.engine, created_at: e.createdAt, updated_at: e.updatedAt,
      };
      const { session_id: _id, created_at: _created, ...changes } = row;
      await db.insertInto('cases').values(row).onConflict((oc) => oc.column('session_id').doUpdateSet(changes)).execute();
    },
    async list(filter) {
      const status = filter?.status ?? 'all';
      const rows = await db.selectFrom('cases').selectAll()
        .where('desk', 'in', status === 'all' ? ['handoff', 'taken'] : status === 'closed' ? ['closed', 'returned'] : [status])
        .orderBy('updated_at', 'desc').orderBy('session_id').execute();
      return rows.map(toEntry);
    },
    async get(sessionId) {
      const r = await db.selectFrom('cases').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
      return r ? toEntry(r) : undefined;
    },
    async remove(sessionId) {
      await db.deleteFrom('cases').where('session_id', '=', sessionId).execute();
    },
  };
}
