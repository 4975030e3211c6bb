/**
 * The insight page for designers and service managers (`/desk/insight`, staff with the analyst
 * or admin role): figures computed from the audit trail without personal data, filterable by
 * date and definition version, exportable as CSV.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { addRoute, errorResponses, jsonResponse, STAFF_SECURITY } from '../../http/openapi';
import type { Context, Hono } from 'hono';
import type { Engine } from '../../../host/types';
import { staffOf } from '../../security';
import { DeskRequestError } from '../errors';
import { InsightUnreadableError } from '../../../host/errors';
import { rolesOf, type StaffRoles } from '../roles';
import { aggregate, type InsightFilter, type InsightReport } from './aggregate';
import { chartsCsv, chartsOf, type Chart } from './charts';
import { deskLocale, deskText, type DeskLocale } from '../i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NAME = /^[a-z0-9_.:-]{1,80}$/;

/** Midnight at the start of `day` in Europe/Berlin, as an ISO instant. */
export function berlinMidnight(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const offset = /GMT([+-]\d+)?/.exec(noon.toLocaleString('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' }))?.[1] ?? '0';
  return new Date(Date.parse(`${day}T00:00:00Z`) - Number(offset) * 3_600_000).toISOString();
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const berlinToday = (ms: number): string => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

/** Reads from/to (days, inclusive; default the last 30 days), version and service. */
export function parseInsightQuery(q: (k: string) => string | undefined, nowMs: number): { days: { from: string; to: string }; filter: InsightFilter } {
  const to = q('to') || berlinToday(nowMs);
  const from = q('from') || addDays(to, -29);
  for (const [k, v] of [['from', from], ['to', to]] as const) {
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new DeskRequestError(400, 'bad_request', `"${k}" must be a day written YYYY-MM-DD.`);
  }
  if (from > to) throw new DeskRequestError(400, 'bad_request', '"from" is after "to". Swap the two days.');
  const filter: InsightFilter = { from: berlinMidnight(from), to: berlinMidnight(addDays(to, 1)) };
  for (const k of ['version', 'service'] as const) {
    const v = q(k);
    if (!v) continue;
    if (!NAME.test(v)) throw new DeskRequestError(400, 'bad_request', `"${k}" is not a valid ${k} id.`);
    filter[k] = v;
  }
  return { days: { from, to }, filter };
}

export interface InsightDeps { engine: Engine; roles: StaffRoles; clock: () => number; log: (line: Record<string, unknown>) => void }

async function build(c: Context, deps: InsightDeps, lang: DeskLocale): Promise<{ report: InsightReport; charts: Chart[]; days: { from: string; to: string } }> {
  const roles = rolesOf(deps.roles, staffOf(c));
  if (!roles.has('analyst') && !roles.has('admin')) {
    throw new DeskRequestError(403, 'forbidden', 'The insight page needs the analyst or admin role (AMTSWEG_STAFF_ROLES).');
  }
  if (!deps.engine.insightFacts) throw new DeskRequestError(409, 'not_supported', 'This engine does not provide insight figures yet.');
  const { days, filter } = parseInsightQuery((k) => c.req.query(k), deps.clock());
  const facts = await deps.engine.insightFacts({ from: filter.from, to: filter.to });
  const report = aggregate(facts, filter);
  const titles = new Map(deps.engine.services(lang).map((s) => [s.id, s.title]));
  deps.log({ level: 'info', msg: 'insight read', staff: staffOf(c), sessions: report.total });
  return { report, charts: chartsOf(report, (id) => titles.get(id) ?? id, lang), days };
}

function fail(c: Context, err: unknown, log: InsightDeps['log']): Response {
  if (err instanceof DeskRequestError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
  // Incomplete figures are refused with their reason, never shown as smaller counts.
  if (err instanceof InsightUnreadableError) {
    log({ level: 'warn', msg: 'insight incomplete', code: err.code, sessions: err.unreadable });
    return c.json({ error: { code: err.code, message: err.message } }, 503);
  }
  log({ level: 'error', msg: 'insight failed', error: (err as Error)?.name });
  return c.json({ error: { code: 'internal', message: 'Internal error. The incident is logged; try again or contact the operator.' } }, 500);
}

/** Adds `/desk/api/insight` (JSON with SVG charts) and `/desk/api/insight.csv` behind the desk's staff check. */
export function mountInsightApi(app: Hono, deps: InsightDeps): void {
  addRoute(app, createRoute({
    method: 'get', path: '/desk/api/insight', operationId: 'getInsight', summary: 'Counts and charts over the sessions (no personal data)', tags: ['desk'],
    security: STAFF_SECURITY, responses: { 200: jsonResponse('Insight', z.object({}).catchall(z.unknown())), ...errorResponses(400, 401, 403, 429, 500, 503) },
  }), async (c) => {
    try {
      const lang = deskLocale(c.req.query('lang'));
      const { report, charts, days } = await build(c, deps, lang);
      const services = deps.engine.services(lang).map((s) => ({ id: s.id, label: s.title }));
      return c.json({ days, total: report.total, versions: report.versions, services, charts, rates: report.rates, hotSpots: report.hotSpots });
    } catch (err) { return fail(c, err, deps.log); }
  });
  addRoute(app, createRoute({
    method: 'get', path: '/desk/api/insight.csv', operationId: 'getInsightCsv', summary: 'The insight figures as CSV', tags: ['desk'],
    security: STAFF_SECURITY, responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses(400, 401, 403, 429, 500, 503) },
  }), async (c) => {
    try {
      const lang = deskLocale(c.req.query('lang'));
      const { report, charts, days } = await build(c, deps, lang);
      return c.body(chartsCsv(charts, { ...report, filter: { ...report.filter, from: days.from, to: days.to } }, lang), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${deskText(lang, 'i_csv_file')}-${days.from}-${days.to}.csv"`,
        'Cache-Control': 'no-store',
      });
    } catch (err) { return fail(c, err, deps.log); }
  });
}
