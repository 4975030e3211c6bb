/** The HTTP API: citizen sessions over JSON, with security headers, rate limits and request logs. */
export { createApp, type ApiApp, type AppDeps } from './app';
export { startServer, type RunningServer, type ServerOptions } from './server';
export { HttpError, errorBody, engineErrorToHttp, type ErrorBody } from './errors';
export { addRoute, pageRoute, openApiDocument, errorResponses, jsonResponse, type ErrorStatus, type OpenApiDocument } from './openapi';
export { refuseInvalid, type RefusalOptions } from './validation';
export { ErrorSchema } from './schemas';
export { DEFAULT_RATE_LIMITS, SERVE_NEW_SESSION_LIMIT, TokenBuckets, parseRateLimit, type BucketConfig, type RateLimitConfig } from './rate-limit';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
export { stderrLog, type LogRecord, type LogSink } from './request-log';
export { MAX_BODY_BYTES } from './body';
export { MAX_MESSAGE_BYTES, pickLocale } from './input';
export { allowOrigins } from './cors';
