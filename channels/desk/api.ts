import type { Context, Hono } from 'hono';
import type { CaseDetail, Engine, StaffAction } from '../../host/types';
import { clientIp, createRateLimiter, rateLimit } from '../../platform/rate-limit';
import { createRoute, z } from '@hono/zod-openapi';
import { addRoute, errorResponses, jsonResponse, STAFF_SECURITY, type ErrorStatus } from '../http/openapi';
import { requireStaff, staffOf, type StaffCredentials } from '../security';
import { lineSink, logger } from '../../platform/logger';
import { DeskRequestError } from './errors';
import { httpStatusOfEngineError } from './engine-errors';
import { buildQueue, parseQueueFilter } from './queue';
import { reasonFamilies, reasonText } from './reasons';
import { deskLocale, type DeskLocale } from './i18n';
import { mayWorkCases, maySeeCase, rolesOf, type StaffRole, type StaffRoles } from './roles';

/** What the desk lists next to a case: attachments a channel (e-mail) stored for it. */
export interface AttachmentInfo { id: string; filename: string; contentType: string; size: number; receivedAt: string }

export interface DeskDeps {
  engine: Engine;
  staff: StaffCredentials;
  /** Roles per staff name (AMTSWEG_STAFF_ROLES); everyone not listed is a case worker. */
  roles?: StaffRoles;
  /** Attachments per session, e.g. from the e-mail channel's `attachmentsFor`. */
  attachments?: (sessionId: string) => AttachmentInfo[] | Promise<AttachmentInfo[]>;
  /** Decrypted content of one listed attachment (for the download link). */
  attachmentContent?: (attachmentId: string) => Buffer | undefined | Promise<Buffer | undefined>;
  /** JSON log sink; lines never contain personal data. */
  log?: (line: Record<string, unknown>) => void;
  /** Per-IP token bucket on the desk API, checked before the credentials (slows down guessing). */
  rateLimit?: { capacity: number; perSecond: number };
  /** Millisecond clock for the rate limit and waiting times. */
  clock?: () => number;
  /** Re-reads the definitions folder (serve); behind `POST /desk/api/admin/reload`, admin role only. */
  reloadDefinitions?: () => Promise<unknown>;
}

const MAX_ANSWER_BYTES = 4096;
const MAX_BODY_BYTES = 16 * 1024;
const CHANNELS = ['web', 'email', 'phone', 'api', 'cli'];
type Log = NonNullable<DeskDeps['log']>;

/** Adds the staff-only desk API under `/desk/api`. Every action and every read of a case is recorded by the engine with the staff name. */
export function mountDeskApi(app: Hono, deps: DeskDeps): void {
  const log = deps.log ?? defaultLog;
  const limits = deps.rateLimit ?? { capacity: 120, perSecond: 10 };
  const limiter = createRateLimiter({ ...limits, now: deps.clock });
  const now = deps.clock ?? Date.now;
  const roleMap: StaffRoles = deps.roles ?? new Map();
  const rolesFor = (c: Context): Set<StaffRole> => rolesOf(roleMap, staffOf(c));
  app.use('/desk/api/*', rateLimit(limiter, clientIp, 'desk requests from your address'));
  app.use('/desk/api/*', requireStaff(deps.staff, log));

  addRoute(app, deskRoute('get', '/desk/api/me', 'getStaffMe', 'Who is signed in, with which roles',
    z.object({ staff: z.string(), roles: z.array(z.string()) })), (c) => c.json({ staff: staffOf(c), roles: [...rolesFor(c)].sort() }));

  /** Case work needs the case-worker or admin role (an analyst sees only the insight page). */
  function requireCaseRole(c: Context): Set<StaffRole> {
    const roles = rolesFor(c);
    if (!mayWorkCases(roles)) throw new DeskRequestError(403, 'forbidden', 'Your staff role does not include case work. Ask an administrator for the caseworker role (AMTSWEG_STAFF_ROLES).');
    return roles;
  }

  /**
   * The case if this staff member may see it; otherwise 404 as for an unknown id, so the desk does
   * not confirm that a session exists. The permitted read is recorded in the case's audit trail.
   */
  async function readCase(c: Context, id: string): Promise<CaseDetail> {
    const roles = requireCaseRole(c);
    const staff = staffOf(c);
    const probe = await deps.engine.caseDetail(id);
    if (!maySeeCase(roles, staff, probe)) {
      log({ level: 'warn', msg: 'staff read refused', staff, session: id, reason: 'not_a_desk_case' });
      throw new DeskRequestError(404, 'not_found', 'No case with this id. Reload the case list.');
    }
    const detail = await deps.engine.caseDetail(id, { staff });
    log({ level: 'info', msg: 'staff read', staff, session: id });
    return detail;
  }

  /** The desk language a request asks for (`?lang=`, default German): reason sentences, service titles, slot labels. */
  const langOf = (c: Context): DeskLocale => deskLocale(c.req.query('lang'));
  const titlesIn = (lang: DeskLocale): Map<string, string> => new Map(deps.engine.services(lang).map((s) => [s.id, s.title]));

  addRoute(app, deskRoute('get', '/desk/api/filters', 'getDeskFilters', 'Services, reasons and channels to filter the queue by'), (c) => guard(c, log, async () => {
    requireCaseRole(c);
    const lang = langOf(c);
    const services = deps.engine.services(lang).map((s) => ({ id: s.id, label: s.title }));
    return c.json({ services, reasons: reasonFamilies(lang), channels: CHANNELS });
  }));

  addRoute(app, deskRoute('get', '/desk/api/cases', 'listDeskCases', 'The queue (?status=handoff|taken|all|closed, service, reason, channel, mine)',
    z.object({ cases: z.array(z.object({}).catchall(z.unknown())) })), async (c) => guard(c, log, async () => {
    const roles = requireCaseRole(c);
    const filter = parseQueueFilter((k) => c.req.query(k));
    const staff = staffOf(c);
    const visible = (await deps.engine.listCases({ status: filter.status })).filter((k) => maySeeCase(roles, staff, k));
    const lang = langOf(c);
    const titles = titlesIn(lang);
    const cases = buildQueue(visible, filter, staff, now(), lang).map((k) => ({ ...k, serviceTitle: titles.get(k.service) ?? k.serviceTitle }));
    return c.json({ cases });
  }));

  addRoute(app, deskRoute('get', '/desk/api/cases/{id}', 'getDeskCase', 'One case with its transcript, values and reason (the read is audited)'), async (c) => guard(c, log, async () => {
    const id = (c.req.param('id') ?? '');
    const detail = await readCase(c, id);
    const attachments = deps.attachments ? await deps.attachments(id) : [];
    const waitingSeconds = detail.waitingSince ? Math.max(0, Math.round((now() - Date.parse(detail.waitingSince)) / 1000)) : undefined;
    const lang = langOf(c);
    const localized = lang === 'de' ? undefined : deps.engine.caseFieldsIn?.(detail.service, lang);
    const fields = localized ? Object.fromEntries(Object.entries(detail.fields ?? {}).map(([k, f]) => [k, localized[k] ?? f])) : detail.fields;
    const serviceTitle = titlesIn(lang).get(detail.service) ?? detail.serviceTitle;
    return c.json({ ...detail, serviceTitle, fields, reasonText: reasonText(detail.handoffReason, lang), waitingSeconds, attachments });
  }));

  addRoute(app, createRoute({
    method: 'get', path: '/desk/api/cases/{id}/attachments/{attachment}', operationId: 'getDeskAttachment', summary: 'Download an attachment of the case',
    tags: ['desk'], security: STAFF_SECURITY,
    request: { params: CaseParams.extend({ attachment: z.string().openapi({ param: { name: 'attachment', in: 'path' } }) }) },
    responses: { 200: { description: 'The file, always as a download', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(...DESK_ERRORS) },
  }), async (c) => guard(c, log, async () => {
    const id = (c.req.param('id') ?? '');
    await readCase(c, id);
    const listed = deps.attachments ? await deps.attachments(id) : [];
    const meta = listed.find((a) => a.id === (c.req.param('attachment') ?? ''));
    const content = meta && deps.attachmentContent ? await deps.attachmentContent(meta.id) : undefined;
    if (!meta || !content) throw new DeskRequestError(404, 'not_found', 'No such attachment for this case. Reload the case detail.');
    log({ level: 'info', msg: 'staff attachment download', staff: staffOf(c), session: id });
    // Always a download, never rendered in the desk's origin.
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': meta.contentType,
      'Content-Disposition': `attachment; filename="${meta.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
  }));

  // Definitions without a restart: new sessions get the new versions, running ones keep theirs.
  addRoute(app, deskRoute('post', '/desk/api/admin/reload', 'reloadDeskDefinitions', 'Re-read the definitions folder (admin role); running sessions keep their versions',
    Loose, undefined, [...DESK_ERRORS, 422]), async (c) => guard(c, log, async () => {
    if (!rolesFor(c).has('admin')) throw new DeskRequestError(403, 'forbidden', 'Reloading definitions needs the admin role (AMTSWEG_STAFF_ROLES="name:admin").');
    if (!deps.reloadDefinitions) throw new DeskRequestError(404, 'not_available', 'This server cannot reload definitions (it was not started by `amtsweg serve`).');
    try {
      const result = await deps.reloadDefinitions();
      log({ level: 'info', msg: 'definitions reloaded', staff: staffOf(c) });
      return c.json(result);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'definitions_invalid') throw new DeskRequestError(422, 'definitions_invalid', (err as Error).message);
      throw err;
    }
  }));

  for (const type of ['take', 'answer', 'close', 'handback', 'correct'] as const) {
    addRoute(app, deskRoute('post', `/desk/api/cases/{id}/${type}`, `${type}DeskCase`, ACTION_SUMMARY[type], undefined, ACTION_BODY[type]), async (c) => guard(c, log, async () => {
      const id = (c.req.param('id') ?? '');
      const staff = staffOf(c);
      const body = type === 'take' ? {} : await readJson(c);
      const action = actionOf(type, staff, body);
      const current = await readCase(c, id);
      if (type !== 'take') requireTakenBy(current, staff, type);
      const result = await deps.engine.staffAction(id, action);
      log({ level: 'info', msg: 'staff action', action: type, staff, session: id, status: result.status });
      return c.json(result);
    }));
  }
}

const CaseParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const DESK_ERRORS = [400, 401, 403, 404, 409, 410, 413, 415, 429, 500] as const;
const Loose = z.object({}).catchall(z.unknown());
const ACTION_SUMMARY = {
  take: 'Take the case (or take it over)', answer: 'Answer the citizen', close: 'Close the case with a message',
  handback: 'Hand the case back to the assistant', correct: 'Correct a value (audited, rules recomputed, the citizen told)',
} as const;
/** What each action reads; a field of another type is refused (the desk also trims and checks sizes). */
const ACTION_BODY = {
  take: undefined,
  answer: z.object({ text: z.string() }),
  close: z.object({ text: z.string().nullable().optional(), note: z.string().nullable().optional() }),
  handback: z.object({ text: z.string().nullable().optional() }),
  correct: z.object({ slot: z.string(), value: z.unknown(), reason: z.string() }),
} as const;

/** A staff-only JSON route of the desk, described with its refusals. */
function deskRoute(method: 'get' | 'post', path: string, operationId: string, summary: string, schema: z.ZodType = Loose, body?: z.ZodType,
  errors: readonly ErrorStatus[] = DESK_ERRORS) {
  return createRoute({
    method, path, operationId, summary, tags: ['desk'], security: STAFF_SECURITY,
    ...(path.includes('{id}') ? { request: { params: CaseParams } } : {}),
    ...(body ? { request: { ...(path.includes('{id}') ? { params: CaseParams } : {}), body: { required: true, content: { 'application/json': { schema: body } } } } } : {}),
    responses: { 200: jsonResponse(summary, schema), ...errorResponses(...errors) },
  });
}

/** The desk refuses to act on a case the staff member has not taken, with a clear way out. */
function requireTakenBy(current: CaseDetail, staff: string, type: string): void {
  if (current.status !== 'handoff') {
    throw new DeskRequestError(409, 'conflict', `The case is not with the desk (status ${current.status}); "${type}" applies only to handed-off cases.`);
  }
  if (!current.takenBy) {
    throw new DeskRequestError(409, 'not_taken', `Take the case first (POST /desk/api/cases/${current.id}/take): only the case worker who took it can ${type === 'answer' ? 'answer' : type} it.`);
  }
  if (current.takenBy !== staff) {
    throw new DeskRequestError(409, 'taken_by_other', `The case is taken by ${current.takenBy}. Take it over first (POST …/take) if you are to ${type} it.`);
  }
}

function text(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !required)) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    throw new DeskRequestError(400, 'bad_request', `Field "${field}" is missing or empty. Send { "${field}": "…" }.`);
  }
  const t = v.trim();
  if (Buffer.byteLength(t, 'utf8') > MAX_ANSWER_BYTES) throw new DeskRequestError(413, 'too_large', `Field "${field}" is longer than ${MAX_ANSWER_BYTES} bytes. Shorten it or split it.`);
  return t;
}

function actionOf(type: 'take' | 'answer' | 'close' | 'handback' | 'correct', staff: string, body: Record<string, unknown>): StaffAction {
  switch (type) {
    case 'take': return { type, staff };
    case 'answer': return { type, staff, text: text(body, 'text', true) };
    // "note" is the older name of the closing message.
    case 'close': return { type, staff, text: text(body, 'text', false) ?? text(body, 'note', false) };
    case 'handback': return { type, staff, text: text(body, 'text', false) };
    case 'correct': {
      const slot = text(body, 'slot', true) as string;
      const reason = text(body, 'reason', true) as string;
      if (!('value' in body) || body.value === null || body.value === '') throw new DeskRequestError(400, 'bad_request', 'Field "value" is missing. Send { "slot": "…", "value": …, "reason": "…" }.');
      return { type, staff, slot, value: body.value, reason };
    }
  }
}

async function guard(c: Context, log: Log, fn: () => Promise<Response>): Promise<Response> {
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
