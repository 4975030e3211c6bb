/** ISO 8601 duration arithmetic on ISO instants, without reading the clock. */
import { SessionError } from './errors';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `instant` (ISO) plus `duration` (e.g. PT10M, P1D), as an ISO instant in UTC. */
export function addDuration(instant: string, duration: string): string {
  const m = DURATION.exec(duration);
  const t = new Date(instant);
  if (!m || Number.isNaN(t.getTime())) {
    throw new SessionError('bad_time', `cannot add "${duration}" to "${instant}"; pass now as an ISO instant and durations like PT10M`);
  }
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  t.setUTCFullYear(t.getUTCFullYear() + n(1), t.getUTCMonth() + n(2), t.getUTCDate() + n(3) * 7 + n(4));
  t.setUTCHours(t.getUTCHours() + n(5), t.getUTCMinutes() + n(6), t.getUTCSeconds() + n(7));
  return t.toISOString();
}
