/**
 * `purge` on an embedded data folder: every session due under the retention semantics of
 * `retention.ts` loses its personal data for good (see `shred.ts`: keys and blobs overwritten,
 * files compacted, WAL truncated); open cases on the desk get a reminder first. The hash chain
 * is over plaintext digests kept beside the events, so a purged case still verifies.
 */
import { join } from 'node:path';
import type { SessionSnapshot } from '../core/session/types';
import { verifyChain } from '../host/embedded/hash-chain';
import { openAuditStore } from './data-store';
import { DEFAULT_PURGE_GRACE, decideRetention, retentionPolicyOf, type RecordedReminder, type RetentionCandidate, type RetentionPolicy } from './retention';
import { compact, migratePurgeTables, shredEmail, shredSession, shredShared, type CompactionResult, type PurgeRecord } from './shred';

export interface PurgedSession { id: string; service: string; status: string; endedAt: string; retention: string; dueAt: string; reason: string; chainOk: boolean; events: number }

export interface RetentionReminderItem { id: string; service: string; takenBy: string | null; lastActivity: string; dueAt: string; purgeAfter: string; first: boolean; reason: string }

export interface PurgeReport {
  now: string;
  /** Ended or handed-off sessions with personal data looked at. */
  checked: number;
  /** Sessions still running (not judged: a running case is never purged). */
  running: number;
  purged: PurgedSession[];
  /** Open desk cases past retention: reminded now or earlier, purged after the grace period. */
  reminders: RetentionReminderItem[];
  /** Sessions skipped because their definition has no readable retention or their key does not open. */
  skipped: { id: string; reason: string }[];
  /** Files rebuilt after the purge (empty on a dry run or when nothing was purged). */
  compacted: CompactionResult[];
  dryRun: boolean;
}

export interface PurgeOptions { now: string; keyFile?: string; dryRun?: boolean; grace?: string }

type Row = { id: string; service: string; definition_hash: string; status: RetentionCandidate['status']; updated_at: string; taken_by: string | null };

/** Purges (or, with dryRun, lists) every session due at `now`. */
export function purgeExpired(dataDir: string, opts: PurgeOptions): PurgeReport {
  const audit = openAuditStore(dataDir, opts.keyFile);
  const { db, store } = audit;
  const grace = opts.grace ?? DEFAULT_PURGE_GRACE;
  try {
    migratePurgeTables(db);
    const rows = db.prepare("SELECT id, service, definition_hash, status, updated_at, taken_by FROM sessions WHERE status IN ('completed', 'cancelled', 'handoff') AND wrapped_key IS NOT NULL ORDER BY updated_at, id")
      .all() as Row[];
    const running = (db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE status = 'active' AND wrapped_key IS NOT NULL").get() as { n: number }).n;
    const report: PurgeReport = { now: opts.now, checked: rows.length, running, purged: [], reminders: [], skipped: [], compacted: [], dryRun: Boolean(opts.dryRun) };
    const policies = new Map<string, RetentionPolicy | undefined>();
    const reminderOf = db.prepare('SELECT reminded_at AS remindedAt, last_activity AS lastActivity, purge_after AS purgeAfter FROM retention_reminders WHERE session_id = ?');
    const saveReminder = db.prepare('INSERT OR REPLACE INTO retention_reminders (session_id, reminded_at, last_activity, purge_after) VALUES (?, ?, ?, ?)');
    const dropReminder = db.prepare('DELETE FROM retention_reminders WHERE session_id = ?');
    const shredded: string[] = [];
    for (const row of rows) {
      if (!policies.has(row.definition_hash)) policies.set(row.definition_hash, retentionPolicyOf(store.definitionSource(row.definition_hash)));
      const policy = policies.get(row.definition_hash);
      if (!policy) {
        report.skipped.push({ id: row.id, reason: 'the definition that ran has no readable privacy.retention' });
        continue;
      }
      const candidate: RetentionCandidate = { id: row.id, service: row.service, status: row.status, lastActivity: row.updated_at, takenBy: row.taken_by };
      let decision;
      try {
        decision = decideRetention(candidate, policy, opts.now, reminderOf.get(row.id) as RecordedReminder | undefined, grace);
      } catch {
        report.skipped.push({ id: row.id, reason: `retention "${policy.retention}" is not an ISO 8601 duration` });
        continue;
      }
      if (decision.action === 'keep') {
        if (!opts.dryRun) dropReminder.run(row.id); // activity since a reminder: it no longer applies
        continue;
      }
      if (decision.action === 'remind') {
        if (!opts.dryRun && decision.first) saveReminder.run(row.id, opts.now, row.updated_at, decision.purgeAfter);
        report.reminders.push({ id: row.id, service: row.service, takenBy: row.taken_by, lastActivity: row.updated_at, dueAt: decision.dueAt, purgeAfter: decision.purgeAfter, first: decision.first, reason: decision.reason });
        continue;
      }
      let snapshot: SessionSnapshot;
      try {
        snapshot = store.snapshot(row.id).snapshot;
      } catch (e) {
        report.skipped.push({ id: row.id, reason: `its data key does not open (${(e as { code?: string }).code ?? 'error'}); nothing was deleted` });
        continue;
      }
      const record: PurgeRecord = {
        sessionId: row.id, purgedAt: opts.now, referenceDate: snapshot.referenceDate, locale: snapshot.locale ?? 'de',
        status: row.status, retention: policy.retention, dueAt: decision.dueAt, reason: decision.reason,
      };
      if (!opts.dryRun) {
        shredSession(db, record);
        shredded.push(row.id);
      }
      const links = store.events(row.id, false);
      report.purged.push({ id: row.id, service: row.service, status: row.status, endedAt: row.updated_at, retention: policy.retention, dueAt: decision.dueAt, reason: decision.reason, chainOk: verifyChain(links).ok, events: links.length });
    }
    if (shredded.length > 0) {
      report.compacted.push(compact(db, join(dataDir, 'amtsweg.db')));
      const email = shredEmail(dataDir, shredded);
      if (email) {
        try {
          report.compacted.push(compact(email, join(dataDir, 'email.db')));
        } finally {
          email.close();
        }
      }
      const shared = shredShared(dataDir, shredded);
      if (shared) {
        try {
          report.compacted.push(compact(shared, join(dataDir, 'store.db')));
        } finally {
          shared.close();
        }
      }
    }
    return report;
  } finally {
    audit.close();
  }
}

/** The report as text (ids, services, dates and counts only, never personal data). */
export function formatPurgeReport(r: PurgeReport): string {
  const lines = r.purged.map((p) => `${r.dryRun ? 'would purge' : 'purged'} ${p.id} (${p.service}): ${p.reason}; chain of ${p.events} events ${p.chainOk ? 'verifies' : 'BROKEN'}`);
  for (const m of r.reminders) {
    lines.push(`${m.first ? (r.dryRun ? 'would remind' : 'reminder') : 'reminded'} ${m.id} (${m.service}): ${m.reason}; it will be purged after ${m.purgeAfter} unless a case worker acts on it or closes it`);
  }
  for (const s of r.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  for (const c of r.compacted) if (!c.walTruncated) lines.push(`warning: ${c.file}: the write-ahead log could not be emptied (a running engine reads it); run purge again to finish the deletion`);
  lines.push(`${r.checked} ended or handed-off session(s) with personal data checked at ${r.now} (${r.running} still running): ${r.purged.length} ${r.dryRun ? 'due for purge' : 'purged'}, ${r.reminders.length} open case(s) reminded, ${r.skipped.length} skipped.`
    + (r.compacted.length ? ` Compacted ${r.compacted.map((c) => c.file.split('/').pop()).join(', ')}.` : ''));
  return lines.join('\n');
}
