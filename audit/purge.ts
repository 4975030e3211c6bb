/**
 * Retention: sessions that ended longer ago than their definition's `privacy.retention` lose
 * their personal data by crypto-shredding: the wrapped per-session data key is destroyed, so
 * every sealed blob (events, snapshot, transcript, effects) becomes unreadable, and the readable
 * copies outside the session (outbox, action results) are deleted. The hash chain is over
 * plaintext digests stored beside the events, so a purged case still verifies.
 */
import { parse } from 'yaml';
import { addDuration } from '../core/session';
import { verifyChain } from '../host/embedded/hash-chain';
import { openAuditStore } from './data-store';

export interface PurgedSession { id: string; service: string; endedAt: string; retention: string; dueAt: string; chainOk: boolean; events: number }

export interface PurgeReport {
  now: string;
  /** Ended sessions looked at (with personal data still present). */
  checked: number;
  purged: PurgedSession[];
  /** Sessions skipped because their definition has no readable retention. */
  skipped: { id: string; reason: string }[];
  dryRun: boolean;
}

function retentionOf(source: string | undefined): string | undefined {
  if (!source) return undefined;
  try {
    const raw = parse(source) as { privacy?: { retention?: unknown } };
    return typeof raw?.privacy?.retention === 'string' ? raw.privacy.retention : undefined;
  } catch {
    return undefined;
  }
}

/** Purges every ended session past its retention at `now`. */
export function purgeExpired(dataDir: string, opts: { now: string; keyFile?: string; dryRun?: boolean }): PurgeReport {
  const audit = openAuditStore(dataDir, opts.keyFile);
  const { db, store } = audit;
  try {
    const rows = db.prepare("SELECT id, service, definition_hash, updated_at FROM sessions WHERE status IN ('completed', 'cancelled') AND wrapped_key IS NOT NULL ORDER BY updated_at")
      .all() as { id: string; service: string; definition_hash: string; updated_at: string }[];
    const report: PurgeReport = { now: opts.now, checked: rows.length, purged: [], skipped: [], dryRun: Boolean(opts.dryRun) };
    const hasTable = (name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const outbox = hasTable('outbox');
    const runs = hasTable('action_runs');
    const retentions = new Map<string, string | undefined>();
    for (const row of rows) {
      if (!retentions.has(row.definition_hash)) retentions.set(row.definition_hash, retentionOf(store.definitionSource(row.definition_hash)));
      const retention = retentions.get(row.definition_hash);
      if (!retention) {
        report.skipped.push({ id: row.id, reason: 'the definition that ran has no readable privacy.retention' });
        continue;
      }
      let dueAt: string;
      try {
        dueAt = addDuration(row.updated_at, retention);
      } catch {
        report.skipped.push({ id: row.id, reason: `retention "${retention}" is not an ISO 8601 duration` });
        continue;
      }
      if (Date.parse(dueAt) > Date.parse(opts.now)) continue;
      if (!opts.dryRun) {
        db.transaction(() => {
          db.prepare('UPDATE sessions SET wrapped_key = NULL, snapshot = ? WHERE id = ?').run(Buffer.alloc(0), row.id);
          db.prepare('DELETE FROM transcript WHERE session_id = ?').run(row.id);
          db.prepare('UPDATE effects SET payload = ?, result = NULL WHERE session_id = ?').run(Buffer.alloc(0), row.id);
          db.prepare('DELETE FROM timers WHERE session_id = ?').run(row.id);
          if (outbox) db.prepare('DELETE FROM outbox WHERE session_id = ?').run(row.id);
          if (runs) db.prepare('DELETE FROM action_runs WHERE key LIKE ? ESCAPE \'\\\'').run(`${row.id.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        }).immediate();
      }
      const links = store.events(row.id, false);
      const chain = verifyChain(links);
      report.purged.push({ id: row.id, service: row.service, endedAt: row.updated_at, retention, dueAt, chainOk: chain.ok, events: links.length });
    }
    return report;
  } finally {
    audit.close();
  }
}

/** The report as text (ids and counts only, never personal data). */
export function formatPurgeReport(r: PurgeReport): string {
  const lines = r.purged.map((p) => `${r.dryRun ? 'would purge' : 'purged'} ${p.id} (${p.service}, ended ${p.endedAt}, retention ${p.retention}); chain of ${p.events} events ${p.chainOk ? 'verifies' : 'BROKEN'}`);
  for (const s of r.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  lines.push(`${r.checked} ended session(s) with personal data checked at ${r.now}: ${r.purged.length} ${r.dryRun ? 'due for purge' : 'purged'}, ${r.skipped.length} skipped.`);
  return lines.join('\n');
}
