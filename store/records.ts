/** Idempotency records of actions: the first completed run of a key is kept; later runs read it. */
import type { IdempotencyRecord, IdempotencyStore } from './contract';
import type { StoreDb } from './schema';

export function createIdempotencyStore(db: StoreDb): IdempotencyStore {
  async function find(key: string): Promise<IdempotencyRecord | undefined> {
    const r = await db.selectFrom('action_runs').selectAll().where('key', '=', key).executeTakeFirst();
    return r ? { key: r.key, name: r.name, result: Buffer.from(r.result), sealed: Number(r.sealed) === 1, createdAt: r.created_at } : undefined;
  }
  return {
    find,
    async record(rec) {
      const res = await db.insertInto('action_runs')
        .values({ key: rec.key, name: rec.name, result: rec.result, sealed: rec.sealed ? 1 : 0, created_at: rec.createdAt })
        .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return rec;
      return (await find(rec.key)) ?? rec;
    },
  };
}
