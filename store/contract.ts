/**
 * The store contract: everything sessions share (calendar, idempotency records, notification
 * outbox, case index, e-mail threads, webhook nonces, retention). One interface, implemented once
 * over Kysely and opened on SQLite (embedded default) or PostgreSQL (many machines). Every
 * method is async; personal data arrives sealed (Buffers) — the store never holds keys.
 */
import type { Location } from '../activities/calendar/locations';

export type StoreDialect = 'sqlite' | 'postgres';

// --- calendar ---------------------------------------------------------------------------
export interface BookingRow { booking: string; location: string; date: string; startMin: number; endMin: number; desk: number }

/** What `calendar.book` searches: the first free slot from `date`/`notBefore` on, for `searchDays` days. */
export interface BookingRequest {
  location: Location;
  date: string;
  /** Minute of `date` before which nothing starts. */
  notBefore: number;
  duration: number;
  concerns: string[];
  /** Idempotency key: the same key returns the same booking. */
  key: string;
  now: string;
  searchDays: number;
  /** Limits against one person filling the calendar (issue 12); none when absent. */
  limits?: {
    /** Hash of the contact address and how many open appointments it may hold. */
    contactHash?: string; perContact: number;
    /** New bookings one location takes within `windowMinutes`. */
    perLocation: number; windowMinutes: number;
    /** The calendar's today: contact rows of earlier days are dropped. */
    today: string;
  };
}

export type BookOutcome = { ok: true; booking: BookingRow; existing: boolean } | { ok: false; code: 'no_free_slot' } | { ok: false; code: 'contact_limit' | 'location_rate'; count: number };
export type CancelOutcome = { ok: true; booking: BookingRow } | { ok: false; code: 'booking_not_found' | 'already_cancelled' };

export interface CalendarStore {
  /** Books atomically: unique (location, date, minute, desk) rows make an overlap impossible. */
  book(req: BookingRequest): Promise<BookOutcome>;
  /** Cancels and frees the units; of two concurrent cancellations exactly one succeeds. */
  cancel(booking: string, now: string): Promise<CancelOutcome>;
  /** Booked units of one location and date, per desk. */
  taken(location: string, date: string): Promise<Map<number, Set<number>>>;
  /** Live bookings of a location on a date (tests, desk views). */
  bookings(location: string, date: string): Promise<BookingRow[]>;
}

// --- idempotency records of actions -----------------------------------------------------
export interface IdempotencyRecord { key: string; name: string; result: Buffer; sealed: boolean; createdAt: string }
export interface IdempotencyStore {
  find(key: string): Promise<IdempotencyRecord | undefined>;
  /** Keeps the first record of a key; returns the record that stands (the earlier one on a race). */
  record(r: IdempotencyRecord): Promise<IdempotencyRecord>;
}

// --- notification outbox ----------------------------------------------------------------
export type OutboxChannel = 'email' | 'sms' | 'none' | 'http';
export interface OutboxEnqueue {
  /** The effect's idempotency key: a repeated enqueue of the same id queues nothing new. */
  id: string; sessionId: string; template: string; channel: OutboxChannel; locale?: string;
  payload: Buffer; sealed: boolean; now: string;
}
export interface OutboxRow {
  id: string; sessionId: string; template: string; channel: OutboxChannel; locale?: string; payload: Buffer; sealed: boolean;
  status: 'queued' | 'sending' | 'sent' | 'failed'; attempts: number; createdAt: string; lastError?: string;
}
export interface OutboxCounts { queued: number; sending: number; sent: number; failed: number }
export interface OutboxStore {
  /** True when the row is new. */
  enqueue(e: OutboxEnqueue): Promise<boolean>;
  /** Due rows (queued and not waiting for a retry, or claimed with an expired lease), oldest first. */
  pending(now: string, limit: number, channel?: OutboxChannel): Promise<OutboxRow[]>;
  /** Atomic claim with a lease: of two delivery loops exactly one gets the row. */
  claim(id: string, now: string, leaseMs: number): Promise<boolean>;
  markSent(id: string, now: string): Promise<boolean>;
  markFailed(id: string, error: string, retryAt?: string): Promise<boolean>;
  nextDueAt(channel?: OutboxChannel): Promise<string | undefined>;
  counts(): Promise<OutboxCounts>;
  /** Rows of one session (audit, tests). */
  ofSession(sessionId: string): Promise<OutboxRow[]>;
}

// --- case index (what the desk lists) ---------------------------------------------------
/** handoff: waiting; taken: a case worker has it; closed: finished by staff; returned: handed back to the assistant. */
export type DeskState = 'handoff' | 'taken' | 'closed' | 'returned';
/** One handed-off case as the desk lists it. Nothing personal: ids, codes, times. */
export interface CaseEntry {
  sessionId: string; service: string; channel: string; status: string; desk: DeskState;
  handoffReason?: string; takenBy?: string; engine: 'embedded' | 'temporal'; createdAt: string; updatedAt: string;
}
export interface CaseIndex {
  upsert(e: CaseEntry): Promise<void>;
  /** Cases newest first: `all` (default) = open (handoff, taken); `closed` = closed or returned. */
  list(filter?: { status?: 'handoff' | 'taken' | 'all' | 'closed' }): Promise<CaseEntry[]>;
  get(sessionId: string): Promise<CaseEntry | undefined>;
  remove(sessionId: string): Promise<void>;
}

// --- e-mail threads ---------------------------------------------------------------------
export interface ThreadStore {
  /** The session any of these message ids belongs to, looking from the newest (last) one. */
  sessionOfMessageIds(ids: string[]): Promise<string | undefined>;
  seen(messageId: string): Promise<boolean>;
  linkMessageId(messageId: string, sessionId: string, at: string): Promise<void>;
  /** The channel's thread record, sealed by the channel. */
  saveThread(sessionId: string, sealed: Buffer, at: string): Promise<void>;
  thread(sessionId: string): Promise<Buffer | undefined>;
  /** Message ids already hashed (moving threads of an older local file into the store). */
  importHashedMessageIds?(rows: { idHash: string; sessionId: string; at: string }[]): Promise<void>;
}

// --- webhook nonces ---------------------------------------------------------------------
export interface NonceStore {
  /** True the first time (scope, id) is claimed until `expiresAt`; false for a replay. */
  claim(scope: string, id: string, expiresAt: string, now?: string): Promise<boolean>;
  purgeExpired(now: string): Promise<number>;
}

// --- retention --------------------------------------------------------------------------
export interface RetentionStore {
  /** Deletes what the store keeps of one session: outbox rows, thread, message ids, case entry, action records. */
  forgetSession(sessionId: string): Promise<void>;
  /** Deletes expired nonces and settled outbox rows older than `settledBefore`. */
  purgeExpired(opts: { now: string; settledBefore?: string }): Promise<{ nonces: number; outbox: number }>;
}

/** The shared state of sessions: one contract, two databases. */
export interface SharedStore {
  readonly dialect: StoreDialect;
  /** Where it is, without credentials (logs, /readyz). */
  readonly location: string;
  readonly calendar: CalendarStore;
  readonly idempotency: IdempotencyStore;
  readonly outbox: OutboxStore;
  readonly cases: CaseIndex;
  readonly threads: ThreadStore;
  readonly nonces: NonceStore;
  readonly retention: RetentionStore;
  /** Resolves when the database answers; throws StoreError('store_unreachable') otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
