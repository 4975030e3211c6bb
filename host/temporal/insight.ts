/**
 * Insight figures on Temporal, from the same audit events as on the embedded engine: each
 * session's recorded steps (event and instant, in order) go through the one `sessionFacts`
 * replay of `audit/insight`, which keeps nothing personal. The sessions come from Temporal's
 * visibility (this task queue, started since `from`); a finished session's steps are its
 * workflow result (no worker needed), an open one's the state query. A session whose definition
 * this process has not loaded gets it from the workflow input in its history, as export does.
 */
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { sessionFacts } from '../../audit/insight';
import type { CompiledService } from '../../core/session/types';
import { EngineUnavailableError, InsightUnreadableError } from '../errors';
import { PayloadKeyError } from './errors';
import type { InsightFact } from '../types';
import { SESSION_WORKFLOW, type SessionState, type SessionWorkflowInput } from './workflows/types';

export interface InsightDeps {
  /** The engine's client: its data converter (the payload keys) decodes what a history carries. */
  client: Client;
  taskQueue: string;
  /** The state query of a running session (bounded, engine_unavailable without a worker). */
  query(workflowId: string): Promise<SessionState>;
  /** A definition this process loaded, by hash. */
  loaded(hash: string): CompiledService | undefined;
  /** Sessions read at once. */
  concurrency?: number;
}

/** Visibility query: a continued run starts after its session did, so `StartTime >= from` keeps every session started since. */
function listQuery(taskQueue: string, from?: string): string {
  const parts = [`WorkflowType = '${SESSION_WORKFLOW}'`, `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`, "ExecutionStatus != 'ContinuedAsNew'"];
  if (from && !Number.isNaN(Date.parse(from))) parts.push(`StartTime >= '${new Date(from).toISOString()}'`);
  return parts.join(' AND ');
}

/** Facts of every session of this task queue started in [from, to), in no particular order. */
export async function temporalInsightFacts(deps: InsightDeps, filter: { from?: string; to?: string } = {}): Promise<InsightFact[]> {
  const from = filter.from ?? '0000';
  const to = filter.to ?? '9999';
  const definitions = new Map<string, Promise<CompiledService | undefined>>();
  const converter = deps.client.workflow.options.loadedDataConverter;

  /** The definition of a session: loaded here, or decoded once per hash from a history's input. */
  function definition(workflowId: string, hash: string): Promise<CompiledService | undefined> {
    const known = deps.loaded(hash);
    if (known) return Promise.resolve(known);
    let p = definitions.get(hash);
    if (!p) {
      p = deps.client.workflow.getHandle(workflowId).fetchHistory().then(async (h: History) => {
        const started = h.events?.[0]?.workflowExecutionStartedEventAttributes;
        const input = await decodeFromPayloadsAtIndex<SessionWorkflowInput>(converter, 0, started?.input?.payloads);
        return input?.compiled?.hash === hash ? input.compiled : undefined;
      }).catch(() => undefined);
      definitions.set(hash, p);
    }
    return p;
  }

  let unreadable = 0;
  let fix = '';
  async function factOf(workflowId: string, status: string): Promise<InsightFact | undefined> {
    let state: SessionState;
    try {
      state = status === 'COMPLETED'
        ? await deps.client.workflow.getHandle(workflowId).result() as SessionState
        : await deps.query(workflowId);
    } catch (e) {
      if (e instanceof EngineUnavailableError) throw e;
      // A session this process cannot decode would silently be missing from every count: say so.
      const keyError = keyErrorIn(e);
      if (keyError && keyError.code === 'payload_key_missing') { unreadable++; fix ||= keyError.message; }
      return undefined; // terminated, purged or foreign: nothing to count
    }
    const first = state?.steps?.[0];
    if (!first || first.at < from || first.at >= to) return undefined;
    const compiled = await definition(workflowId, state.definitionHash);
    return compiled ? sessionFacts(compiled, state.steps.map((s) => ({ event: s.event, at: s.at }))) : undefined;
  }

  const listed: { workflowId: string; status: string }[] = [];
  for await (const wf of deps.client.workflow.list({ query: listQuery(deps.taskQueue, filter.from) })) {
    listed.push({ workflowId: wf.workflowId, status: wf.status.name });
  }
  const out: InsightFact[] = [];
  const width = Math.max(1, deps.concurrency ?? 8);
  for (let i = 0; i < listed.length; i += width) {
    const facts = await Promise.all(listed.slice(i, i + width).map((w) => factOf(w.workflowId, w.status)));
    for (const f of facts) if (f) out.push(f);
  }
  if (unreadable > 0) throw new InsightUnreadableError(unreadable, fix);
  return out;
}

/** The payload-key failure behind a decode error (the SDK wraps it). */
function keyErrorIn(e: unknown): PayloadKeyError | undefined {
  let cur: unknown = e;
  for (let i = 0; cur && i < 6; i++) {
    if (cur instanceof PayloadKeyError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
