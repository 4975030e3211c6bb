/** Effective dating: the version of a rule valid on the session's reference date. */
import { RuleError } from './errors';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Picks the `valid_from` entry with the greatest date ≤ referenceDate.
 * Before the first date there is no valid version, which is an error.
 */
export function selectVersion<T>(rule: string, validFrom: Record<string, T>, referenceDate: string): { version: string; body: T } {
  if (!DATE_RE.test(referenceDate)) {
    throw new RuleError('bad_value', `the reference date for ${rule} must be written YYYY-MM-DD (the session records it at start)`, { rule });
  }
  const dates = Object.keys(validFrom);
  for (const d of dates) {
    if (!DATE_RE.test(d)) {
      throw new RuleError('bad_value', `valid_from of ${rule} has the key "${d}", which is not a date; write it as YYYY-MM-DD`, { rule });
    }
  }
  if (dates.length === 0) {
    throw new RuleError('no_version', `valid_from of ${rule} is empty; add at least one dated version`, { rule });
  }
  // ISO dates sort lexicographically in calendar order.
  const sorted = [...dates].sort();
  let chosen: string | undefined;
  for (const d of sorted) if (d <= referenceDate) chosen = d;
  if (!chosen) {
    throw new RuleError('no_version', `no version of ${rule} is valid on ${referenceDate}; the earliest starts ${sorted[0]}`, { rule });
  }
  return { version: chosen, body: validFrom[chosen] };
}
