/** The one rate limiter: token buckets per key, a limit parser, and the hono middleware. */
export { type BucketConfig, type TakeResult, type RateLimiter, TokenBuckets, createRateLimiter, perHour, parseRateLimit } from './buckets';
export { clientIp, rateLimit, tooManyRequests } from './middleware';
