/**
 * The zod schemas of the citizen API. The same objects validate the requests (through
 * `@hono/zod-openapi`) and generate the OpenAPI document, so the two cannot drift. Each request
 * schema says exactly what the server accepts: a request that fits it is never refused as invalid.
 */
import { z } from '@hono/zod-openapi';
import { MESSAGE_LOCALES } from '../../core/session/messages';
import { MAX_MESSAGE_BYTES as ENGINE_MAX_MESSAGE_BYTES, TURN_KEY_PATTERN } from '../../host/loop';
import { LOCALES as DEFINITION_LOCALES, type Locale } from '../../core/definition/schema';

/** Largest message text in bytes (UTF-8): the engine's own limit. */
export const MAX_MESSAGE_BYTES = ENGINE_MAX_MESSAGE_BYTES;

/** Channels a client of the HTTP API may claim; e-mail and phone sessions are created by their own channels. */
export const HTTP_CHANNELS = ['web', 'api'] as const;

/** A session id: what the engine hands out; anything else cannot name a session (404). */
export const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Not only white space: one character outside the set JavaScript's `trim()` removes. Spelled out
 * instead of `\S` because `\s` means different sets in ECMAScript and in other regex engines
 * (Python's includes U+001C–U+001F, ours U+FEFF), and a client's validator must agree with ours.
 */
export const NOT_BLANK = /[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

const LOCALES = MESSAGE_LOCALES as [Locale, ...Locale[]];

/** The one error shape of every refusal. */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ description: 'Stable machine-readable code, e.g. invalid_field, session_not_found, rate_limited' }),
    message: z.string().openapi({ description: 'What went wrong and what to do; never quotes personal data' }),
  }),
}).openapi('Error');

export const LocaleSchema = z.enum(LOCALES).openapi('Locale', {
  description: 'A language amtsweg has built-in texts for; a service without its own texts in it answers in German and says so.',
});

/** A citizen's message: a string of at most 4096 bytes UTF-8 that is not only white space. */
export const MessageTextSchema = z.string()
  .regex(NOT_BLANK, { message: 'blank' })
  .refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_MESSAGE_BYTES, { message: 'too_large' })
  .openapi({
    // JSON Schema counts characters, the engine counts bytes (every channel, both engines): maxLength
    // is the bound a byte limit implies, `x-max-utf8-bytes` the limit itself; over it → 413.
    maxLength: MAX_MESSAGE_BYTES,
    'x-max-utf8-bytes': MAX_MESSAGE_BYTES,
    description: `At most ${MAX_MESSAGE_BYTES} bytes UTF-8 (x-max-utf8-bytes; 413 message_too_large otherwise, nothing changed), not only white space`,
    example: 'Ich brauche einen neuen Personalausweis',
  });

const absent = z.unknown().refine((v) => v === undefined, { message: 'absent' }).optional().openapi({ not: {} });

/** POST /api/sessions: a service id from the catalogue, or (with a router) the first message. */
export function createSessionRequestSchema(serviceIds: readonly string[], routed: boolean) {
  const common = {
    locale: LocaleSchema.optional().openapi({ default: 'de' }),
    channel: z.enum(HTTP_CHANNELS).optional().openapi({ default: 'api' }),
  };
  const ids = (serviceIds.length > 0 ? serviceIds : ['']) as [string, ...string[]];
  const byService = z.object({ service: z.enum(ids).openapi({ description: 'Service id from GET /api/services' }), ...common });
  if (!routed) return byService.openapi('CreateSessionRequest');
  const byText = z.object({
    service: absent,
    text: MessageTextSchema.openapi({ description: 'The citizen\'s first message: the service is found from it and the message answered' }),
    ...common,
  });
  return z.union([byService, byText]).openapi('CreateSessionRequest');
}

export const MessageRequestSchema = z.object({ text: MessageTextSchema }).openapi('MessageRequest');

export const RouteRequestSchema = z.object({ text: MessageTextSchema, locale: LocaleSchema.optional() }).openapi('RouteRequest');

/** Handoff and cancel take no fields; an empty JSON object (or no body) is what a client sends. */
export const EmptyRequestSchema = z.object({}).openapi('EmptyRequest');

export const SessionIdParams = z.object({
  id: z.string().regex(SESSION_ID).openapi({ param: { name: 'id', in: 'path' }, description: 'The id from POST /api/sessions' }),
});

/** A message's idempotency key: sent again with the same key, a message is answered, not applied twice. */
export const MessageHeaders = z.object({
  'idempotency-key': z.string().regex(TURN_KEY_PATTERN).optional().openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description: 'Your key for this message (1–100 of A–Z a–z 0–9 . _ : -). Sending the message again with the same key (after a timeout or a 503) returns its answer and does not apply it twice.',
  }),
});

export const ServicesQuery = z.object({
  locale: LocaleSchema.optional().openapi({ param: { name: 'locale', in: 'query' }, description: 'Language of the titles; else Accept-Language, else German' }),
});

export const ServiceSchema = z.object({ id: z.string(), version: z.string(), title: z.string() }).openapi('Service');

export const StatusSchema = z.enum(['active', 'completed', 'handoff', 'cancelled']).openapi('Status');

export const OutcomeSchema = z.object({
  id: z.string(),
  kind: z.enum(['information', 'administrative_act', 'refusal', 'proposal', 'referral']),
  values: z.record(z.string(), z.unknown()),
}).openapi('Outcome');

const AnswerMessage = z.object({ role: z.enum(['assistant', 'staff']), text: z.string() }).openapi('Message');

export const TurnSchema = z.object({
  status: StatusSchema,
  messages: z.array(AnswerMessage),
  outcome: OutcomeSchema.optional(),
}).openapi('Turn');

const credentials = {
  id: z.string().regex(SESSION_ID),
  token: z.string().openapi({ description: 'Capability token; send it as "Authorization: Bearer <token>". Shown only once.' }),
};

export const CreatedSessionSchema = TurnSchema.extend({
  ...credentials,
  service: z.string().optional().openapi({ description: 'The service the first message was routed to (only when started with { text })' }),
}).openapi('CreatedSession');

export const RouteDecisionSchema = z.union([
  z.object({ service: z.string() }),
  z.object({ candidates: z.array(z.object({ id: z.string(), title: z.string() })), question: z.string() }),
  z.object({ none: z.literal(true), reason: z.enum(['not_offered', 'off_topic']), message: z.string(), referral: z.string().optional() }),
  z.object({ handoff: z.literal(true), message: z.string() }),
]).openapi('RouteDecision', { description: 'One service, or candidates and a question to ask, or none (with a referral), or a person' });

const Option = z.object({ id: z.string(), label: z.string(), answer: z.string() });

export const SessionViewSchema = z.object({
  id: z.string(),
  service: z.string(),
  status: StatusSchema,
  locale: z.enum(DEFINITION_LOCALES),
  channel: z.enum(['web', 'email', 'phone', 'api', 'cli']),
  referenceDate: z.string().openapi({ format: 'date' }),
  slots: z.record(z.string(), z.object({ value: z.unknown(), confirmed: z.boolean() })),
  values: z.record(z.string(), z.unknown()),
  outcome: OutcomeSchema.extend({
    text: z.string(), automated: z.boolean(), rechtsbehelfsbelehrung: z.string().optional(),
  }).optional(),
  pending: z.object({ kind: z.string() }).catchall(z.unknown()).nullable()
    .openapi({ description: 'What the session waits for, e.g. { "kind": "slot", "slot": "geburtsdatum" }' }),
  transcript: z.array(z.object({ role: z.enum(['citizen', 'assistant', 'staff']), text: z.string(), at: z.string().openapi({ format: 'date-time' }) })),
  title: z.string().optional(),
  question: z.object({
    kind: z.enum(['slot', 'confirm', 'choose', 'correction']),
    slot: z.string().optional(),
    type: z.string().optional(),
    label: z.string().optional(),
    options: z.array(Option).optional(),
    many: z.boolean().optional(),
    skip: z.string().optional(),
  }).nullable().optional(),
  progress: z.object({ answered: z.number().int(), total: z.number().int() }).optional(),
  languages: z.array(z.enum(DEFINITION_LOCALES)).optional(),
}).openapi('SessionView');

export const ReadinessSchema = z.object({
  ready: z.boolean(),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })),
}).openapi('Readiness');

export const HealthSchema = z.object({ ok: z.literal(true) }).openapi('Health');
