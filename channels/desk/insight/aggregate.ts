/**
 * Aggregates session facts into what the insight page shows: conversations per service and
 * channel over time, completion/handoff/abandonment rates, failure hot spots, unanswered
 * questions (k-anonymous words) and handoff reasons. Pure: facts in, report out.
 */
import type { InsightFact } from '../../../host/types';
import { reasonFamily } from '../reasons';

export interface InsightFilter { from: string; to: string; version?: string; service?: string }

export interface RateRow { service: string; total: number; completed: number; handedOff: number; abandoned: number; open: number }
export interface HotSpot { service: string; key: string; label: string; failures: number; stopped: number; sessions: number }

export interface InsightReport {
  filter: InsightFilter;
  total: number;
  bucket: 'day' | 'week';
  /** Conversations per time bucket (Berlin date of the start) and channel. */
  perBucket: { bucket: string; channels: Record<string, number> }[];
  perServiceChannel: { service: string; channel: string; count: number }[];
  rates: RateRow[];
  hotSpots: HotSpot[];
  unanswered: { word: string; sessions: number; at: string[] }[];
  handoffReasons: { reason: string; count: number }[];
  versions: { service: string; version: string; sessions: number }[];
}

/** A word of an unanswered question is shown only if at least this many sessions used it. */
export const MIN_SESSIONS_PER_WORD = 3;

const berlinDay = (iso: string): string => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

function weekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

const inc = <K>(m: Map<K, number>, k: K, by = 1): void => { m.set(k, (m.get(k) ?? 0) + by); };

/** Builds the report for the facts that match the filter's version and service. */
export function aggregate(all: InsightFact[], filter: InsightFilter): InsightReport {
  const versions = new Map<string, { service: string; version: string; sessions: number }>();
  for (const f of all) {
    const k = `${f.service}@${f.version}`;
    const v = versions.get(k) ?? { service: f.service, version: f.version, sessions: 0 };
    v.sessions += 1;
    versions.set(k, v);
  }
  const facts = all.filter((f) => (!filter.version || f.version === filter.version) && (!filter.service || f.service === filter.service));
  const spanDays = (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000;
  const bucket: 'day' | 'week' = spanDays > 62 ? 'week' : 'day';
  const buckets = new Map<string, Record<string, number>>();
  const perSC = new Map<string, number>();
  const rates = new Map<string, RateRow>();
  const spots = new Map<string, HotSpot & { seen: Set<number> }>();
  const words = new Map<string, { sessions: number; at: Set<string> }>();
  const reasons = new Map<string, number>();

  facts.forEach((f, i) => {
    const day = berlinDay(f.startedAt);
    const b = bucket === 'day' ? day : weekOf(day);
    const row = buckets.get(b) ?? {};
    row[f.channel] = (row[f.channel] ?? 0) + 1;
    buckets.set(b, row);
    inc(perSC, `${f.service}\u0000${f.channel}`);
    const r = rates.get(f.service) ?? { service: f.service, total: 0, completed: 0, handedOff: 0, abandoned: 0, open: 0 };
    r.total += 1;
    if (f.handoffReasons.length > 0) r.handedOff += 1;
    if (f.status === 'cancelled') r.abandoned += 1;
    else if (f.status === 'completed' && f.handoffReasons.length === 0) r.completed += 1;
    else if (f.status === 'active') r.open += 1;
    rates.set(f.service, r);
    const spot = (key: string): HotSpot & { seen: Set<number> } => {
      const id = `${f.service}\u0000${key}`;
      const s = spots.get(id) ?? { service: f.service, key, label: f.labels[key] ?? key, failures: 0, stopped: 0, sessions: 0, seen: new Set<number>() };
      if (!s.seen.has(i)) { s.seen.add(i); s.sessions += 1; }
      spots.set(id, s);
      return s;
    };
    for (const [key, n] of Object.entries(f.failures)) spot(key).failures += n;
    if (f.stoppedAt && (f.status === 'cancelled' || f.handoffReasons.length > 0)) spot(f.stoppedAt).stopped += 1;
    const mine = new Set<string>();
    for (const u of f.unanswered) for (const w of u.words) {
      const e = words.get(w) ?? { sessions: 0, at: new Set<string>() };
      if (!mine.has(w)) { e.sessions += 1; mine.add(w); }
      e.at.add(`${f.service}: ${f.labels[u.at] ?? u.at}`);
      words.set(w, e);
    }
    for (const reason of f.handoffReasons) inc(reasons, reasonFamily(reason));
  });

  return {
    filter,
    total: facts.length,
    bucket,
    perBucket: [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, channels]) => ({ bucket: k, channels })),
    perServiceChannel: [...perSC.entries()].map(([k, count]) => { const [service, channel] = k.split('\u0000'); return { service, channel, count }; })
      .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
    rates: [...rates.values()].sort((a, b) => b.total - a.total || a.service.localeCompare(b.service)),
    hotSpots: [...spots.values()].map(({ seen: _seen, ...s }) => s)
      .sort((a, b) => b.failures + b.stopped - (a.failures + a.stopped) || a.label.localeCompare(b.label)).slice(0, 15),
    unanswered: [...words.entries()].filter(([, e]) => e.sessions >= MIN_SESSIONS_PER_WORD)
      .map(([word, e]) => ({ word, sessions: e.sessions, at: [...e.at].sort() })).sort((a, b) => b.sessions - a.sessions || a.word.localeCompare(b.word)).slice(0, 20),
    handoffReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    versions: [...versions.values()].sort((a, b) => a.service.localeCompare(b.service) || a.version.localeCompare(b.version)),
  };
}
