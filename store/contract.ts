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
/** 'reply': the e-mail channel's own replies in a thread (sealed by the channel, delivered in session order). */
export type OutboxChannel = 'email' | 'sms' | 'none' | 'http' | 'reply';
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
  /**
   * Due rows (queued and not waiting for a retry, or claimed with an expired lease), oldest first.
   * `inSessionOrder`: a row waits while an earlier row of its session (same channel) is undelivered.
   */
  pending(now: string, limit: number, channel?: OutboxChannel | OutboxChannel[], opts?: { inSessionOrder?: boolean }): Promise<OutboxRow[]>;
  /** Atomic claim with a lease: of two delivery loops exactly one gets the row. */
  claim(id: string, now: string, leaseMs: number): Promise<boolean>;
  /** `dropPayload`: the content is not kept once delivered (replies: the transcript keeps the text). */
  markSent(id: string, now: string, opts?: { dropPayload?: boolean }): Promise<boolean>;
  markFailed(id: string, error: string, retryAt?: string): Promise<boolean>;
  nextDueAt(channel?: OutboxChannel | OutboxChannel[]): Promise<string | undefined>;
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
  /** Records a Message-ID the channel itself sent in a session's thread (only ours continue a thread). */
  markOurs(messageId: string, sessionId: string, at: string): Promise<void>;
  /** Our ids already hashed (import of an older local file). */
  importHashedOurIds(rows: { idHash: string; sessionId: string; at: string }[]): Promise<void>;
  /** The session of the newest of `ids` that the channel itself sent. */
  sessionOfOurIds(ids: string[]): Promise<string | undefined>;
  /** Every stored thread record (sealed), for a one-time backfill. */
  allThreads(): Promise<{ sessionId: string; sealed: Buffer }[]>;
  saveAttachment(a: StoredAttachmentRow): Promise<void>;
  attachments(sessionId: string): Promise<StoredAttachmentRow[]>;
  attachment(id: string): Promise<StoredAttachmentRow | undefined>;
}

/** One attachment as stored: metadata and content sealed by the channel. */
export interface StoredAttachmentRow {
  id: string; sessionId: string; metaSealed: Buffer; contentType: string; size: number; dataSealed: Buffer; receivedAt: string;
}

// --- address challenges and confirmations -------------------------------------------------
/**
 * A code sent to an address, waiting for the citizen to give it back. Hashes are keyed by the
 * caller (the store never sees keys); `lane` is the session (web chat) or the e-mail channel's
 * confirmation lane; `payload` is sealed by the caller (the held first mail, or nothing).
 */
export interface AddressChallengeRow {
  id: string; lane: string; addrHash: string; refHash?: string; codeHash: string; payload: Buffer; attempts: number;
  createdAt: string; expiresAt: string;
}
export interface ConfirmationStore {
  hold(row: AddressChallengeRow): Promise<void>;
  get(id: string, now: string): Promise<AddressChallengeRow | undefined>;
  /** Live challenges of one address, oldest first. */
  ofAddress(addrHash: string, now: string): Promise<AddressChallengeRow[]>;
  /** Takes the challenge out (a code works once): true for exactly one of concurrent takers. */
  take(id: string): Promise<boolean>;
  /** Counts a wrong code; returns the attempts so far (0 when the challenge is gone). */
  failedAttempt(id: string): Promise<number>;
  isConfirmed(addrHash: string): Promise<boolean>;
  confirm(addrHash: string, at: string): Promise<void>;
  purgeExpired(now: string): Promise<number>;
}

// --- webhook nonces ---------------------------------------------------------------------
export interface NonceStore {
  /** True the first time (scope, id) is claimed until `expiresAt`; false for a replay. */
  claim(scope: string, id: string, expiresAt: string, now?: string): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed and may be retried): the next claim succeeds. */
  release(scope: string, id: string): Promise<void>;
  purgeExpired(now: string): Promise<number>;
}

// --- per-session payload keys (Temporal) ----------------------------------------------
/** A session's data key as stored: sealed by the payload key ring, or gone (shredded by purge). */
export type StoredPayloadKey = { sealed: Buffer; createdAt: string } | { shreddedAt: string };
export interface PayloadKeyStore {
  /** Stores the session's sealed key unless it has one; returns the one that stands (the first on a race). */
  create(sessionId: string, sealed: Buffer, now: string): Promise<StoredPayloadKey>;
  get(sessionId: string): Promise<StoredPayloadKey | undefined>;
  /** Deletes the key and keeps a tombstone (crypto-shredding); false when there was no key. */
  shred(sessionId: string, now: string): Promise<boolean>;
}

// --- retention --------------------------------------------------------------------------
export interface RetentionStore {
  /** Deletes what the store keeps of one session: outbox rows, thread, message ids, attachments, challenges, case entry, action records. */
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
  readonly confirmations: ConfirmationStore;
  readonly nonces: NonceStore;
  readonly retention: RetentionStore;
  readonly payloadKeys: PayloadKeyStore;
  /** Resolves when the database answers; throws StoreError('store_unreachable') otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
