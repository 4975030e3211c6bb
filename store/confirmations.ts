/**
 * Address challenges (a code sent to an address, waiting to be given back) and confirmed
 * addresses, shared by every process: a code sent by one `serve` is accepted by another. Hashes
 * and sealed payloads come from the caller; a take is one DELETE, so a code works exactly once.
 */
import type { AddressChallengeRow, ConfirmationStore } from './contract';
import type { StoreDb, StoreSchema } from './schema';

const toRow = (r: StoreSchema['address_challenges']): AddressChallengeRow => ({
  id: r.id, lane: r.lane, addrHash: r.addr_hash, ...(r.ref_hash ? { refHash: r.ref_hash } : {}), codeHash: r.code_hash,
  payload: Buffer.from(r.payload), attempts: Number(r.attempts), createdAt: r.created_at, expiresAt: r.expires_at,
});

export function createConfirmationStore(db: StoreDb): ConfirmationStore {
  return {
    async hold(row) {
      await db.insertInto('address_challenges').values({
        id: row.id, lane: row.lane, addr_hash: row.addrHash, ref_hash: row.refHash ?? null, code_hash: row.codeHash, payload: row.payload,
        attempts: row.attempts, created_at: row.createdAt, expires_at: row.expiresAt,
      }).onConflict((oc) => oc.column('id').doNothing()).execute();
    },
    async get(id, now) {
      const r = await db.selectFrom('address_challenges').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
      return r ? toRow(r) : undefined;
    },
    async ofAddress(addrHash, now) {
      const rows = await db.selectFrom('address_challenges').selectAll().where('addr_hash', '=', addrHash).where('expires_at', '>', now)
        .orderBy('created_at').orderBy('id').execute();
      return rows.map(toRow);
    },
    async take(id) {
      const res = await db.deleteFrom('address_challenges').where('id', '=', id).executeTakeFirst();
      return Number(res.numDeletedRows) === 1;
    },
    async failedAttempt(id) {
      await db.updateTable('address_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
      const r = await db.selectFrom('address_challenges').select('attempts').where('id', '=', id).executeTakeFirst();
      return r ? Number(r.attempts) : 0;
    },
    async isConfirmed(addrHash) {
      return (await db.selectFrom('address_confirmed').select('addr_hash').where('addr_hash', '=', addrHash).executeTakeFirst()) !== undefined;
    },
    async confirm(addrHash, at) {
      await db.insertInto('address_confirmed').values({ addr_hash: addrHash, confirmed_at: at }).onConflict((oc) => oc.column('addr_hash').doNothing()).execute();
    },
    async purgeExpired(now) {
      const res = await db.deleteFrom('address_challenges').where('expires_at', '<=', now).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
