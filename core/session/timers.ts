/** ISO 8601 duration arithmetic on ISO instants, without reading the clock. */
import { SessionError } from './errors';
import { emit, nextEffectId, type Turn } from './turn';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

type Parsed = { years: number; months: number; ms: number };
const parsedDurations = new Map<string, Parsed | null>();

function parseDuration(duration: string): Parsed | null {
  let parsed = parsedDurations.get(duration);
  if (parsed === undefined) {
    const m = DURATION.exec(duration);
    const n = (i: number): number => (m && m[i] ? Number(m[i]) : 0);
    parsed = m ? { years: n(1), months: n(2), ms: ((((n(3) * 7 + n(4)) * 24 + n(5)) * 60 + n(6)) * 60 + n(7)) * 1000 } : null;
    parsedDurations.set(duration, parsed);
  }
  return parsed;
}

/** `instant` (ISO) plus `duration` (e.g. PT10M, P1D), as an ISO instant in UTC. */
export function addDuration(instant: string, duration: string): string {
  const d = parseDuration(duration);
  const t = Date.parse(instant);
  if (!d || Number.isNaN(t)) {
    throw new SessionError('bad_time', `cannot add "${duration}" to "${instant}"; pass now as an ISO instant and durations like PT10M`);
  }
  const at = new Date(t);
  if (d.years !== 0 || d.months !== 0) at.setUTCFullYear(at.getUTCFullYear() + d.years, at.getUTCMonth() + d.months);
  // Days count as 24 h: timers are about inactivity, not calendar days.
  return new Date(at.getTime() + d.ms).toISOString();
}

const TIMER_NAMES = ['reminder', 'timeout'] as const;

/** (Re-)arms reminder and timeout from now; a timer effect with the same name replaces the old one. */
export function armTimers(t: Turn): void {
  const settings = t.def.settings;
  const after = { reminder: settings.reminder_after, timeout: settings.timeout_after };
  for (const name of TIMER_NAMES) {
    const at = addDuration(t.now, after[name]);
    t.s.timers[name] = at;
    emit(t, { kind: 'timer', id: nextEffectId(t), name, at });
  }
}

/** Cancels all live timers (the session ended or a person took over). */
export function cancelTimers(t: Turn): void {
  for (const name of TIMER_NAMES) {
    if (t.s.timers[name] === undefined) continue;
    delete t.s.timers[name];
    emit(t, { kind: 'cancel_timer', id: nextEffectId(t), name });
  }
}
