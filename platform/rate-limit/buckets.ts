/**
 * Token buckets, the one rate limiter of amtsweg. Buckets live in memory: a restart forgets them,
 * which is acceptable for a limit meant to blunt floods, not to bill.
 */

/** One bucket kind: `capacity` takes in a burst, refilled at `perSecond`. */
export interface BucketConfig { capacity: number; perSecond: number }

/** The verdict of one take: allowed, or refused with the seconds until enough tokens are back. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** What callers need of a limiter. */
export interface RateLimiter {
  take(key: string, cost?: number): TakeResult;
  /** Would `take` succeed? (takes nothing) */
  peek(key: string, cost?: number): boolean;
}

interface Bucket { tokens: number; at: number }

/** Buckets by key; evicts the least recently used keys beyond `maxKeys` so a spray of keys cannot grow memory without bound. */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 10_000,
  ) {
    if (!(config.capacity >= 1) || !(config.perSecond > 0)) {
      throw new RangeError(`rate limit needs capacity >= 1 and perSecond > 0, got capacity ${config.capacity}, perSecond ${config.perSecond}`);
    }
  }

  /** Takes `cost` tokens (default 1) for `key`; nothing is taken when refused. */
  take(key: string, cost = 1): TakeResult {
    const bucket = this.refill(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    const missing = cost - bucket.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.config.perSecond)) };
  }

  peek(key: string, cost = 1): boolean {
    const b = this.buckets.get(key);
    if (!b) return this.config.capacity >= cost;
    const elapsed = Math.max(0, this.now() - b.at) / 1000;
    return Math.min(this.config.capacity, b.tokens + elapsed * this.config.perSecond) >= cost;
  }

  /** Number of keys held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string): Bucket {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.capacity, at: t };
    const elapsed = Math.max(0, t - bucket.at) / 1000;
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + elapsed * this.config.perSecond);
    bucket.at = t;
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }
}

/** A limiter from a burst and a refill rate (the form channels configure). */
export function createRateLimiter(opts: BucketConfig & { now?: () => number; maxKeys?: number }): TokenBuckets {
  return new TokenBuckets({ capacity: opts.capacity, perSecond: opts.perSecond }, opts.now, opts.maxKeys ?? 50_000);
}

/** A limiter of `count` per hour with a burst of `burst` (e-mail limits are written that way). */
export function perHour(burst: number, count: number, now?: () => number): TokenBuckets {
  return createRateLimiter({ capacity: burst, perSecond: count / 3600, now });
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
