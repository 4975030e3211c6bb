/** The one security-header middleware of every page and API response amtsweg serves. */
import type { MiddlewareHandler } from 'hono';

/** The Content-Security-Policy: only our own origin, nothing inline, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Sets the headers after the handler ran, overriding any weaker value a route set. Channels mount
 * it on their own routes too, so their pages stay safe when mounted on another app; applying it
 * twice gives the same headers.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // The chat widget's static assets (script, styles, crest) are loaded by the city's own website.
    const embeddable = c.req.path.startsWith('/assets/') && c.res.headers.get('Cross-Origin-Resource-Policy') === 'cross-origin';
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (embeddable) c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
    c.res.headers.delete('X-Powered-By');
    // Session data must not linger in shared caches.
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
