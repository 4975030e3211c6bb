/**
 * The activities of the session workflow, backed by the same action registry the embedded
 * engine uses: one registry, two hosts.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { ActionError } from '../../../activities/errors';
import type { ActionRegistry } from '../../../activities/types';
import type { SharedStore } from '../../../store/contract';
import type { SessionActivities } from '../workflows/activity-types';

/**
 * Builds the activity functions over an action registry and the shared store (case index);
 * without a store (a prepared registry in tests) the case index is not written.
 */
export function createSessionActivities(registry: ActionRegistry, shared?: Pick<SharedStore, 'cases'>): SessionActivities {
  return {
    async indexCase(entry) {
      // Newest wins: a client-side sync of a later turn may have been first.
      const known = await shared?.cases.get(entry.sessionId);
      if (!shared || (known && known.updatedAt > entry.updatedAt)) return;
      await shared.cases.upsert(entry);
    },
    async runAction(name, input, idempotencyKey, sessionId) {
      try {
        return await registry.run(name, input, { idempotencyKey, sessionId, now: new Date().toISOString() });
      } catch (err) {
        if (err instanceof ActionError) {
          if (!err.retryable) throw ApplicationFailure.nonRetryable(err.message, err.code);
          throw ApplicationFailure.retryable(err.message, err.code);
        }
        // Unknown failures are retried by the workflow's retry policy; the message carries no slot values.
        const attempt = safeAttempt();
        throw ApplicationFailure.retryable(`action ${name} failed (attempt ${attempt}): ${(err as Error)?.message ?? String(err)}`, 'action_failed');
      }
    },
  };
}

function safeAttempt(): number {
  try { return Context.current().info.attempt; } catch { return 1; }
}
