/**
 * E-mail threads: which session a Message-ID belongs to (ids stored as sha256, never in clear)
 * and the channel's sealed thread record (address, subject, references) per session.
 */
import { createHash } from 'node:crypto';
import type { ThreadStore } from './contract';
import type { StoreDb } from './schema';

/** The stored form of a Message-ID: angle brackets and case do not matter. */
export function hashMessageId(id: string): string {
  return createHash('sha256').update(id.trim().replace(/^<|>$/g, '').toLowerCase()).digest('hex');
}

export function createThreadStore(db: StoreDb): ThreadStore {
  return {
    async sessionOfMessageIds(ids) {
      if (ids.length === 0) return undefined;
      const hashes = ids.map(hashMessageId);
      const rows = await db.selectFrom('email_message_ids').select(['id_hash', 'session_id']).where('id_hash', 'in', [...new Set(hashes)]).execute();
      const bySession = new Map(rows.map((r) => [r.id_hash, r.session_id]));
      // The newest reference stands last in References: look from the end.
      for (const h of [...hashes].reverse()) if (bySession.has(h)) return bySession.get(h);
      return undefined;
    },
    async seen(messageId) {
      return (await db.selectFrom('email_message_ids').select('session_id').where('id_hash', '=', hashMessageId(messageId)).executeTakeFirst()) !== undefined;
    },
    async linkMessageId(messageId, sessionId, at) {
      await db.insertInto('email_message_ids').values({ id_hash: hashMessageId(messageId), session_id: sessionId, at })
        .onConflict((oc) => oc.column('id_hash').doNothing()).execute();
    },
    async saveThread(sessionId, sealed, at) {
      await db.insertInto('email_threads').values({ session_id: sessionId, thread_sealed: sealed, created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('session_id').doUpdateSet({ thread_sealed: sealed, updated_at: at })).execute();
    },
    async importHashedMessageIds(rows) {
      for (const r of rows) {
        await db.insertInto('email_message_ids').values({ id_hash: r.idHash, session_id: r.sessionId, at: r.at })
          .onConflict((oc) => oc.column('id_hash').doNothing()).execute();
      }
    },
    async thread(sessionId) {
      const r = await db.selectFrom('email_threads').select('thread_sealed').where('session_id', '=', sessionId).executeTakeFirst();
      return r ? Buffer.from(r.thread_sealed) : undefined;
    },
  };
}
