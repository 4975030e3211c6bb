/**
 * Migrations of the shared store, one list for both dialects (Kysely's schema builder writes the
 * DDL of each). Applied in order, each once, recorded in `store_migrations`; concurrent starters
 * (two workers at once) serialise on the write lock and skip what the other applied.
 */
import type { DialectOps } from './dialect';
import { StoreError } from './errors';
import type { StoreDb } from './schema';

interface Migration { id: string; up(db: StoreDb, ops: DialectOps): Promise<void> }

export const MIGRATIONS: Migration[] = [
  {
    id: '2026-12-01-shared-state',
    async up(db, ops) {
      const bin = ops.binaryType;
      await db.schema.createTable('calendar_bookings').ifNotExists()
        .addColumn('booking', 'text', (c) => c.primaryKey())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('start_min', 'integer', (c) => c.notNull())
        .addColumn('end_min', 'integer', (c) => c.notNull())
        .addColumn('desk', 'integer', (c) => c.notNull())
        .addColumn('concerns', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('booked'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema.createTable('calendar_occupancy').ifNotExists()
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('minute', 'integer', (c) => c.notNull())
        .addColumn('desk', 'integer', (c) => c.notNull())
        .addColumn('booking', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('calendar_occupancy_pk', ['location', 'date', 'minute', 'desk'])
        .execute();
      await db.schema.createIndex('calendar_occupancy_booking').ifNotExists().on('calendar_occupancy').column('booking').execute();
      await db.schema.createTable('action_runs').ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('result', bin, (c) => c.notNull())
        .addColumn('sealed', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('outbox').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('locale', 'text')
        .addColumn('payload', bin, (c) => c.notNull())
        .addColumn('sealed', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_at', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').ifNotExists().on('outbox').columns(['status', 'channel', 'created_at']).execute();
      await db.schema.createIndex('outbox_session').ifNotExists().on('outbox').column('session_id').execute();
      await db.schema.createTable('cases').ifNotExists()
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('desk', 'text', (c) => c.notNull())
        .addColumn('handoff_reason', 'text')
        .addColumn('taken_by', 'text')
        .addColumn('engine', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_desk').ifNotExists().on('cases').columns(['desk', 'updated_at']).execute();
      await db.schema.createTable('email_message_ids').ifNotExists()
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('email_message_ids_session').ifNotExists().on('email_message_ids').column('session_id').execute();
      await db.schema.createTable('email_threads').ifNotExists()
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('thread_sealed', bin, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('nonces').ifNotExists()
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('nonces_pk', ['scope', 'id'])
        .execute();
      await db.schema.createIndex('nonces_expiry').ifNotExists().on('nonces').column('expires_at').execute();
    },
  },
  {
    // sec12 (issue 12): open appointments per contact address, as a hash, kept until the day has passed.
    id: '2026-12-03-booking-contacts',
    async up(db) {
      await db.schema.createTable('calendar_booking_contacts').ifNotExists()
        .addColumn('booking', 'text', (c) => c.primaryKey())
        .addColumn('contact_hash', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calendar_booking_contacts_hash').ifNotExists().on('calendar_booking_contacts').column('contact_hash').execute();
    },
  },
  {
    // email12 (issue 10): the rest of the e-mail channel's state, shared by every serve — our own
    // Message-IDs, attachments, address challenges (codes) and confirmed addresses. The reply
    // queue is the outbox (channel 'reply').
    id: '2026-12-03-email-state',
    async up(db, ops) {
      const bin = ops.binaryType;
      await db.schema.createTable('email_our_ids').ifNotExists()
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('email_our_ids_session').ifNotExists().on('email_our_ids').column('session_id').execute();
      await db.schema.createTable('email_attachments').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('meta_sealed', bin, (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data_sealed', bin, (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('email_attachments_session').ifNotExists().on('email_attachments').column('session_id').execute();
      await db.schema.createTable('address_challenges').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lane', 'text', (c) => c.notNull())
        .addColumn('addr_hash', 'text', (c) => c.notNull())
        .addColumn('ref_hash', 'text')
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('payload', bin, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('address_challenges_addr').ifNotExists().on('address_challenges').column('addr_hash').execute();
      await db.schema.createIndex('address_challenges_lane').ifNotExists().on('address_challenges').column('lane').execute();
      await db.schema.createTable('address_confirmed').ifNotExists()
        .addColumn('addr_hash', 'text', (c) => c.primaryKey())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // tretain10 (issue 10): one data key per Temporal session (sealed with the payload key ring);
    // purge clears it (crypto-shredding) and keeps the row as a tombstone saying when.
    id: '2026-12-03-payload-keys',
    async up(db, ops) {
      await db.schema.createTable('payload_keys').ifNotExists()
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('sealed_key', ops.binaryType)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('shredded_at', 'text')
        .execute();
    },
  },
];

/** Applies the migrations not yet applied; returns the ids it applied. */
export async function migrate(db: StoreDb, ops: DialectOps, now: () => string = () => new Date().toISOString()): Promise<string[]> {
  try {
    await db.schema.createTable('store_migrations').ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
  } catch (err) {
    // Two processes creating it at once on PostgreSQL: the loser sees a duplicate; the table exists.
    if (!ops.isUniqueViolation(err)) throw migrationFailed('store_migrations', err);
  }
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    await ops.write(db, 'amtsweg:store:migrate', async (trx) => {
      const done = await trx.selectFrom('store_migrations').select('id').where('id', '=', m.id).executeTakeFirst();
      if (done) return;
      try {
        await m.up(trx, ops);
      } catch (err) {
        throw migrationFailed(m.id, err);
      }
      await trx.insertInto('store_migrations').values({ id: m.id, applied_at: now() }).execute();
      applied.push(m.id);
    });
  }
  return applied;
}

function migrationFailed(id: string, err: unknown): StoreError {
  return new StoreError('store_migration_failed', `The store migration ${id} failed: ${(err as Error)?.message ?? String(err)}. `
    + 'Check that the database user may create tables, then start again.', false, { cause: err });
}

/** Drops nothing, lists the tables: for tests that compare both dialects. */
export async function tableNames(db: StoreDb): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((n) => n !== 'store_migrations').sort();
}
