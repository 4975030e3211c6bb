import type { Context, Hono } from 'hono';
import type { Engine } from '../../host/types';
import { clientIp, createRateLimiter, rateLimit } from '../../platform/rate-limit';
import { requireStaff, staffOf, type StaffCredentials } from '../security';
import { lineSink, logger } from '../../platform/logger';
import { DeskRequestError } from './errors';
import { httpStatusOfEngineError } from './engine-errors';

/** What the desk lists next to a case: attachments a channel (e-mail) stored for it. */
export interface AttachmentInfo { id: string; filename: string; contentType: string; size: number; receivedAt: string }

export interface DeskDeps {
  engine: Engine;
  staff: StaffCredentials;
  /** Attachments per session, e.g. from the e-mail channel's `attachmentsFor`. */
  attachments?: (sessionId: string) => AttachmentInfo[] | Promise<AttachmentInfo[]>;
  /** Decrypted content of one listed attachment (for the download link). */
  attachmentContent?: (attachmentId: string) => Buffer | undefined;
  /** JSON log sink; lines never contain personal data. */
  log?: (line: Record<string, unknown>) => void;
  /** Per-IP token bucket on the desk API, checked before the credentials (slows down guessing). */
  rateLimit?: { capacity: number; perSecond: number };
  /** Millisecond clock for the rate limit. */
  clock?: () => number;
}

const MAX_ANSWER_BYTES = 4096;
const MAX_BODY_BYTES = 16 * 1024;

/** Adds the staff-only desk API under `/desk/api`. Every action is recorded by the engine with the staff name. */
export function mountDeskApi(app: Hono, deps: DeskDeps): void {
  const log = deps.log ?? defaultLog;
  const limits = deps.rateLimit ?? { capacity: 120, perSecond: 10 };
  const limiter = createRateLimiter({ ...limits, now: deps.clock });
  app.use('/desk/api/*', rateLimit(limiter, clientIp, 'desk requests from your address'));
  app.use('/desk/api/*', requireStaff(deps.staff, log));

  app.get('/desk/api/me', (c) => c.json({ staff: staffOf(c) }));

  app.get('/desk/api/cases', async (c) => guard(c, log, async () => {
    const status = c.req.query('status') ?? 'all';
    if (status !== 'handoff' && status !== 'taken' && status !== 'all') {
      throw new DeskRequestError(400, 'bad_request', `Unknown status filter "${status.slice(0, 20)}". Use handoff, taken or all.`);
    }
    return c.json({ cases: await deps.engine.listCases({ status }) });
  }));

  app.get('/desk/api/cases/:id', async (c) => guard(c, log, async () => {
    const id = c.req.param('id');
    const detail = await deps.engine.caseDetail(id);
    const attachments = deps.attachments ? await deps.attachments(id) : [];
    return c.json({ ...detail, attachments });
  }));

  app.get('/desk/api/cases/:id/attachments/:attachment', async (c) => guard(c, log, async () => {
    const id = c.req.param('id');
    const listed = deps.attachments ? await deps.attachments(id) : [];
    const meta = listed.find((a) => a.id === c.req.param('attachment'));
    const content = meta && deps.attachmentContent ? deps.attachmentContent(meta.id) : undefined;
    if (!meta || !content) throw new DeskRequestError(404, 'not_found', 'No such attachment for this case. Reload the case detail.');
    log({ level: 'info', msg: 'staff attachment download', staff: staffOf(c), session: id });
    // Always a download, never rendered in the desk's origin.
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': meta.contentType,
      'Content-Disposition': `attachment; filename="${meta.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
  }));

  for (const type of ['take', 'answer', 'close'] as const) {
    app.post(`/desk/api/cases/:id/${type}`, async (c) => guard(c, log, async () => {
      const id = c.req.param('id');
      const staff = staffOf(c);
      const body = type === 'take' ? {} : await readJson(c);
      let text: string | undefined;
      if (type === 'answer') {
        if (typeof body.text !== 'string' || body.text.trim() === '') {
          throw new DeskRequestError(400, 'bad_request', 'Field "text" is missing or empty. Send { "text": "your answer to the citizen" }.');
        }
        text = body.text.trim();
        if (Buffer.byteLength(text, 'utf8') > MAX_ANSWER_BYTES) {
          throw new DeskRequestError(413, 'too_large', `The answer is longer than ${MAX_ANSWER_BYTES} bytes. Shorten it or split it.`);
        }
      } else if (type === 'close' && body.note !== undefined) {
        if (typeof body.note !== 'string') throw new DeskRequestError(400, 'bad_request', 'Field "note" must be a string.');
        text = body.note.trim().slice(0, MAX_ANSWER_BYTES);
      }
      const result = await deps.engine.staffAction(id, { type, staff, text });
      log({ level: 'info', msg: 'staff action', action: type, staff, session: id, status: result.status });
      return c.json(result);
    }));
  }
}

async function guard(c: Context, log: NonNullable<DeskDeps['log']>, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeskRequestError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    const mapped = httpStatusOfEngineError(err);
    if (mapped.status === 500) log({ level: 'error', msg: 'desk request failed', route: c.req.routePath, error: (err as Error)?.name });
    return c.json({ error: { code: mapped.code, message: mapped.message } }, mapped.status);
  }
}

async function readJson(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new DeskRequestError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new DeskRequestError(413, 'too_large', `The request body is over ${MAX_BODY_BYTES} bytes.`);
  const raw = await c.req.text();
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new DeskRequestError(413, 'too_large', `The request body is over ${MAX_BODY_BYTES} bytes.`);
  try {
    const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new DeskRequestError(400, 'bad_json', 'The body is not a JSON object. Send e.g. { "text": "..." }.');
  }
}

const defaultLog = lineSink(logger.child('desk'));
