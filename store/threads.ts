/**
 * E-mail threads: which session a Message-ID belongs to (ids stored as sha256, never in clear),
 * which of them the channel itself sent, the channel's sealed thread record (address, subject,
 * references) per session, and the sealed attachments the desk lists.
 */
import { createHash } from 'node:crypto';
import type { StoredAttachmentRow, ThreadStore } from './contract';
import type { StoreDb, StoreSchema } from './schema';

const toAttachment = (r: StoreSchema['email_attachments']): StoredAttachmentRow => ({
  id: r.id, sessionId: r.session_id, metaSealed: Buffer.from(r.meta_sealed), contentType: r.content_type, size: Number(r.size),
  dataSealed: Buffer.from(r.data_sealed), receivedAt: r.received_at,
});

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
    async markOurs(messageId, sessionId, at) {
      await db.insertInto('email_our_ids').values({ id_hash: hashMessageId(messageId), session_id: sessionId, at })
        .onConflict((oc) => oc.column('id_hash').doNothing()).execute();
    },
    async importHashedOurIds(rows) {
      for (const r of rows) {
        await db.insertInto('email_our_ids').values({ id_hash: r.idHash, session_id: r.sessionId, at: r.at })
          .onConflict((oc) => oc.column('id_hash').doNothing()).execute();
      }
    },
    async sessionOfOurIds(ids) {
      if (ids.length === 0) return undefined;
      const hashes = ids.map(hashMessageId);
      const rows = await db.selectFrom('email_our_ids').select(['id_hash', 'session_id']).where('id_hash', 'in', [...new Set(hashes)]).execute();
      const bySession = new Map(rows.map((r) => [r.id_hash, r.session_id]));
      for (const h of [...hashes].reverse()) if (bySession.has(h)) return bySession.get(h);
      return undefined;
    },
    async allThreads() {
      const rows = await db.selectFrom('email_threads').select(['session_id', 'thread_sealed']).orderBy('session_id').execute();
      return rows.map((r) => ({ sessionId: r.session_id, sealed: Buffer.from(r.thread_sealed) }));
    },
    async saveAttachment(a) {
      await db.insertInto('email_attachments').values({
        id: a.id, session_id: a.sessionId, meta_sealed: a.metaSealed, content_type: a.contentType, size: a.size, data_sealed: a.dataSealed, received_at: a.receivedAt,
      }).onConflict((oc) => oc.column('id').doNothing()).execute();
    },
    async attachments(sessionId) {
      const rows = await db.selectFrom('email_attachments').selectAll().where('session_id', '=', sessionId).orderBy('received_at').orderBy('id').execute();
      return rows.map(toAttachment);
    },
    async attachment(id) {
      const r = await db.selectFrom('email_attachments').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAttachment(r) : undefined;
    },
    async thread(sessionId) {
      const r = await db.selectFrom('email_threads').select('thread_sealed').where('session_id', '=', sessionId).executeTakeFirst();
      return r ? Buffer.from(r.thread_sealed) : undefined;
    },
  };
}
