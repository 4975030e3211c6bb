/**
 * Retention on Temporal. Every session workflow's payloads are encrypted with that session's own
 * data key (host/temporal/session-keys.ts). `purge` shreds the key of each finished session past
 * its definition's retention, deletes what the shared store keeps of it, and deletes its workflow
 * executions (every run); copies of the history elsewhere (archives, exported files, the server's
 * not-yet-reclaimed rows) are ciphertext without a key. `exportFinished` writes the audit bundles
 * of finished sessions before the namespace retention deletes their histories.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { TemporalEngine } from '../host/temporal/engine';
import { sessionOfWorkflowId } from '../host/temporal/session-keys';
import { SESSION_WORKFLOW } from '../host/temporal/workflows/types';
import type { SharedStore } from '../store';
import { decideRetention, retentionPolicyOf, type RetentionCandidate } from './retention';
import { decodeHistory, exportWithEngine } from './temporal-history';
import { renderBundle } from './read-bundle';

export interface TemporalPurged {
  id: string; service: string; status: string; endedAt: string; retention: string; dueAt: string; reason: string;
  /** shredded: the session's data key is deleted; ring: its payloads used the shared ring key (older sessions), only the executions are deleted. */
  key: 'shredded' | 'ring';
  /** Workflow runs deleted from Temporal (0 on a dry run or with keepHistories). */
  runsDeleted: number;
}

export interface TemporalPurgeReport {
  now: string; checked: number; running: number; purged: TemporalPurged[]; skipped: { id: string; reason: string }[]; dryRun: boolean;
}

export interface TemporalPurgeOptions {
  now: string;
  dryRun?: boolean;
  /** Keep the (now undecryptable) executions in Temporal until the namespace retention removes them. */
  keepHistories?: boolean;
  keyFile?: string;
  /** Only sessions of this task queue (one deployment among several in a namespace). */
  taskQueue?: string;
}

const FINISHED = `WorkflowType = '${SESSION_WORKFLOW}' AND ExecutionStatus != 'Running' AND ExecutionStatus != 'ContinuedAsNew'`;

/** Purges (or lists, with dryRun) every finished Temporal session due at `now`. */
export async function purgeTemporal(engine: TemporalEngine, store: SharedStore | undefined, opts: TemporalPurgeOptions): Promise<TemporalPurgeReport> {
  const report: TemporalPurgeReport = { now: opts.now, checked: 0, running: 0, purged: [], skipped: [], dryRun: Boolean(opts.dryRun) };
  const scope = scopeOf(opts.taskQueue);
  for await (const _ of engine.client.workflow.list({ query: `WorkflowType = '${SESSION_WORKFLOW}' AND ExecutionStatus = 'Running'${scope}` })) report.running++;
  const seen = new Set<string>();
  for await (const wf of engine.client.workflow.list({ query: FINISHED + scope })) {
    const sessionId = sessionOfWorkflowId(wf.workflowId);
    if (!sessionId || seen.has(sessionId)) continue;
    seen.add(sessionId);
    const stored = store ? await store.payloadKeys.get(sessionId) : undefined;
    if (stored && 'shreddedAt' in stored) {
      // Purged before; only executions the last run could not delete remain.
      if (!opts.dryRun && !opts.keepHistories) await deleteRuns(engine, wf.workflowId);
      continue;
    }
    report.checked++;
    let decoded;
    try {
      decoded = await decodeHistory((await engine.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory()) as History, wf.workflowId, opts.keyFile, engine.sessionKeys, engine.client.options.loadedDataConverter);
    } catch (e) {
      report.skipped.push({ id: sessionId, reason: `its history does not decode (${(e as Error).name}); nothing was deleted` });
      continue;
    }
    const policy = retentionPolicyOf(decoded.input.compiled.source);
    if (!policy) { report.skipped.push({ id: sessionId, reason: 'the definition that ran has no readable privacy.retention' }); continue; }
    const snap = decoded.result?.snapshot;
    const status: RetentionCandidate['status'] = snap?.status === 'completed' ? 'completed' : 'cancelled';
    const lastActivity = snap?.lastActivityAt ?? (wf.closeTime ?? wf.startTime).toISOString();
    let decision;
    try {
      decision = decideRetention({ id: sessionId, service: decoded.input.compiled.id, status, lastActivity, takenBy: null }, policy, opts.now, undefined);
    } catch {
      report.skipped.push({ id: sessionId, reason: `retention "${policy.retention}" is not an ISO 8601 duration` });
      continue;
    }
    if (decision.action !== 'purge') continue;
    const key = stored ? 'shredded' : 'ring';
    let runsDeleted = 0;
    if (!opts.dryRun) {
      if (stored) await (engine.sessionKeys ? engine.sessionKeys.shred(sessionId, opts.now) : store!.payloadKeys.shred(sessionId, opts.now));
      await store?.retention.forgetSession(sessionId);
      if (!opts.keepHistories) runsDeleted = await deleteRuns(engine, wf.workflowId);
    }
    report.purged.push({
      id: sessionId, service: decoded.input.compiled.id, status: snap?.status ?? wf.status.name.toLowerCase(), endedAt: lastActivity,
      retention: policy.retention, dueAt: decision.dueAt, reason: decision.reason, key, runsDeleted,
    });
  }
  return report;
}

/** Deletes every run of a workflow id (continue-as-new leaves several). */
async function deleteRuns(engine: TemporalEngine, workflowId: string): Promise<number> {
  const runs: string[] = [];
  for await (const r of engine.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(r.runId);
  const namespace = engine.client.options.namespace;
  for (const runId of runs) {
    await engine.connection.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId, runId } });
  }
  return runs.length;
}

/** The report as text: ids, services, dates and counts only. */
export function formatTemporalPurgeReport(r: TemporalPurgeReport): string {
  const verb = r.dryRun ? 'would purge' : 'purged';
  const lines = r.purged.map((p) => `${verb} ${p.id} (${p.service}, Temporal): ${p.reason}; ${p.key === 'shredded' ? 'session key shredded' : 'no session key (ring-encrypted): executions deleted only'}${r.dryRun ? '' : `, ${p.runsDeleted} run(s) deleted`}`);
  for (const s of r.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  lines.push(`${r.checked} finished Temporal session(s) checked at ${r.now} (${r.running} still running, not judged): ${r.purged.length} ${r.dryRun ? 'due for purge' : 'purged'}, ${r.skipped.length} skipped.`);
  return lines.join('\n');
}

export interface ExportFinishedOptions {
  since: string; until?: string; outDir: string; exportedAt: string; sign?: KeyObject; keyFile?: string;
  /** Only sessions of this task queue (one deployment among several in a namespace). */
  taskQueue?: string;
}

const scopeOf = (taskQueue?: string): string => (taskQueue ? ` AND TaskQueue = '${taskQueue.replace(/'/g, '')}'` : '');
export interface ExportFinishedReport { written: string[]; existing: string[]; failed: { id: string; reason: string }[] }

/**
 * Writes `<outDir>/<session>.audit.json` for every session workflow that completed in [since,
 * until): run it more often than the namespace retention (e.g. daily with --since two days back);
 * bundles already written are left as they are.
 */
export async function exportFinished(engine: TemporalEngine, opts: ExportFinishedOptions): Promise<ExportFinishedReport> {
  mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
  const report: ExportFinishedReport = { written: [], existing: [], failed: [] };
  const range = `CloseTime >= '${new Date(opts.since).toISOString()}'${opts.until ? ` AND CloseTime < '${new Date(opts.until).toISOString()}'` : ''}`;
  for await (const wf of engine.client.workflow.list({ query: `WorkflowType = '${SESSION_WORKFLOW}' AND ExecutionStatus = 'Completed' AND ${range}${scopeOf(opts.taskQueue)}` })) {
    const id = sessionOfWorkflowId(wf.workflowId);
    if (!id) continue;
    const file = join(opts.outDir, `${id}.audit.json`);
    if (existsSync(file)) { report.existing.push(file); continue; }
    try {
      const bundle = await exportWithEngine(engine, id, { exportedAt: opts.exportedAt, sign: opts.sign, keyFile: opts.keyFile });
      writeFileSync(file, renderBundle(bundle), { mode: 0o600 });
      report.written.push(file);
    } catch (e) {
      report.failed.push({ id, reason: `${(e as Error).name}: ${(e as { code?: string }).code ?? 'error'}` });
    }
  }
  return report;
}
