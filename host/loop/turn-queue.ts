/**
 * Orders the turns of a session, identically on both hosts: one runs, at most `maxWaiting` wait
 * behind it in arrival order, anything beyond is refused with SessionBusyError instead of piling
 * up. Internal work (timers, resumed effects) always queues, because dropping it would lose a
 * committed obligation. Pure promises, no timers: it runs inside the workflow sandbox too.
 */
import { SessionBusyError } from '../errors';

interface Lane { tail: Promise<unknown>; running: number; waiting: number }

export class SessionQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxWaiting = 1) {}

  /** Whether a bounded task for the session would be refused right now. */
  full(sessionId: string): boolean {
    const lane = this.lanes.get(sessionId);
    // running + waiting counts the task that is about to start too (it only starts on the next tick).
    return lane !== undefined && lane.running + lane.waiting >= 1 + this.maxWaiting;
  }

  /** Turns running or waiting for the session. */
  depth(sessionId: string): number {
    const lane = this.lanes.get(sessionId);
    return lane ? lane.running + lane.waiting : 0;
  }

  /** Runs `task` after all earlier tasks of the session. `bounded: false` bypasses the limit. */
  run<T>(sessionId: string, task: () => Promise<T>, bounded = true): Promise<T> {
    if (bounded && this.full(sessionId)) return Promise.reject(new SessionBusyError(sessionId));
    let lane = this.lanes.get(sessionId);
    if (!lane) {
      lane = { tail: Promise.resolve(), running: 0, waiting: 0 };
      this.lanes.set(sessionId, lane);
    }
    const l = lane;
    l.waiting++;
    const result = l.tail.then(async () => {
      l.waiting--;
      l.running++;
      try {
        return await task();
      } finally {
        l.running--;
        if (l.running === 0 && l.waiting === 0 && this.lanes.get(sessionId) === l) this.lanes.delete(sessionId);
      }
    });
    l.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every queued task has finished. */
  async idle(): Promise<void> {
    while (this.lanes.size > 0) await Promise.all([...this.lanes.values()].map((l) => l.tail));
  }
}
