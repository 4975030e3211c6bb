/**
 * The OpenAPI 3.1 document, generated from the routes the app registered with `app.openapi`
 * (their zod schemas validate the requests), so the document and the server cannot drift.
 * Served at GET /openapi.json and GET /api/openapi.json.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { BlankEnv, BlankSchema } from 'hono/types';
import { ErrorSchema, MAX_MESSAGE_BYTES } from './schemas';
import { MAX_BODY_BYTES } from './body';
import { refuseInvalid } from './validation';

/** The app every channel mounts on: a Hono app whose `openapi` routes make up the generated document. */
export type ApiApp = OpenAPIHono<BlankEnv, BlankSchema>;

/** The generated document (OpenAPI 3.1). */
export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/** Statuses a route may refuse with; each maps to the one error schema. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 501 | 503;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Bad JSON, or a missing or invalid field (the message names it)',
  401: 'Missing or wrong credentials',
  403: 'The credentials do not allow this',
  404: 'No such resource (or not visible to you)',
  405: 'Method not allowed on this path (see Allow)',
  409: 'Conflict: busy with another request, ended, already used, or not in the state for this',
  410: 'The personal data was deleted after its retention period (amtsweg purge)',
  413: `Message text over ${MAX_MESSAGE_BYTES} bytes, or body over ${MAX_BODY_BYTES} bytes; nothing was changed`,
  415: 'The body is not application/json',
  422: 'Understood but not acceptable (e.g. definitions that do not verify); the message says why',
  429: 'Too many requests from this address or for this session; wait Retry-After seconds',
  500: 'Internal error; no details are given out',
  501: 'Not available on the engine this server runs on',
  503: 'The engine is not reachable; nothing was changed (Retry-After)',
};

const HEADERS: Partial<Record<ErrorStatus, Record<string, { description: string; schema: { type: 'string' } }>>> = {
  401: { 'WWW-Authenticate': { description: 'The authentication scheme to use', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
  503: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
};

/** The responses of the given refusals, each `{ error: { code, message } }`. */
export function errorResponses(...statuses: ErrorStatus[]) {
  const out: Record<number, { description: string; headers?: Record<string, unknown>; content: { 'application/json': { schema: typeof ErrorSchema } } }> = {};
  for (const status of new Set(statuses)) {
    out[status] = { description: DESCRIPTIONS[status], ...(HEADERS[status] ? { headers: HEADERS[status] } : {}), content: { 'application/json': { schema: ErrorSchema } } };
  }
  return out;
}

/** A JSON response with its schema. */
export function jsonResponse<T>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** Security schemes the routes refer to by name. */
export function registerSecuritySchemes(app: ApiApp): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionToken', {
    type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/sessions',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffToken', {
    type: 'http', scheme: 'bearer', description: 'A case worker\'s token (AMTSWEG_STAFF_TOKEN)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffPassword', {
    type: 'http', scheme: 'basic', description: 'A case worker\'s name and password (AMTSWEG_STAFF_USERS)',
  });
}

/** Staff routes: a case worker's token or password. */
export const STAFF_SECURITY: Record<string, string[]>[] = [{ staffToken: [] }, { staffPassword: [] }];

/** Builds the document from everything registered on `app`. */
export function openApiDocument(app: ApiApp, version = '0.1.0'): OpenApiDocument {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'amtsweg API',
      version,
      description: 'Start a conversation with a public-administration service, send the citizen\'s messages, ask for a person at any time; '
        + 'the case-worker desk and the channel webhooks. '
        + `Every error is { "error": { "code", "message" } }. Request bodies are JSON, at most ${MAX_BODY_BYTES} bytes. `
        + 'Generated from the zod schemas that validate the requests.',
      license: { name: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
  });
}

type RouteConfig = Parameters<ApiApp['openapi']>[0];
type RouteHandler = (c: Context<BlankEnv, any>) => Response | Promise<Response>;

/**
 * Registers a route on `app`: with its description when the app generates a document (the one
 * `createApp` builds), as a plain Hono route otherwise (a bare app in a unit test).
 */
export function addRoute(app: Hono | ApiApp, route: RouteConfig, handler: RouteHandler, hook?: ReturnType<typeof refuseInvalid>): void {
  if ('openapi' in app && typeof app.openapi === 'function') {
    (app as ApiApp).openapi(route as never, handler as never, (hook ?? refuseInvalid()) as never);
    return;
  }
  const middleware = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  (app as Hono).on([route.method.toUpperCase()], [route.path.replace(/\{([^}]+)\}/g, ':$1')], ...(middleware as MiddlewareHandler[]), handler);
}

/** A GET route answering a page or an asset (`contentType`), or one of `statuses` as the error schema. */
export function pageRoute(path: string, summary: string, contentType: string, tags: string[], ...statuses: ErrorStatus[]): RouteConfig {
  return createRoute({
    method: 'get', path, summary, tags,
    operationId: `get${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : '')) || 'Root'}`,
    responses: { 200: { description: summary, content: { [contentType]: { schema: z.string() } } }, ...errorResponses(...statuses, 500) },
  });
}
