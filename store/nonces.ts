/**
 * Webhook nonces: a (scope, id) is accepted once until it expires, on every machine at once — one
 * INSERT … ON CONFLICT, whose update branch only revives an expired row.
 */
import type { NonceStore } from './contract';
import type { StoreDb } from './schema';

export function createNonceStore(db: StoreDb): NonceStore {
  return {
    async claim(scope, id, expiresAt, now = new Date().toISOString()) {
      const res = await db.insertInto('nonces').values({ scope, id, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['scope', 'id']).doUpdateSet({ expires_at: expiresAt }).where('nonces.expires_at', '<=', now))
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async release(scope, id) {
      await db.deleteFrom('nonces').where('scope', '=', scope).where('id', '=', id).execute();
    },
    async purgeExpired(now) {
      const res = await db.deleteFrom('nonces').where('expires_at', '<=', now).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
