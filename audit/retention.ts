/**
 * Retention semantics, shared by every engine's purge (embedded here, Temporal in host/): when a
 * session's personal data is due for deletion, and what happens to a case still open on the desk.
 * Pure functions over plain data: the callers read their stores and act on the decisions.
 *
 * - A session that ended (completed or cancelled) is due `privacy.retention` after its last
 *   activity.
 * - A session of a `risk: high` service keeps its audit trail at least six months (AI Act
 *   Art. 19, 26(6)); the trail lives in the same sealed events as the personal data, so such a
 *   session is due after the longer of the two periods.
 * - A handed-off case (status handoff, on the desk, taken by a case worker or not) is never kept
 *   silently: once due, the first purge run records a reminder for the case worker and the
 *   purge after `grace` (default P14D) deletes it unless someone acted on the case meanwhile
 *   (any desk action moves its last activity and so its due date).
 */
import { parse } from 'yaml';
import { addDuration } from '../core/session';

/** The minimum keeping time of the audit trail of a `risk: high` service. */
export const HIGH_RISK_AUDIT_RETENTION = 'P6M';
/** Time between the reminder about an open case and its purge. */
export const DEFAULT_PURGE_GRACE = 'P14D';

export interface RetentionPolicy {
  /** `privacy.retention` of the definition. */
  retention: string;
  /** Minimum keeping time of the audit trail, when the definition asks for one (risk: high or audit_retention). */
  auditRetention?: string;
}

/** Reads the retention of a definition's YAML text; undefined when it has none that is readable. */
export function retentionPolicyOf(source: string | undefined): RetentionPolicy | undefined {
  if (!source) return undefined;
  let raw: { risk?: unknown; privacy?: { retention?: unknown; audit_retention?: unknown }; audit?: { retention?: unknown } } | undefined;
  try {
    raw = parse(source) as typeof raw;
  } catch {
    return undefined;
  }
  const retention = raw?.privacy?.retention;
  if (typeof retention !== 'string') return undefined;
  const declared = [raw?.privacy?.audit_retention, raw?.audit?.retention].find((v): v is string => typeof v === 'string');
  const high = raw?.risk === 'high';
  // A high-risk service keeps its trail at least P6M, whatever shorter period it declares.
  const auditRetention = high && declared ? longer(declared, HIGH_RISK_AUDIT_RETENTION) : declared ?? (high ? HIGH_RISK_AUDIT_RETENTION : undefined);
  return { retention, ...(auditRetention ? { auditRetention } : {}) };
}

/** The longer of two durations, measured from a fixed instant (months and years vary in length). */
function longer(a: string, b: string): string {
  const from = '2000-01-01T00:00:00.000Z';
  try {
    return Date.parse(addDuration(from, a)) >= Date.parse(addDuration(from, b)) ? a : b;
  } catch {
    return b;
  }
}

/** The instant the personal data of a session that was last active at `lastActivity` is due. */
export function dueAt(lastActivity: string, policy: RetentionPolicy): string {
  const personal = addDuration(lastActivity, policy.retention);
  if (!policy.auditRetention) return personal;
  const audit = addDuration(lastActivity, policy.auditRetention);
  return Date.parse(audit) > Date.parse(personal) ? audit : personal;
}

/** A session with personal data that may be due. */
export interface RetentionCandidate {
  id: string;
  service: string;
  status: 'completed' | 'cancelled' | 'handoff';
  /** Last activity (updated_at): the end of the case, or the last desk action on an open case. */
  lastActivity: string;
  takenBy: string | null;
}

/** A reminder recorded by an earlier purge run for an open case. */
export interface RecordedReminder { remindedAt: string; lastActivity: string; purgeAfter: string }

export type RetentionDecision =
  | { action: 'keep'; dueAt: string }
  | { action: 'purge'; dueAt: string; reason: string }
  | { action: 'remind'; dueAt: string; purgeAfter: string; first: boolean; reason: string };

/** Decides what a purge run at `now` does with one candidate. */
export function decideRetention(c: RetentionCandidate, policy: RetentionPolicy, now: string, reminder: RecordedReminder | undefined, grace = DEFAULT_PURGE_GRACE): RetentionDecision {
  const due = dueAt(c.lastActivity, policy);
  const period = policy.auditRetention ? `retention ${policy.retention}, audit trail ${policy.auditRetention}` : `retention ${policy.retention}`;
  if (Date.parse(due) > Date.parse(now)) return { action: 'keep', dueAt: due };
  if (c.status !== 'handoff') {
    return { action: 'purge', dueAt: due, reason: `${c.status} at ${c.lastActivity}; ${period} reached at ${due}` };
  }
  const who = c.takenBy ? `taken by ${c.takenBy}` : 'waiting in the desk queue';
  if (!reminder || reminder.lastActivity !== c.lastActivity) {
    const purgeAfter = addDuration(now, grace);
    return { action: 'remind', dueAt: due, purgeAfter, first: true, reason: `open case (${who}), no activity since ${c.lastActivity}; ${period} reached at ${due}` };
  }
  if (Date.parse(now) < Date.parse(reminder.purgeAfter)) {
    return { action: 'remind', dueAt: due, purgeAfter: reminder.purgeAfter, first: false, reason: `open case (${who}), reminded at ${reminder.remindedAt}, no activity since` };
  }
  return { action: 'purge', dueAt: due, reason: `open case (${who}), no activity since ${c.lastActivity}; reminded at ${reminder.remindedAt}, grace ended ${reminder.purgeAfter}` };
}
