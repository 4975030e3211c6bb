/**
 * The tables of the shared store as Kysely sees them: one typed description both dialects use.
 * Instants are ISO-8601 text (UTC, `Z`), compared as strings; binary columns are sealed blobs.
 */
import type { Kysely } from 'kysely';

export interface CalendarBookingsTable {
  booking: string; location: string; date: string; start_min: number; end_min: number; desk: number;
  concerns: string; idempotency_key: string; status: string; created_at: string; cancelled_at: string | null;
}
export interface CalendarOccupancyTable { location: string; date: string; minute: number; desk: number; booking: string }
export interface ActionRunsTable { key: string; name: string; result: Buffer; sealed: number; created_at: string }
export interface OutboxTable {
  id: string; session_id: string; template: string; channel: string; locale: string | null; payload: Buffer; sealed: number;
  status: string; attempts: number; next_at: string | null; lease_until: string | null; last_error: string | null;
  created_at: string; sent_at: string | null;
}
export interface CasesTable {
  session_id: string; service: string; channel: string; status: string; desk: string; handoff_reason: string | null;
  taken_by: string | null; engine: string; created_at: string; updated_at: string;
}
export interface EmailMessageIdsTable { id_hash: string; session_id: string; at: string }
export interface EmailThreadsTable { session_id: string; thread_sealed: Buffer; created_at: string; updated_at: string }
export interface NoncesTable { scope: string; id: string; expires_at: string }
export interface CalendarBookingContactsTable { booking: string; contact_hash: string; date: string }
export interface EmailOurIdsTable { id_hash: string; session_id: string; at: string }
export interface EmailAttachmentsTable {
  id: string; session_id: string; meta_sealed: Buffer; content_type: string; size: number; data_sealed: Buffer; received_at: string;
}
export interface AddressChallengesTable {
  id: string; lane: string; addr_hash: string; ref_hash: string | null; code_hash: string; payload: Buffer; attempts: number;
  created_at: string; expires_at: string;
}
export interface AddressConfirmedTable { addr_hash: string; confirmed_at: string }
export interface PayloadKeysTable { session_id: string; sealed_key: Buffer | null; created_at: string; shredded_at: string | null }
export interface StoreMigrationsTable { id: string; applied_at: string }

export interface StoreSchema {
  calendar_bookings: CalendarBookingsTable;
  calendar_occupancy: CalendarOccupancyTable;
  calendar_booking_contacts: CalendarBookingContactsTable;
  action_runs: ActionRunsTable;
  outbox: OutboxTable;
  cases: CasesTable;
  email_message_ids: EmailMessageIdsTable;
  email_threads: EmailThreadsTable;
  email_our_ids: EmailOurIdsTable;
  email_attachments: EmailAttachmentsTable;
  address_challenges: AddressChallengesTable;
  address_confirmed: AddressConfirmedTable;
  nonces: NoncesTable;
  payload_keys: PayloadKeysTable;
  store_migrations: StoreMigrationsTable;
}

export type StoreDb = Kysely<StoreSchema>;
