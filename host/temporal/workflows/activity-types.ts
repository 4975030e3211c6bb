import type { CaseEntry } from '../../types';

/** The activities the session workflow calls; implemented in worker/activities.ts. */
export interface SessionActivities {
  /**
   * Runs one named action from the action registry. The idempotency key is the session id plus
   * the core's effect id, identical on every retry and every replay, so the action acts once.
   */
  runAction(name: string, input: Record<string, unknown>, idempotencyKey: string, sessionId: string): Promise<unknown>;
  /**
   * Writes the session's entry into the shared case index the desk lists, after a turn nobody
   * sent (a timer) changed where the case stands. Codes, ids and times only.
   */
  indexCase(entry: CaseEntry): Promise<void>;
}
