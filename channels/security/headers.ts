import type { MiddlewareHandler } from 'hono';

/** The Content-Security-Policy of every page amtsweg serves: nothing inline, nothing external. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers for the channel routes. The HTTP API sets the same on all responses; setting
 * them here too keeps the pages safe when they are mounted on another app.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    c.res.headers.delete('X-Powered-By');
  };
}
