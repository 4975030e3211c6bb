import type { Context, MiddlewareHandler } from 'hono';

/** A token bucket per key: `capacity` requests at once, refilled at `perSecond`. */
export interface RateLimiter {
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Creates an in-memory token-bucket limiter; old buckets are dropped so memory stays bounded. */
export function createRateLimiter(opts: { capacity: number; perSecond: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = opts.now ?? (() => Date.now());
  const maxKeys = opts.maxKeys ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        b = { tokens: opts.capacity, at: t };
        buckets.set(key, b);
      }
      b.tokens = Math.min(opts.capacity, b.tokens + ((t - b.at) / 1000) * opts.perSecond);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / opts.perSecond)) };
    },
  };
}

/** The peer address of a request served by @hono/node-server (falls back to "unknown"). */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Hono middleware answering 429 with `Retry-After` when `keyOf(c)`'s bucket is empty. */
export function rateLimit(limiter: RateLimiter, keyOf: (c: Context) => string, what = 'requests'): MiddlewareHandler {
  return async (c, next) => {
    const r = limiter.take(keyOf(c));
    if (!r.ok) {
      c.header('Retry-After', String(r.retryAfterSeconds));
      return c.json({ error: { code: 'rate_limited', message: `Too many ${what}. Try again in ${r.retryAfterSeconds} s.` } }, 429);
    }
    await next();
  };
}
