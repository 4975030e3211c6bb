/** The OpenAPI 3.1 description of the citizen API, written as a typed object. */
import { MESSAGE_LOCALES as LOCALES } from '../../core/session/messages';
import { HTTP_CHANNELS, MAX_MESSAGE_BYTES } from './input';
import { MAX_BODY_BYTES } from './body';

type Schema = Record<string, unknown>;
interface Response { description: string; headers?: Record<string, Schema>; content?: Record<string, { schema: Schema }> }
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: Schema[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}
type PathItem = Partial<Record<'get' | 'post', Operation>>;

/** The subset of OpenAPI 3.1 this document uses. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string }[];
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema>; responses: Record<string, Response> };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema): Response => ({ description, content: json(schema) });
const err = (name: string): Response => ({ $ref: `#/components/responses/${name}` } as unknown as Response);

const sessionId: Schema = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' } };
const bearer = [{ sessionToken: [] }];
const sessionErrors = { 401: err('Unauthorized'), 404: err('NotFound'), 410: err('Gone'), 429: err('RateLimited'), 500: err('Internal') };
const turnErrors = { ...sessionErrors, 400: err('BadRequest'), 409: err('Conflict'), 413: err('TooLarge'), 415: err('UnsupportedMediaType') };

const schemas: Record<string, Schema> = {
  Error: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
  },
  Service: {
    type: 'object', required: ['id', 'version', 'title'],
    properties: { id: { type: 'string' }, version: { type: 'string' }, title: { type: 'string' } },
  },
  Message: {
    type: 'object', required: ['role', 'text'],
    properties: { role: { enum: ['assistant', 'staff'] }, text: { type: 'string' } },
  },
  Status: { enum: ['active', 'completed', 'handoff', 'cancelled'] },
  Readiness: {
    type: 'object', required: ['ready', 'checks'],
    properties: {
      ready: { type: 'boolean' },
      checks: { type: 'object', additionalProperties: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } } },
    },
  },
  Outcome: {
    type: 'object', required: ['id', 'kind', 'values'],
    properties: {
      id: { type: 'string' },
      kind: { enum: ['information', 'administrative_act', 'refusal', 'proposal', 'referral'] },
      values: { type: 'object', additionalProperties: true },
    },
  },
  Turn: {
    type: 'object', required: ['status', 'messages'],
    properties: { status: ref('Status'), messages: { type: 'array', items: ref('Message') }, outcome: ref('Outcome') },
  },
  CreatedSession: {
    allOf: [ref('Turn'), {
      type: 'object', required: ['id', 'token'],
      properties: { id: { type: 'string' }, token: { type: 'string', description: 'Capability token; send it as "Authorization: Bearer <token>". Shown only once.' } },
    }],
  },
  CreateSessionRequest: {
    type: 'object', required: ['service'],
    properties: {
      service: { type: 'string', minLength: 1, description: 'Service id from GET /api/services' },
      locale: { enum: [...LOCALES], default: 'de' },
      channel: { enum: [...HTTP_CHANNELS], default: 'api' },
    },
  },
  MessageRequest: {
    type: 'object', required: ['text'],
    properties: { text: { type: 'string', minLength: 1, pattern: '\\S', description: `At most ${MAX_MESSAGE_BYTES} bytes UTF-8, not only white space` } },
  },
  SessionView: {
    type: 'object',
    required: ['id', 'service', 'status', 'locale', 'channel', 'referenceDate', 'slots', 'values', 'pending', 'transcript'],
    properties: {
      id: { type: 'string' }, service: { type: 'string' }, status: ref('Status'),
      locale: { enum: [...LOCALES] }, channel: { type: 'string' },
      referenceDate: { type: 'string', format: 'date' },
      slots: { type: 'object', additionalProperties: { type: 'object', properties: { value: {}, confirmed: { type: 'boolean' } } } },
      values: { type: 'object', additionalProperties: true },
      outcome: ref('Outcome'),
      pending: { type: ['object', 'null'], description: 'What the session waits for, e.g. { "kind": "slot", "slot": "geburtsdatum" }' },
      transcript: {
        type: 'array',
        items: { type: 'object', required: ['role', 'text', 'at'], properties: { role: { enum: ['citizen', 'assistant', 'staff'] }, text: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
      },
    },
  },
};

const errorResponse = (description: string, headers?: Record<string, Schema>): Response =>
  ({ description, ...(headers ? { headers } : {}), content: json(ref('Error')) });

/** Builds the document served at GET /api/openapi.json. */
export function buildOpenApi(version = '0.1.0'): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'amtsweg citizen API',
      version,
      description: 'Start a conversation with a public-administration service, send the citizen\'s messages, ask for a person at any time. '
        + `Every error is { "error": { "code", "message" } }. Request bodies are JSON, at most ${MAX_BODY_BYTES} bytes.`,
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/services': {
        get: {
          operationId: 'listServices', summary: 'List the services', tags: ['services'],
          description: 'Titles in the locale of ?locale= or Accept-Language, German by default.',
          parameters: [{ name: 'locale', in: 'query', required: false, schema: { enum: [...LOCALES] } }],
          responses: { 200: ok('Services', { type: 'array', items: ref('Service') }), 400: err('BadRequest'), 429: err('RateLimited') },
        },
      },
      '/api/sessions': {
        post: {
          operationId: 'createSession', summary: 'Start a session', tags: ['sessions'],
          requestBody: { required: true, content: json(ref('CreateSessionRequest')) },
          responses: {
            201: ok('Session created; the first messages include the AI disclosure', ref('CreatedSession')),
            400: err('BadRequest'), 413: err('TooLarge'), 415: err('UnsupportedMediaType'), 429: err('RateLimited'), 500: err('Internal'),
          },
        },
      },
      '/api/sessions/{id}': {
        get: {
          operationId: 'getSession', summary: 'The session as the citizen may see it', tags: ['sessions'],
          security: bearer, parameters: [sessionId],
          responses: { 200: ok('Session view', ref('SessionView')), ...sessionErrors },
        },
      },
      '/api/sessions/{id}/messages': {
        post: {
          operationId: 'sendMessage', summary: 'Send a citizen message', tags: ['sessions'],
          security: bearer, parameters: [sessionId],
          requestBody: { required: true, content: json(ref('MessageRequest')) },
          responses: { 200: ok('The assistant\'s answer', ref('Turn')), ...turnErrors },
        },
      },
      '/api/sessions/{id}/handoff': {
        post: {
          operationId: 'requestHandoff', summary: 'Hand the session to a person ("Mit einem Menschen sprechen")', tags: ['sessions'],
          security: bearer, parameters: [sessionId],
          responses: { 200: ok('Handed off', ref('Turn')), ...turnErrors },
        },
      },
      '/api/sessions/{id}/cancel': {
        post: {
          operationId: 'cancelSession', summary: 'Cancel the session', tags: ['sessions'],
          security: bearer, parameters: [sessionId],
          responses: { 200: ok('Cancelled', ref('Turn')), ...turnErrors },
        },
      },
      '/api/route': {
        post: {
          operationId: 'routeMessage', summary: 'Which service a first message is about', tags: ['services'],
          description: 'Served when a router is mounted (amtsweg serve does). Answers one service, or candidates and a question to ask.',
          requestBody: { required: true, content: json({
            type: 'object', required: ['text'],
            properties: { text: { type: 'string', minLength: 1, pattern: '\\S' }, locale: { enum: [...LOCALES] } },
          }) },
          responses: {
            200: ok('A service, or candidates with a question', { type: 'object', properties: {
              service: { type: 'string' }, candidates: { type: 'array', items: { type: 'string' } }, question: { type: 'string' },
            } }),
            400: err('BadRequest'), 413: err('TooLarge'), 415: err('UnsupportedMediaType'), 429: err('RateLimited'), 500: err('Internal'),
          },
        },
      },
      '/api/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document', tags: ['meta'], responses: { 200: ok('OpenAPI 3.1 document', { type: 'object' }) } },
      },
      '/healthz': {
        get: {
          operationId: 'health', summary: 'Liveness', tags: ['meta'],
          responses: { 200: ok('Alive', { type: 'object', properties: { ok: { const: true } } }) },
        },
      },
      '/readyz': {
        get: {
          operationId: 'ready', summary: 'Readiness: engine, database, Temporal and workers reachable', tags: ['meta'],
          responses: {
            200: ok('Ready', ref('Readiness')),
            503: { description: 'Not ready; each failing check names its cause (Retry-After: 5)', content: { 'application/json': { schema: ref('Readiness') } } },
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics', summary: 'Prometheus metrics (codes and counts, no personal data)', tags: ['meta'],
          responses: { 200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { sessionToken: { type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/sessions' } },
      responses: {
        BadRequest: errorResponse('Bad JSON, or a missing or invalid field (the message names it)'),
        Unauthorized: errorResponse('Missing or wrong session token', { 'WWW-Authenticate': { schema: { type: 'string' } } }),
        NotFound: errorResponse('No such session'),
        Gone: errorResponse('The personal data of the session was deleted after its retention period (amtsweg purge)'),
        Conflict: errorResponse('The session is busy with another message, or has ended'),
        TooLarge: errorResponse(`Message text over ${MAX_MESSAGE_BYTES} bytes, or body over ${MAX_BODY_BYTES} bytes; nothing was changed`),
        UnsupportedMediaType: errorResponse('The body is not application/json'),
        RateLimited: errorResponse('Too many requests from this address or for this session', {
          'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
        }),
        Internal: errorResponse('Internal error; no details are given out'),
      },
    },
  };
}
