/**
 * Per-session data keys of Temporal payloads, sealed by the payload key ring (the store never
 * holds a usable key on its own). Shredding clears the key and keeps a tombstone, so a history
 * of a purged session fails to decode with "shredded at …" instead of "unknown key".
 */
import type { PayloadKeyStore, StoredPayloadKey } from './contract';
import type { DialectOps } from './dialect';
import type { StoreDb, StoreSchema } from './schema';

const toStored = (r: StoreSchema['payload_keys']): StoredPayloadKey =>
  (r.sealed_key ? { sealed: Buffer.from(r.sealed_key), createdAt: r.created_at } : { shreddedAt: r.shredded_at ?? r.created_at });

export function createPayloadKeyStore(db: StoreDb, ops: DialectOps): PayloadKeyStore {
  const get = async (sessionId: string): Promise<StoredPayloadKey | undefined> => {
    const r = await db.selectFrom('payload_keys').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
    return r ? toStored(r) : undefined;
  };
  return {
    async create(sessionId, sealed, now) {
      try {
        await db.insertInto('payload_keys').values({ session_id: sessionId, sealed_key: sealed, created_at: now, shredded_at: null })
          .onConflict((oc) => oc.column('session_id').doNothing()).execute();
      } catch (err) {
        if (!ops.isUniqueViolation(err)) throw err;
      }
      return (await get(sessionId))!;
    },
    get,
    async shred(sessionId, now) {
      const res = await db.updateTable('payload_keys').set({ sealed_key: null, shredded_at: now })
        .where('session_id', '=', sessionId).where('sealed_key', 'is not', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
