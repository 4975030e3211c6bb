/**
 * Reading request bodies defensively: the size is checked from the header before anything is
 * read and counted while streaming, so an oversized body is refused without being buffered.
 */
import type { Context } from 'hono';
import { HttpError } from './errors';

/** Any request body larger than this is refused with 413. */
export const MAX_BODY_BYTES = 16 * 1024;

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'body_too_large',
    `The request body is larger than ${maxBytes} bytes. Send a smaller JSON object (a message text may have at most 4096 bytes).`);
}

function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';')[0].trim().toLowerCase();
  return mime === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mime);
}

function declaredLength(c: Context): number | undefined {
  const header = c.req.header('content-length');
  if (header === undefined) return undefined;
  const n = Number(header);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function hasBody(c: Context): boolean {
  return c.req.raw.body !== null && declaredLength(c) !== 0;
}

/**
 * Checks what the headers say about the body, before authentication or reading: 413 for a
 * declared size over the limit, 415 for a body that is not JSON, 400 for a missing required body.
 */
export function checkBodyHeaders(c: Context, opts: { required: boolean; maxBytes?: number }): void {
  const maxBytes = opts.maxBytes ?? MAX_BODY_BYTES;
  const length = declaredLength(c);
  if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes);
  if (hasBody(c)) {
    const type = c.req.header('content-type');
    // `curl -X POST …/cancel` sends no body and no content type: for a route whose body is
    // optional that is simply no body, not a wrong media type.
    if (!opts.required && !type) return;
    if (!isJsonType(type)) {
      throw new HttpError(415, 'unsupported_media_type',
        'The request body must be JSON. Send it with the header "Content-Type: application/json".');
    }
  } else if (opts.required) {
    throw new HttpError(400, 'missing_body', 'The request needs a JSON object as body, e.g. {"text": "..."}.');
  }
}

async function readLimited(c: Context, maxBytes: number): Promise<Uint8Array> {
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading: the rest of an oversized body is never buffered.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * Reads the body as a JSON object (after `checkBodyHeaders`). Returns `{}` for an absent body.
 * The parse error names the position but never quotes the body back.
 */
export async function readJsonObject(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  checkBodyHeaders(c, { required: false, maxBytes });
  if (!hasBody(c)) return {};
  const bytes = await readLimited(c, maxBytes);
  if (bytes.byteLength === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_encoding', 'The request body is not valid UTF-8. Encode the JSON as UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw new HttpError(400, 'bad_json',
      `The request body is not valid JSON${position ? ` (error at character ${position})` : ''}. Send a JSON object such as {"text": "..."}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'bad_json', 'The request body must be a JSON object such as {"text": "..."}, not an array or a single value.');
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a JSON object body with the limits above and hands it to the route's schema validator
 * (which reads `c.req.json()`): the validator never sees an unbounded or non-UTF-8 body.
 */
export async function readJsonForValidator(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const body = await readJsonObject(c, maxBytes);
  // Hono keeps parsed bodies per kind in `bodyCache`; `c.req.json()` answers from it.
  (c.req.bodyCache as Record<string, unknown>).json = Promise.resolve(body);
  return body;
}
