/**
 * The shared state of sessions (calendar, idempotency records, outbox, case index, e-mail
 * threads, webhook nonces, retention): one contract, one set of Kysely queries, SQLite or
 * PostgreSQL underneath. See README.md in this folder.
 */
export type * from './contract';
export { openStore, storeUrlFrom, redactUrl, type OpenStoreOptions } from './open';
export { StoreError, isStoreError, type StoreErrorCode } from './errors';
export { sealedOutbox, enqueueSealed, DEFAULT_LEASE_MS } from './sealed-outbox';
export { redactError } from './outbox';
export { hashMessageId } from './threads';
export { freeDesk } from './calendar';
