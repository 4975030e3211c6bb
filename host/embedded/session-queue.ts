/**
 * Serialises turns per session: one runs, at most `maxWaiting` wait behind it (citizen side),
 * anything beyond is refused with SessionBusyError instead of piling up. Internal work (timers,
 * resumed effects) always queues, because dropping it would lose a committed obligation.
 */
import { SessionBusyError } from '../errors';

interface Lane { tail: Promise<unknown>; running: number; waiting: number }

export class SessionQueue {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxWaiting = 1) {}

  /** Runs `task` after all earlier tasks of the session. `bounded: false` bypasses the limit. */
  run<T>(sessionId: string, task: () => Promise<T>, bounded = true): Promise<T> {
    let lane = this.lanes.get(sessionId);
    if (!lane) {
      lane = { tail: Promise.resolve(), running: 0, waiting: 0 };
      this.lanes.set(sessionId, lane);
    }
    // running + waiting counts the task that is about to start too (it only starts on the next tick).
    if (bounded && lane.running + lane.waiting >= 1 + this.maxWaiting) return Promise.reject(new SessionBusyError(sessionId));
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
