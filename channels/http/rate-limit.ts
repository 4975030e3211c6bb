/** Limits of the HTTP API. The buckets themselves are the one limiter in `platform/rate-limit`. */
import type { BucketConfig } from '../../platform/rate-limit';

export { type BucketConfig, type TakeResult, TokenBuckets, parseRateLimit } from '../../platform/rate-limit';

/**
 * Limits of the HTTP API; `false` for one kind switches it off. `newSession` counts session starts
 * per client IP (absent: none), so one address cannot open conversation after conversation and
 * book a location's calendar full; `serve` sets {@link SERVE_NEW_SESSION_LIMIT}.
 */
export interface RateLimitConfig { ip: BucketConfig | false; session: BucketConfig | false; newSession?: BucketConfig | false }

/** What `serve` allows one client IP by default: 10 new sessions at once, then 10 an hour (AMTSWEG_RATE_NEW_SESSION). */
export const SERVE_NEW_SESSION_LIMIT: BucketConfig = { capacity: 10, perSecond: 10 / 3600 };

/** Defaults: a person chatting never meets them, a script hammering the API does. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  ip: { capacity: 120, perSecond: 2 },
  session: { capacity: 20, perSecond: 0.5 },
};
