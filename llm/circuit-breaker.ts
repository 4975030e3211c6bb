/**
 * A circuit breaker per endpoint: after `threshold` consecutive failures it opens and calls are
 * refused at once for `cooldownMs`; then one trial call is let through (half-open). A success
 * closes it again. Sessions fall back to the deterministic path while it is open.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreaker {
  /** True when a call may go out now (in half-open: only one at a time). */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): BreakerState;
}

export function createCircuitBreaker(opts: { threshold: number; cooldownMs: number; now?: () => number }): CircuitBreaker {
  const now = opts.now ?? (() => Date.now());
  let failures = 0;
  let openedAt: number | null = null;
  let trialRunning = false;

  function state(): BreakerState {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= opts.cooldownMs ? 'half_open' : 'open';
  }

  return {
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialRunning) return false;
      trialRunning = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = null;
      trialRunning = false;
    },
    failure() {
      trialRunning = false;
      failures += 1;
      // A failed trial re-opens for a full cooldown.
      if (failures >= opts.threshold || openedAt !== null) openedAt = now();
    },
    state,
  };
}
