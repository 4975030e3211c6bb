import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimiter } from './buckets';

/** The client address: the socket peer, or the proxy's last `X-Forwarded-For` hop when `trustProxy`. */
export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The 429 answer every limited route gives: JSON error, `Retry-After`. */
export function tooManyRequests(c: Context, retryAfterSeconds: number, what = 'requests'): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json({ error: { code: 'rate_limited', message: `Too many ${what}. Try again in ${retryAfterSeconds} s.` } }, 429);
}

/** Hono middleware answering 429 with `Retry-After` when `keyOf(c)`'s bucket is empty. */
export function rateLimit(limiter: RateLimiter, keyOf: (c: Context) => string = (c) => clientIp(c), what = 'requests'): MiddlewareHandler {
  return async (c, next) => {
    const r = limiter.take(keyOf(c));
    if (!r.ok) return tooManyRequests(c, r.retryAfterSeconds, what);
    await next();
  };
}
