/** The Hono app of the citizen API; other channels mount their routes onto the same app. */
import type { Context } from 'hono';
import type { BlankEnv, BlankSchema } from 'hono/types';
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { Engine } from '../../host/types';
import { MAX_BODY_BYTES } from './body';
import { engineErrorToHttp, errorBody, HttpError, INTERNAL_ERROR_MESSAGE } from './errors';
import { registerMetaRoutes } from './meta-routes';
import { allowedMethods } from './method-not-allowed';
import { registerSecuritySchemes, type ApiApp } from './openapi';

export type { ApiApp };
import { DEFAULT_RATE_LIMITS, TokenBuckets, type RateLimitConfig } from './rate-limit';
import { requestLog, stderrLog, type LogSink } from './request-log';
import { securityHeaders } from '../../platform/headers';
import { observeError } from '../../platform/metrics';
import { clientIp } from '../../platform/rate-limit';
import { corsMiddleware } from './cors';
import { registerSessionRoutes } from './session-routes';
import type { ServiceRouter } from '../../llm/routing';

/** What `createApp` needs. Only `engine` is required. */
export interface AppDeps {
  engine: Engine;
  /**
   * Adds further routes (web chat, desk, voice webhook) to the same app, behind the same headers
   * and logs. Routes added with `app.openapi(createRoute(…))` appear in the generated document.
   */
  mount?: (app: ApiApp) => void;
  /** Token-bucket limits per client IP and per session; `false` switches both off. */
  rateLimit?: Partial<RateLimitConfig> | false;
  /** Take the client IP from the last `X-Forwarded-For` entry (only behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Sink for request logs (JSON lines to stderr by default). */
  log?: LogSink;
  /** Millisecond clock for rate limits and durations (tests inject one). */
  clock?: () => number;
  /** Largest request body in bytes (16 KB). */
  maxBodyBytes?: number;
  /** The one service router; with it POST /api/sessions { text } routes and starts in one call. */
  router?: ServiceRouter;
}

function errorResponse(c: Context, err: HttpError): Response {
  for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
  return c.json(errorBody(err.code, err.message), err.status);
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  408: 'timeout', 409: 'conflict', 413: 'body_too_large', 415: 'unsupported_media_type', 429: 'rate_limited',
};

/** Mounted routes may use Hono's own middleware (bearer auth, body limit); their refusals get our error shape too. */
function fromHonoException(c: Context, err: HTTPException): Response {
  const status = err.status;
  const challenge = err.res?.headers.get('WWW-Authenticate');
  if (challenge) c.header('WWW-Authenticate', challenge);
  if (status >= 500) return c.json(errorBody('internal', INTERNAL_ERROR_MESSAGE), 500);
  const code = STATUS_CODES[status] ?? 'error';
  return c.json(errorBody(code, err.message || `Request refused (${status}).`), status);
}

/** Builds the app: security headers, request log, per-IP limit on /api, the routes, JSON errors. */
export function createApp(deps: AppDeps): ApiApp {
  const clock = deps.clock ?? (() => performance.now());
  const log = deps.log ?? stderrLog;
  const limits: RateLimitConfig = deps.rateLimit === false
    ? { ip: false, session: false }
    : { ...DEFAULT_RATE_LIMITS, ...deps.rateLimit };
  const ipLimiter = limits.ip ? new TokenBuckets(limits.ip, clock) : undefined;
  const sessionLimiter = limits.session ? new TokenBuckets(limits.session, clock) : undefined;
  const newSessionLimiter = limits.newSession ? new TokenBuckets(limits.newSession, clock) : undefined;

  const app = new OpenAPIHono<BlankEnv, BlankSchema>();
  registerSecuritySchemes(app);
  app.use('*', securityHeaders());
  app.use('*', requestLog(log, clock));
  // TRACE would echo a request (with its cookies and tokens) back: refused everywhere, as 405.
  app.use('*', async (c, next) => {
    if (c.req.method === 'TRACE' || c.req.method === 'TRACK') {
      c.header('Allow', 'GET, HEAD, POST, OPTIONS');
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed here.`), 405);
    }
    await next();
  });
  app.use('/api/*', corsMiddleware(app));
  app.use('/api/*', async (c, next) => {
    const verdict = ipLimiter?.take(clientIp(c, deps.trustProxy ?? false));
    if (verdict && !verdict.ok) {
      throw new HttpError(429, 'rate_limited',
        `Too many requests from your address. Wait ${verdict.retryAfterSeconds} s, then try again.`,
        { 'Retry-After': String(verdict.retryAfterSeconds) });
    }
    await next();
  });

  registerMetaRoutes(app, deps.engine);
  registerSessionRoutes(app, { engine: deps.engine, sessionLimiter, newSessionLimiter, clientKey: (c) => clientIp(c, deps.trustProxy ?? false), maxBodyBytes: deps.maxBodyBytes ?? MAX_BODY_BYTES, router: deps.router });
  deps.mount?.(app);

  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not served at ${c.req.path}; use ${allowed.join(', ')}.`), 405);
    }
    return c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}. GET /api/openapi.json lists the API.`), 404);
  });
  app.onError((err, c) => {
    if (err instanceof HttpError) { observeError(err.code); return errorResponse(c, err); }
    if (err instanceof HTTPException) { observeError(`http_${err.status}`); return fromHonoException(c, err); }
    // An engine refusal escaping a mounted channel route is still a refusal, not a crash.
    const mapped = engineErrorToHttp(err);
    observeError(mapped?.code ?? 'internal');
    if (mapped) return errorResponse(c, mapped);
    // Only the class name: an error message may quote personal data.
    log({ event: 'http.error', route: routePath(c) || '(unknown)', error: err?.constructor?.name ?? 'unknown' });
    return c.json(errorBody('internal', INTERNAL_ERROR_MESSAGE), 500);
  });
  return app;
}
