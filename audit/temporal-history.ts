/**
 * Temporal histories: export a session workflow as an audit bundle, and replay a history JSON
 * file twice over: through `Worker.runReplayHistory` with the workflow bundle (Temporal's own
 * determinism check) and, from the steps the workflow recorded, through the pure core like any
 * bundle. Loaded only when needed: the Temporal SDK is heavy.
 */
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { decodeFromPayloadsAtIndex, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { LoadedDataConverter } from '@temporalio/common';
import type { SessionExport, ExportedEvent } from '../host/embedded/options';
import { digestOf, chainHash, GENESIS } from '../host/embedded/hash-chain';
import type { Effect } from '../core/session/types';
import type { SessionState, SessionWorkflowInput } from '../host/temporal/workflows/types';
import { SESSION_WORKFLOW, STATE_QUERY } from '../host/temporal/workflows/types';
import { amtswegDataConverter, loadKeyRing } from '../host/temporal/codec';
import type { SessionKeys } from '../host/temporal/session-keys';
import type { TemporalEngine } from '../host/temporal/engine';
import type { AuditBundle } from './bundle-schema';
import { ExportError, HistoryError } from './errors';
import { canonicalJson } from './canonical';
import { buildBundle } from './export';
import { historyFromJson } from './history-json';
import { replayBundle, type ReplayReport } from './replay';

type Event = NonNullable<History['events']>[number];

/** Bundle from the workflow input (definition) and its recorded steps. */
export function bundleFromState(input: SessionWorkflowInput, state: SessionState, opts: { exportedAt: string; workflowId?: string; runId?: string; sign?: KeyObject; status?: string }): AuditBundle {
  let prev = GENESIS;
  const events: ExportedEvent[] = state.steps.map((s, i) => {
    const record = { sessionId: input.sessionId, seq: i + 1, now: s.at, event: s.event };
    const digest = digestOf(record);
    const hash = chainHash(prev, digest);
    const link: ExportedEvent = { seq: i + 1, type: s.event.type, at: s.at, digest, prevHash: prev, hash, record, body: { event: s.event, trail: s.trail, messages: s.messages, effects: s.effects } };
    prev = hash;
    return link;
  });
  const results = new Map<string, { ok: boolean; value: unknown }>();
  for (const s of state.steps) if (s.event.type === 'effect.result') results.set(s.event.effectId, { ok: s.event.ok, value: s.event.ok ? s.event.result : s.event.error });
  const effects = state.steps.flatMap((s) => s.effects.filter((e): e is Extract<Effect, { kind: 'action' }> => e.kind === 'action').map((e) => ({
    effectId: e.id, kind: 'action', name: e.name, status: results.get(e.id) ? (results.get(e.id)!.ok ? 'done' : 'failed') : 'pending', attempts: 1,
    input: e.input, ...(results.has(e.id) ? { result: results.get(e.id)!.value } : {}),
  })));
  const snap = state.snapshot;
  const first = state.steps[0]?.at ?? opts.exportedAt;
  const last = state.steps[state.steps.length - 1]?.at ?? first;
  const exp: SessionExport = {
    session: {
      id: input.sessionId, service: input.compiled.id, definitionHash: input.compiled.hash, status: snap?.status ?? opts.status ?? 'active',
      channel: snap?.channel ?? input.channel ?? 'api', keyId: 'temporal', desk: null, takenBy: null, createdAt: first, updatedAt: last,
    },
    definition: { hash: input.compiled.hash, source: input.compiled.source },
    events, chain: { ok: true, length: events.length }, snapshot: snap, transcript: state.transcript, effects, timers: [],
  };
  return buildBundle(exp, { exportedAt: opts.exportedAt, engine: 'temporal', workflowId: opts.workflowId, runId: opts.runId, sign: opts.sign });
}

/** Decodes what an amtsweg session history carries: the workflow input and (when closed) its result. */
export async function decodeHistory(history: History, file: string, keyFile?: string, sessionKeys?: SessionKeys, loaded?: LoadedDataConverter): Promise<{ input: SessionWorkflowInput; result?: SessionState; workflowId?: string; runId?: string }> {
  const events: Event[] = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new HistoryError(file, 'the history does not begin with a WorkflowExecutionStarted event; export it with `temporal workflow show --output json` or the client\'s fetchHistory().');
  const type = started.workflowType?.name;
  if (type !== SESSION_WORKFLOW) throw new HistoryError(file, `the history is of workflow type "${type ?? '?'}", not an amtsweg session (${SESSION_WORKFLOW}); it cannot be replayed as a case.`);
  const converter = loaded ?? loadDataConverter(amtswegDataConverter(loadKeyRing({ keyFile }), { sessionKeys }));
  let input: SessionWorkflowInput;
  try {
    input = await decodeFromPayloadsAtIndex<SessionWorkflowInput>(converter, 0, started.input?.payloads);
  } catch (e) {
    throw new HistoryError(file, `the workflow input cannot be decoded (${(e as Error).message.split('\n')[0]}); it carries foreign payloads or needs another Temporal payload key (AMTSWEG_TEMPORAL_KEYS or --temporal-key-file).`);
  }
  if (!input || typeof input !== 'object' || !input.compiled || typeof input.compiled.source !== 'string' || typeof input.sessionId !== 'string') {
    throw new HistoryError(file, 'the workflow input is not an amtsweg session input (no compiled definition or session id): foreign payloads.');
  }
  const done = events.find((e) => e.workflowExecutionCompletedEventAttributes)?.workflowExecutionCompletedEventAttributes;
  let result: SessionState | undefined;
  if (done) {
    try {
      result = await decodeFromPayloadsAtIndex<SessionState>(converter, 0, done.result?.payloads);
    } catch (e) {
      throw new HistoryError(file, `the workflow result cannot be decoded (${(e as Error).message.split('\n')[0]}).`);
    }
  }
  return { input, result };
}

/**
 * The history's own record of what came in: the turn requests of accepted updates and the
 * results of completed activities, in order. They must agree with the steps the workflow
 * returned, or the history (or the result) was altered.
 */
async function crossCheck(history: History, state: SessionState, keyFile?: string, sessionKeys?: SessionKeys): Promise<ReplayReport['difference']> {
  const converter = loadDataConverter(amtswegDataConverter(loadKeyRing({ keyFile }), { sessionKeys }));
  const requests: unknown[] = [];
  const results: unknown[] = [];
  for (const e of history.events ?? []) {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads;
    if (accepted) requests.push(await decodeFromPayloadsAtIndex(converter, 0, accepted));
    const done = e.activityTaskCompletedEventAttributes;
    if (done) results.push(await decodeFromPayloadsAtIndex(converter, 0, done.result?.payloads).catch(() => null));
  }
  const seqOf = (step: SessionState['steps'][number] | undefined): number => (step ? state.steps.indexOf(step) + 1 : 0);
  const okResults = state.steps.filter((s) => s.event.type === 'effect.result' && s.event.ok);
  for (let i = 0; i < Math.max(results.length, okResults.length); i++) {
    const recorded = okResults[i] ? (okResults[i].event as { result?: unknown }).result ?? null : null;
    if (canonicalJson(results[i] ?? null) !== canonicalJson(recorded)) {
      return { seq: seqOf(okResults[i]), type: 'effect.result', part: 'effects', path: `activity result ${i + 1}`, recorded, replayed: results[i] ?? null };
    }
  }
  const messages = state.steps.filter((s) => s.event.type === 'message');
  const asked = requests.filter((r): r is { kind: 'message'; text: string } => (r as { kind?: string })?.kind === 'message').map((r) => r.text);
  for (let i = 0; i < Math.max(messages.length, asked.length); i++) {
    const recorded = messages[i] ? (messages[i].event as { text: string }).text : null;
    if (recorded !== (asked[i] ?? null)) {
      return { seq: seqOf(messages[i]), type: 'message', part: 'error', path: `turn request ${i + 1}`, recorded, replayed: asked[i] ?? null };
    }
  }
  return undefined;
}

/** Replays a history JSON file: Temporal determinism first, then the core over the recorded steps. */
export async function replayTemporalHistory(file: string, opts: { keyFile?: string; sessionKeys?: SessionKeys } = {}): Promise<ReplayReport> {
  let history: History;
  try {
    history = historyFromJson(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new HistoryError(file, `not a Temporal history JSON (${(e as Error).message.split('\n')[0]}).`);
  }
  const { input, result } = await decodeHistory(history, file, opts.keyFile, opts.sessionKeys);
  const { Worker } = await import('@temporalio/worker');
  const { workflowBundle } = require('../host/temporal/worker/bundle') as typeof import('../host/temporal/worker/bundle');
  try {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: amtswegDataConverter(loadKeyRing({ keyFile: opts.keyFile }), { sessionKeys: opts.sessionKeys }) }, history, `amtsweg-${input.sessionId}`);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    return {
      file, sessionId: input.sessionId, service: input.compiled.id, events: history.events?.length ?? 0, ok: false, outcome: null,
      difference: { seq: 0, type: 'workflow', part: 'error', path: '(Temporal replay)', recorded: 'the recorded history', replayed: `Worker.runReplayHistory failed: ${message}` },
    };
  }
  if (!result) {
    return { file, sessionId: input.sessionId, service: input.compiled.id, events: history.events?.length ?? 0, ok: true, outcome: null };
  }
  const bundle = bundleFromState(input, result, { exportedAt: new Date(0).toISOString() });
  const mismatch = await crossCheck(history, result, opts.keyFile, opts.sessionKeys);
  if (mismatch) return { file, sessionId: input.sessionId, service: input.compiled.id, events: bundle.events.length, ok: false, outcome: null, difference: mismatch };
  return replayBundle(bundle, file);
}

/** Exports one session through an open engine (its client, keys and shared store). */
export async function exportWithEngine(engine: TemporalEngine, sessionId: string, opts: { exportedAt: string; sign?: KeyObject; keyFile?: string }): Promise<AuditBundle> {
  const workflowId = engine.workflowId(sessionId);
  let history: History;
  try {
    history = (await engine.exportHistory(sessionId)) as History;
  } catch (e) {
    throw new ExportError('session_not_found', `There is no workflow ${workflowId} (${(e as Error).message.split('\n')[0]}).`);
  }
  const { input, result } = await decodeHistory(history, workflowId, opts.keyFile, engine.sessionKeys, engine.client.options.loadedDataConverter);
  const state = result ?? await engine.client.workflow.getHandle(workflowId).query<SessionState>(STATE_QUERY);
  const runId = (history.events?.[0]?.workflowExecutionStartedEventAttributes?.originalExecutionRunId) ?? undefined;
  return bundleFromState(input, state, { exportedAt: opts.exportedAt, workflowId, ...(runId ? { runId } : {}), sign: opts.sign });
}

/** Exports a session workflow (by workflow id or session id) through the Temporal client. */
export async function exportTemporalWorkflow(id: string, opts: { flags: Record<string, unknown>; exportedAt: string; sign?: KeyObject; dataDir?: string; databaseUrl?: string }): Promise<AuditBundle> {
  const { temporalEngineFromFlags } = require('../host/temporal/cli-options') as typeof import('../host/temporal/cli-options');
  const sessionId = id.startsWith('amtsweg-') ? id.slice('amtsweg-'.length) : id;
  let engine;
  try {
    // The shared store holds the sessions' payload keys (and must be the one serve and workers use).
    engine = await temporalEngineFromFlags(opts.flags, [], () => undefined, { attempts: 1, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  } catch (e) {
    throw new ExportError('temporal_unreachable', `Temporal is not reachable: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return await exportWithEngine(engine, sessionId, { ...opts, keyFile: opts.flags.temporalKeyFile as string | undefined });
  } finally {
    await engine.close();
    await engine.shared?.close();
  }
}
