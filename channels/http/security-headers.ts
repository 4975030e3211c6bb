/** Security headers on every response, including errors and routes mounted by other channels. */
import type { MiddlewareHandler } from 'hono';
import { CONTENT_SECURITY_POLICY as CHANNEL_CSP } from '../security/headers';

/**
 * The Content-Security-Policy of the whole server: only our own origin, no inline scripts, no
 * framing, no plugins. One policy for API and pages, defined beside the channels' own headers
 * so the web chat and the API can never disagree.
 */
export const CONTENT_SECURITY_POLICY = CHANNEL_CSP;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sets the headers after the handler ran, overriding any weaker value a mounted route set. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    c.res.headers.delete('X-Powered-By');
    // Session data must not linger in shared caches.
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) {
      c.res.headers.set('Cache-Control', 'no-store');
    }
  };
}
