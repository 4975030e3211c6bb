/** Shared access helpers of the channels: staff authentication, rate limits, headers, sealing. */
export { StaffConfigError, SealError } from './errors';
export { safeEqual } from './secret';
export {
  type StaffCredentials, staffCredentialsFromEnv, parseStaffCredentials, authenticateStaff, noStaffConfigured,
  requireStaff, staffOf, STAFF_KEY,
} from './staff-auth';
export { type RateLimiter, createRateLimiter, clientIp, rateLimit } from './rate-limit';
export { CONTENT_SECURITY_POLICY, securityHeaders } from './headers';
export { type Sealer, createSealer, loadOrCreateKey } from './sealer';
export { type ChannelPluginLike, type ChannelContextLike, logLine, defaultServiceId } from './plugin-types';
