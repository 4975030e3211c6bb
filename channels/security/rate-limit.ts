/** Moved to `platform/rate-limit` (one limiter for every channel); kept as a re-export. */
export { type RateLimiter, createRateLimiter, clientIp, rateLimit } from '../../platform/rate-limit';
