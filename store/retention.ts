/**
 * What retention needs from the shared store: forget everything of one session (its outbox rows,
 * e-mail thread, message ids and attachments, address challenges, case entry, action records), and drop what has expired. Calendar
 * bookings stay: they hold no personal data and keep the desks' time blocked.
 */
import { sql } from 'kysely';
import type { RetentionStore } from './contract';
import type { StoreDb } from './schema';

export function createRetentionStore(db: StoreDb): RetentionStore {
  return {
    async forgetSession(sessionId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('outbox').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('email_threads').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('email_message_ids').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('email_our_ids').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('email_attachments').where('session_id', '=', sessionId).execute();
        await trx.deleteFrom('address_challenges').where('lane', '=', sessionId).execute();
        await trx.deleteFrom('cases').where('session_id', '=', sessionId).execute();
        // Keys start with the session id (host loop's idempotencyKey); substr avoids LIKE wildcards in ids.
        await trx.deleteFrom('action_runs').where(sql<boolean>`substr(key, 1, ${sessionId.length}) = ${sessionId}`).execute();
      });
    },
    async purgeExpired({ now, settledBefore }) {
      const nonces = await db.deleteFrom('nonces').where('expires_at', '<=', now).executeTakeFirst();
      await db.deleteFrom('address_challenges').where('expires_at', '<=', now).execute();
      let outbox = 0;
      if (settledBefore) {
        const res = await db.deleteFrom('outbox').where('status', 'in', ['sent', 'failed']).where('created_at', '<', settledBefore).executeTakeFirst();
        outbox = Number(res.numDeletedRows);
      }
      return { nonces: Number(nonces.numDeletedRows), outbox };
    },
  };
}
