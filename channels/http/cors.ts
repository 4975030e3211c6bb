/**
 * Cross-origin access to the citizen API for the embeddable chat widget: only origins a channel
 * registers (the city's own websites, from the branding file) get CORS headers; every other
 * origin gets none, so browsers keep refusing it. No cookies are involved (credentials: omit).
 */
import type { MiddlewareHandler } from 'hono';

/** Any Hono app (plain or OpenAPIHono): the registry is keyed by the app object. */
type App = object;

const registry = new WeakMap<App, () => readonly string[]>();

/** Lets the origins `origins()` returns (read per request) call `/api/*` of `app` from a browser. */
export function allowOrigins(app: App, origins: () => readonly string[]): void {
  registry.set(app, origins);
}

/** The middleware createApp puts in front of `/api/*`. */
export function corsMiddleware(app: App): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && (registry.get(app)?.() ?? []).includes(origin);
    if (allowed && c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
