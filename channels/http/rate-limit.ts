/**
 * Token-bucket rate limits (per client IP and per session). Buckets live in memory: a restart
 * forgets them, which is acceptable for a limit meant to blunt floods, not to bill.
 */

/** One bucket kind: `capacity` requests in a burst, refilled at `perSecond`. */
export interface BucketConfig { capacity: number; perSecond: number }

/** Limits of the HTTP API; `false` for one kind switches it off. */
export interface RateLimitConfig { ip: BucketConfig | false; session: BucketConfig | false }

/** Defaults: a person chatting never meets them, a script hammering the API does. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  ip: { capacity: 120, perSecond: 2 },
  session: { capacity: 20, perSecond: 0.5 },
};

/** The verdict of one take: allowed, or refused with the seconds until one token is back. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; at: number }

/** Buckets by key; evicts the stalest keys beyond `maxKeys` so a spray of addresses cannot grow memory without bound. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number,
    private readonly maxKeys = 10_000,
  ) {
    if (!(config.capacity >= 1) || !(config.perSecond > 0)) {
      throw new RangeError(`rate limit needs capacity >= 1 and perSecond > 0, got capacity ${config.capacity}, perSecond ${config.perSecond}`);
    }
  }

  /** Takes one token for `key`. */
  take(key: string): TakeResult {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.capacity, at: t };
    const elapsed = Math.max(0, t - bucket.at) / 1000;
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + elapsed * this.config.perSecond);
    bucket.at = t;
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const missing = 1 - bucket.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.config.perSecond)) };
  }

  /** Number of keys held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

/**
 * Parses a limit written as `N/min`, `N/s` or `N/h` (e.g. from an environment variable):
 * a burst of N, refilled evenly over the period. `off` switches the limit off.
 */
export function parseRateLimit(text: string, what: string): BucketConfig | false {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === '0') return false;
  const m = /^(\d+)\s*\/\s*(s|sec|second|m|min|minute|h|hour)$/.exec(t);
  if (!m) {
    throw new RangeError(`${what}: cannot read "${text}"; write it as requests per period, e.g. "120/min", "5/s" or "off".`);
  }
  const n = Number(m[1]);
  const unit = m[2];
  const seconds = unit.startsWith('s') ? 1 : unit.startsWith('h') ? 3600 : 60;
  if (n < 1) throw new RangeError(`${what}: the number of requests must be at least 1, or write "off".`);
  return { capacity: n, perSecond: n / seconds };
}
