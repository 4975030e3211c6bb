/** Limits of the HTTP API. The buckets themselves are the one limiter in `platform/rate-limit`. */
import type { BucketConfig } from '../../platform/rate-limit';

export { type BucketConfig, type TakeResult, TokenBuckets, parseRateLimit } from '../../platform/rate-limit';

/** Limits of the HTTP API; `false` for one kind switches it off. */
export interface RateLimitConfig { ip: BucketConfig | false; session: BucketConfig | false }

/** Defaults: a person chatting never meets them, a script hammering the API does. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  ip: { capacity: 120, perSecond: 2 },
  session: { capacity: 20, perSecond: 0.5 },
};
