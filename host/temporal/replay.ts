/**
 * Export and replay of Temporal session histories for audit: a history fetched from the cluster
 * (encrypted payloads and all) is replayed against the workflow bundle with the same codec; a
 * workflow change that would decide differently fails with DeterminismViolationError.
 */
import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { EncryptionCodec, amtswegDataConverter, type KeyRing } from './codec';
import { connectWithRetry, createClient, type TemporalSettings } from './connection';
import { workflowBundle } from './worker/bundle';
import type { SessionKeys } from './session-keys';

/** A history as protobuf bytes (a `.pb` file an auditor keeps beside the case). */
export function historyBytes(history: temporal.api.history.v1.IHistory): Uint8Array {
  return temporal.api.history.v1.History.encode(history).finish();
}

/**
 * Reads a history file written by historyBytes. (JSON from `temporal workflow show -o json` is
 * read by `amtsweg replay`, audit/history-json.ts.)
 */
export function readHistoryFile(file: string): temporal.api.history.v1.IHistory {
  return temporal.api.history.v1.History.decode(readFileSync(file));
}

/** The workflow id of a session. */
export function sessionWorkflowId(sessionId: string): string {
  return `amtsweg-${sessionId}`;
}

/** Fetches a session's history (as the JSON Temporal's tools read and write). */
export async function exportSessionHistory(settings: TemporalSettings, ring: KeyRing, sessionId: string): Promise<temporal.api.history.v1.IHistory> {
  const connection = await connectWithRetry(settings, { attempts: 3 });
  try {
    return await createClient(connection, settings.namespace, ring).workflow.getHandle(sessionWorkflowId(sessionId)).fetchHistory();
  } finally {
    await connection.close();
  }
}

/**
 * Replays a history (object, or a file read by readHistoryFile); `sessionKeys` reads the
 * per-session payload keys (from the shared store) of sessions that have one. Resolves when the current workflow code reproduces it; rejects with
 * DeterminismViolationError when it would not.
 */
export async function replaySessionHistory(
  history: temporal.api.history.v1.IHistory | string, workflowId: string, ring: KeyRing, workflowsPath?: string, sessionKeys?: SessionKeys,
): Promise<void> {
  const h = typeof history === 'string' ? readHistoryFile(history) : history;
  // Decode the input first: a wrong key then fails with an error naming the key id, not deep inside a replay.
  const input = h.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  await new EncryptionCodec(ring, sessionKeys).decode(input);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(workflowsPath), dataConverter: amtswegDataConverter(ring, { sessionKeys }) }, h, workflowId);
}
