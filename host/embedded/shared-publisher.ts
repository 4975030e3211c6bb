/**
 * Hands what a committed turn shares with other sessions and machines to the shared store:
 * notifications into the outbox (then the notify effect is done), the desk's case entry into the
 * case index. Runs in commit order, after the commit; `flush()` waits for it (the engine awaits
 * it before a turn returns). If the store is unreachable the work is retried, and whatever a
 * stopped process left behind is published again on the next start (`recover`).
 */
import { enqueueNotification } from '../../activities/notify';
import type { Sealer } from '../../activities/types';
import type { SharedStore } from '../../store/contract';
import { logger } from '../../platform/logger';
import type { SessionStore, SharedWrites } from './store';

const log = logger.child('engine');
const RETRY_MS = 2_000;

export interface SharedPublisher {
  publish(writes: SharedWrites): void;
  /** Resolves when everything handed in so far is published (or failed and queued for retry). */
  flush(): Promise<void>;
  /** Publishes what earlier runs committed but did not publish; refreshes the case index. */
  recover(): Promise<void>;
  stop(): void;
}

export function createSharedPublisher(deps: { shared: SharedStore; sessions: SessionStore; sealer: Sealer; nowIso: () => string }): SharedPublisher {
  const { shared, sessions, sealer } = deps;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const retries = new Set<NodeJS.Timeout>();

  async function run(w: SharedWrites): Promise<void> {
    for (const n of w.notifications) {
      await enqueueNotification(shared.outbox, sealer, { id: n.id, sessionId: w.sessionId, to: n.to, template: n.template, data: n.data, now: n.now, locale: n.locale });
      if (!stopped) sessions.markNotified(w.sessionId, n.effectId, deps.nowIso());
    }
    if (w.caseEntry) await shared.cases.upsert(w.caseEntry);
  }

  function publish(w: SharedWrites): void {
    chain = chain.then(() => run(w)).catch((err: unknown) => {
      log.warn('shared.publish_failed', { session: w.sessionId, error: (err as { code?: string })?.code ?? (err as Error)?.name, retry_ms: RETRY_MS });
      if (stopped) return;
      const t = setTimeout(() => { retries.delete(t); if (!stopped) publish(w); }, RETRY_MS);
      t.unref();
      retries.add(t);
    });
  }

  return {
    publish,
    flush: () => chain,
    async recover() {
      const pending = sessions.pendingNotifications();
      for (const p of pending) publish({ sessionId: p.sessionId, notifications: [p.notification] });
      for (const e of sessions.deskEntries()) {
        const known = await shared.cases.get(e.sessionId).catch(() => undefined);
        if (!known || known.updatedAt < e.updatedAt || known.desk !== e.desk) publish({ sessionId: e.sessionId, notifications: [], caseEntry: e });
      }
      if (pending.length > 0) log.info('shared.recovered', { notifications: pending.length });
      await chain;
    },
    stop() {
      stopped = true;
      for (const t of retries) clearTimeout(t);
      retries.clear();
    },
  };
}
