/**
 * Fires persisted timers. Only one process timer is armed: for the earliest timer in the table,
 * at most a minute ahead (then it looks again), so clock changes and new timers are picked up.
 * Overdue timers (after a restart) fire at once.
 */
export interface Scheduler {
  reschedule(): void;
  stop(): void;
}

const MAX_SLEEP_MS = 60_000;

export function createScheduler(deps: {
  enabled: boolean;
  now: () => Date;
  nextAt: () => string | undefined;
  fireDue: () => Promise<number>;
}): Scheduler {
  let handle: NodeJS.Timeout | undefined;
  let stopped = !deps.enabled;
  let firing = false;

  function reschedule(): void {
    if (stopped) return;
    if (handle) clearTimeout(handle);
    handle = undefined;
    const next = deps.nextAt();
    if (!next) return;
    const delay = Math.min(Math.max(Date.parse(next) - deps.now().getTime(), 0), MAX_SLEEP_MS);
    handle = setTimeout(tick, delay);
    handle.unref();
  }

  function tick(): void {
    handle = undefined;
    if (stopped || firing) return;
    firing = true;
    deps.fireDue().catch(() => 0).finally(() => {
      firing = false;
      reschedule();
    });
  }

  return {
    reschedule,
    stop() {
      stopped = true;
      if (handle) clearTimeout(handle);
    },
  };
}
