/**
 * The host loop of the embedded engine: step() → one committed turn → run the action effects it
 * asked for (idempotency key from the effect id, retries with backoff) → each result back through
 * step() as its own committed turn. Also fires due timers and resumes effects left pending by a
 * crash. Everything of one session runs inside that session's queue slot.
 */
import { step } from '../../core/session';
import type { CompiledService, Effect, OutgoingMessage, SessionEvent, SessionSnapshot } from '../../core/session/types';
import { ActionError } from '../../activities/errors';
import type { ActionRegistry } from '../../activities/types';
import { SessionClosedError } from '../errors';
import { logger } from '../../platform/logger';
import type { SessionQueue } from './session-queue';
import { idempotencyKey, type SessionStore } from './store';
import type { OutboundMessage, TurnResult } from '../types';

type ActionEffect = Extract<Effect, { kind: 'action' }>;
type PendingAction = { id: string; name: string; input: Record<string, unknown> };
const log = logger.child('engine');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HostLoopDeps {
  store: SessionStore;
  actions: ActionRegistry;
  queue: SessionQueue;
  nowIso: () => string;
  /** Attempts for retryable action errors and the first backoff delay (×4 per attempt). */
  attempts: number;
  baseDelayMs: number;
  isClosed: () => boolean;
  listeners: Set<(m: OutboundMessage) => void>;
  compiledFor: (hash: string, service: string) => Promise<CompiledService>;
  /** Called after each settled turn (the timer table may have changed). */
  afterTurn: () => void;
}

export type HostLoop = ReturnType<typeof createHostLoop>;

export function createHostLoop(deps: HostLoopDeps) {
  const { store, actions, queue, nowIso, listeners, compiledFor } = deps;

  function emit(sessionId: string, snapshot: SessionSnapshot, messages: OutgoingMessage[]): void {
    for (const m of messages) {
      for (const l of listeners) {
        try {
          l({ sessionId, channel: snapshot.channel, role: m.role, text: m.text, status: snapshot.status });
        } catch {
          log.warn('outbound.listener_failed', { session: sessionId });
        }
      }
    }
  }

  /** step() + commit; returns the new snapshot, its messages and its action effects. */
  function apply(
    compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot | null, event: SessionEvent,
    create?: { tokenHash: string; channel: string }, attempts?: number,
  ) {
    const now = nowIso();
    const started = performance.now();
    const result = step(compiled, snapshot, event, now);
    store.commit({ sessionId, event, now, result, attempts, create: create && { service: compiled, ...create } });
    log.debug('turn.committed', { session: sessionId, event: event.type, effects: result.effects.length, ms: Math.round(performance.now() - started) });
    emit(sessionId, result.snapshot, result.messages);
    return { snapshot: result.snapshot, messages: result.messages, actions: result.effects.filter((e): e is ActionEffect => e.kind === 'action') };
  }

  async function runAction(sessionId: string, effect: { id: string; name: string; input: Record<string, unknown> }): Promise<{ event: SessionEvent; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await actions.run(effect.name, effect.input, { idempotencyKey: idempotencyKey(sessionId, effect.id), sessionId, now: nowIso() });
        return { event: { type: 'effect.result', effectId: effect.id, ok: true, result: result ?? null }, attempts: attempt };
      } catch (err) {
        const retryable = err instanceof ActionError ? err.retryable : true;
        const code = err instanceof ActionError ? err.code : 'action_failed';
        // Only the error class: messages of unexpected errors may quote input (personal data).
        const kind = err instanceof Error ? err.name : typeof err;
        if (retryable && attempt < deps.attempts && !deps.isClosed()) {
          log.warn('action.retry', { session: sessionId, effect: effect.id, action: effect.name, attempt, code, kind });
          await sleep(deps.baseDelayMs * 4 ** (attempt - 1));
          continue;
        }
        log.warn('action.failed', { session: sessionId, effect: effect.id, action: effect.name, attempt, code, kind });
        const message = err instanceof ActionError ? err.message : `The action ${effect.name} failed unexpectedly.`;
        return { event: { type: 'effect.result', effectId: effect.id, ok: false, error: { code, message } }, attempts: attempt };
      }
    }
  }

  /** Runs action effects one by one, each result its own committed turn, until none are left. */
  async function settle(compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot, pending: PendingAction[], messages: OutgoingMessage[]) {
    const work = [...pending];
    let snap = snapshot;
    while (work.length > 0) {
      const effect = work.shift()!;
      const { event, attempts: tries } = await runAction(sessionId, effect);
      const r = apply(compiled, sessionId, snap, event, undefined, tries);
      snap = r.snapshot;
      messages.push(...r.messages);
      work.push(...r.actions);
    }
    return snap;
  }

  async function turn(sessionId: string, event: SessionEvent, opts2: { closedCheck: boolean }): Promise<TurnResult> {
    const { row, snapshot } = store.snapshot(sessionId);
    // A message to a case a case worker closed is a follow-up: the core reopens it for the desk.
    const followUp = event.type === 'message' && snapshot.status === 'completed' && snapshot.handoff?.closedBy !== undefined;
    if (opts2.closedCheck && !followUp && (snapshot.status === 'completed' || snapshot.status === 'cancelled')) throw new SessionClosedError(sessionId, snapshot.status);
    const compiled = await compiledFor(row.definition_hash, row.service);
    const first = apply(compiled, sessionId, snapshot, event);
    const messages = [...first.messages];
    const final = await settle(compiled, sessionId, first.snapshot, first.actions, messages);
    deps.afterTurn();
    return { id: sessionId, status: final.status, messages, outcome: final.outcome };
  }

  async function fireDueTimers(): Promise<number> {
    const due = store.dueTimers(nowIso());
    await Promise.all(due.map((t) => queue.run(t.sessionId, async () => {
      // A turn queued before this one may have cancelled or moved the timer.
      const still = store.timers(t.sessionId).find((x) => x.name === t.name && x.at <= nowIso());
      if (!still) return;
      log.info('timer.fired', { session: t.sessionId, timer: t.name });
      await turn(t.sessionId, { type: 'timer', name: t.name }, { closedCheck: true }).catch((err) => {
        log.error('timer.failed', { session: t.sessionId, timer: t.name, error: (err as Error).name });
      });
    }, false)));
    return due.length;
  }

  async function resumePending(): Promise<void> {
    const pending = store.pendingActions();
    if (pending.length > 0) log.info('effects.resumed', { count: pending.length });
    const bySession = new Map<string, typeof pending>();
    for (const p of pending) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
    await Promise.all([...bySession.entries()].map(([sid, list]) => queue.run(sid, async () => {
      try {
        const { row, snapshot } = store.snapshot(sid);
        const compiled = await compiledFor(row.definition_hash, row.service);
        await settle(compiled, sid, snapshot, list.map((p) => ({ id: p.effectId, name: p.name, input: p.input })), []);
      } catch (err) {
        log.error('effects.resume_failed', { session: sid, error: (err as Error).name });
      }
    }, false)));
  }

  return { apply, settle, turn, fireDueTimers, resumePending };
}
