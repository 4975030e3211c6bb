/**
 * Turns what the zod schemas refuse into our refusals: one field, one code, a message that says
 * what to send. Used as the hook of every `app.openapi` route, so the schema in the document is
 * the check that runs.
 */
import type { Context, Env } from 'hono';
import { HttpError } from './errors';
import { HTTP_CHANNELS, MAX_MESSAGE_BYTES } from './schemas';
import { MESSAGE_LOCALES } from '../../core/session/messages';

/** One zod issue as far as we read it (zod 4's shape). */
interface Issue { code: string; path: PropertyKey[]; message: string; errors?: Issue[][]; values?: unknown[] }

/** What `@hono/zod-openapi` hands a hook. */
interface HookResult { success: boolean; target: string; data?: unknown; error?: { issues: readonly unknown[] } }

/** Per route: the code of a refused field when it is not `invalid_field`, and the ids of services for hints. */
export interface RefusalOptions {
  codes?: Record<string, string>;
  serviceIds?: () => string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** A union's issues: the branch the client meant (a body with "service" means the service branch). */
function flatten(issues: Issue[], data: unknown): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
    const body = data && typeof data === 'object' ? data as Record<string, unknown> : {};
    const meant = 'service' in body || !('text' in body) ? 0 : Math.min(1, issue.errors.length - 1);
    return flatten(issue.errors[meant], data);
  });
}

const MISSING: Record<string, (ids: string[]) => string> = {
  service: (ids) => `is missing. Send the id of a service, one of: ${ids.join(', ')}, or the citizen's first message as {"text": "..."} to route it.`,
  text: () => 'is missing. Send the citizen\'s message as {"text": "..."}.',
};

const ALLOWED: Record<string, string> = {
  'idempotency-key': 'must be 1–100 characters of letters, digits and . _ : - (one key per message; send a retry with the same key).',
  locale: `must be one of ${MESSAGE_LOCALES.join(', ')}.`,
  channel: `must be one of ${HTTP_CHANNELS.join(', ')} (default api).`,
};

function refusal(issue: Issue, data: unknown, target: string, opts: RefusalOptions): HttpError {
  const field = String(issue.path[0] ?? 'body');
  const code = opts.codes?.[field] ?? 'invalid_field';
  const where = target === 'query' ? `Query parameter "${field}"` : target === 'header' ? `Header "${field}"` : `Field "${field}"`;
  const value = valueAt(data, issue.path.slice(0, 1));
  const ids = opts.serviceIds?.() ?? [];
  if (issue.message === 'too_large') {
    return new HttpError(413, 'message_too_large',
      `${where} is longer than ${MAX_MESSAGE_BYTES} bytes (UTF-8). Send a shorter message, or split it into several.`);
  }
  if (value === undefined && MISSING[field]) return new HttpError(400, code, `${where} ${MISSING[field](ids)}`);
  if (value !== undefined && typeof value !== 'string' && issue.code === 'invalid_type') {
    return new HttpError(400, code, `${where} must be a string, got ${describe(value)}.`);
  }
  if (field === 'service' && typeof value === 'string') {
    return new HttpError(400, 'unknown_service',
      `${where} names no known service. Use one of: ${ids.join(', ')} (GET /api/services lists them with titles).`);
  }
  if (issue.message === 'blank') return new HttpError(400, code, `${where} is empty. Send the citizen's message as non-empty text.`);
  if (issue.message === 'absent') return new HttpError(400, code, `${where} must be left out when "text" routes the first message.`);
  if (ALLOWED[field]) return new HttpError(400, code, `${where} ${ALLOWED[field]}`);
  return new HttpError(400, code, `${where} is not valid here. GET /api/openapi.json describes what to send.`);
}

/** The hook for `app.openapi(route, handler, hook)`: a refused request becomes a 400 (or 413) naming the field. */
export function refuseInvalid(opts: RefusalOptions = {}) {
  return (result: HookResult, _c: Context<Env>): undefined => {
    if (result.success) return undefined;
    const issues = flatten((result.error?.issues ?? []) as Issue[], result.data);
    const first = issues.find((i) => i.message === 'too_large') ?? issues[0];
    if (!first) throw new HttpError(400, 'invalid_field', 'The request is not valid. GET /api/openapi.json describes what to send.');
    throw refusal(first, result.data, result.target, opts);
  };
}
