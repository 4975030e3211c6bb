/** The desk queue: filters (service, reason, channel, taken by me) and order by waiting time. */
import type { CaseListStatus, CaseSummary } from '../../host/types';
import { DeskRequestError } from './errors';
import { reasonFamily, reasonText } from './reasons';
import type { DeskLocale } from './i18n';

export interface QueueFilter {
  status: CaseListStatus;
  service?: string;
  reason?: string;
  channel?: string;
  mine?: boolean;
}

/** A listed case with what the desk shows beside the codes. */
export interface QueueEntry extends CaseSummary {
  reasonText: string;
  /** Seconds the citizen has been waiting for a person (absent when not waiting). */
  waitingSeconds?: number;
}

const STATUSES: readonly CaseListStatus[] = ['handoff', 'taken', 'all', 'closed'];
const CHANNELS = ['web', 'api', 'cli', 'email', 'phone'];
const NAME = /^[a-z0-9_:-]{1,80}$/;

/** Reads and checks the query parameters of GET /desk/api/cases. */
export function parseQueueFilter(q: (name: string) => string | undefined): QueueFilter {
  const status = (q('status') ?? 'all') as CaseListStatus;
  if (!STATUSES.includes(status)) {
    throw new DeskRequestError(400, 'bad_request', `Unknown status filter "${String(status).slice(0, 20)}". Use handoff, taken, all or closed.`);
  }
  const f: QueueFilter = { status };
  for (const key of ['service', 'reason'] as const) {
    const v = q(key);
    if (v === undefined || v === '') continue;
    if (!NAME.test(v)) throw new DeskRequestError(400, 'bad_request', `The ${key} filter "${v.slice(0, 20)}" is not a valid id (lower-case letters, digits, _ and -).`);
    f[key] = v;
  }
  const channel = q('channel');
  if (channel) {
    if (!CHANNELS.includes(channel)) throw new DeskRequestError(400, 'bad_request', `Unknown channel "${channel.slice(0, 20)}". Use ${CHANNELS.join(', ')}.`);
    f.channel = channel;
  }
  const mine = q('mine');
  if (mine !== undefined && mine !== '') {
    if (mine !== '1' && mine !== 'true' && mine !== '0' && mine !== 'false') throw new DeskRequestError(400, 'bad_request', 'The filter "mine" takes 1 or 0.');
    f.mine = mine === '1' || mine === 'true';
  }
  return f;
}

/**
 * Applies the filters and orders the queue: the longest-waiting citizen first, then cases nobody
 * waits on (a staff answer was the last word), most recently active first.
 */
export function buildQueue(cases: CaseSummary[], f: QueueFilter, staff: string, nowMs: number, lang: DeskLocale = 'de'): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const c of cases) {
    if (f.service && c.service !== f.service) continue;
    if (f.channel && c.channel !== f.channel) continue;
    if (f.reason && reasonFamily(c.handoffReason) !== f.reason && c.handoffReason !== f.reason) continue;
    if (f.mine && c.takenBy !== staff) continue;
    const entry: QueueEntry = { ...c, reasonText: reasonText(c.handoffReason, lang) };
    if (c.waitingSince) entry.waitingSeconds = Math.max(0, Math.round((nowMs - Date.parse(c.waitingSince)) / 1000));
    out.push(entry);
  }
  return out.sort((a, b) => {
    if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id);
    if (a.waitingSince) return -1;
    if (b.waitingSince) return 1;
    return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
  });
}
