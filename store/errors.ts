/** Errors of the shared store: data with a code, so callers branch on `code`, never on text. */

export type StoreErrorCode =
  | 'store_unreachable'
  | 'store_bad_url'
  | 'store_closed'
  | 'store_migration_failed'
  | 'store_conflict';

/** A store operation failed; `retryable` says whether trying again later may succeed. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(readonly code: StoreErrorCode, message: string, readonly retryable = false, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}
