/**
 * The embedded host of the one turn loop (`host/loop`): each step is one committed SQLite
 * transaction, each action runs through the action registry (idempotency key from the effect id,
 * retries with backoff), outbound messages go to the listeners. Also fires due timers and resumes
 * effects left pending by a crash. Everything of one session runs inside that session's queue slot.
 */
import type { CompiledService, OutgoingMessage, SessionEvent, SessionSnapshot } from '../../core/session/types';
import { ActionError } from '../../activities/errors';
import type { ActionRegistry } from '../../activities/types';
import { rejectionError } from '../errors';
import { logger } from '../../platform/logger';
import { observeTurn } from '../../platform/metrics';
import {
  MAX_MESSAGE_BYTES, actionFailed, actionSucceeded, admit, runTurn, settle, toEvent,
  type ActionEffect, type SessionQueue, type StartFacts, type TurnKind, type TurnPorts,
} from '../loop';
import type { SessionStore } from './store';
import type { OutboundMessage, TurnResult } from '../types';

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
  const { store, actions, nowIso, listeners } = deps;

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

  async function runAction(sessionId: string, effect: ActionEffect, key: string): Promise<{ event: SessionEvent; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await actions.run(effect.name, effect.input, { idempotencyKey: key, sessionId, now: nowIso() });
        return { event: actionSucceeded(effect, result), attempts: attempt };
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
        return { event: actionFailed(effect, code, err instanceof ActionError ? err.message : undefined), attempts: attempt };
      }
    }
  }

  /** The loop's ports over this session: a step is a commit (creating the row on start), its messages go out at once. */
  function ports(sessionId: string, create?: { service: CompiledService; tokenHash: string; channel: string }): TurnPorts {
    let creating = create;
    return {
      now: nowIso,
      record: ({ event, now, result, attempts }) => {
        const started = performance.now();
        store.commit({ sessionId, event, now, result, attempts, create: creating });
        creating = undefined;
        log.debug('turn.committed', { session: sessionId, event: event.type, effects: result.effects.length, ms: Math.round(performance.now() - started) });
        emit(sessionId, result.snapshot, result.messages);
      },
      runAction: (effect, key) => runAction(sessionId, effect, key),
    };
  }

  /** Starts a session: the start turn and everything it asks for. */
  async function start(compiled: CompiledService, facts: StartFacts, tokenHash: string): Promise<TurnResult> {
    const t0 = performance.now();
    const out = await runTurn(compiled, facts.sessionId, null, toEvent({ kind: 'start' }, facts), ports(facts.sessionId, { service: compiled, tokenHash, channel: facts.channel }));
    deps.afterTurn();
    observeTurn({ engine: 'embedded', kind: 'start', service: compiled.id, seconds: (performance.now() - t0) / 1000, facts: out.facts });
    return { id: facts.sessionId, status: out.snapshot.status, messages: out.messages, outcome: out.snapshot.outcome };
  }

  /** One turn of an existing session, after the shared admission check. */
  async function turn(sessionId: string, req: TurnKind): Promise<TurnResult> {
    const t0 = performance.now();
    const { row, snapshot } = store.snapshot(sessionId);
    const refused = admit(snapshot, req, nowIso());
    if (refused) throw rejectionError(sessionId, refused, MAX_MESSAGE_BYTES);
    const compiled = await deps.compiledFor(row.definition_hash, row.service);
    const facts = { sessionId, channel: snapshot.channel, referenceDate: snapshot.referenceDate };
    const out = await runTurn(compiled, sessionId, snapshot, toEvent(req, facts), ports(sessionId));
    deps.afterTurn();
    observeTurn({ engine: 'embedded', kind: req.kind, service: compiled.id, seconds: (performance.now() - t0) / 1000, facts: out.facts });
    return { id: sessionId, status: out.snapshot.status, messages: out.messages, outcome: out.snapshot.outcome };
  }

  async function fireDueTimers(): Promise<number> {
    const due = store.dueTimers(nowIso());
    await Promise.all(due.map((t) => deps.queue.run(t.sessionId, async () => {
      // A turn queued before this one may have cancelled or moved the timer.
      const still = store.timers(t.sessionId).find((x) => x.name === t.name && x.at <= nowIso());
      if (!still) return;
      log.info('timer.fired', { session: t.sessionId, timer: t.name });
      await turn(t.sessionId, { kind: 'timer', name: t.name }).catch((err) => {
        log.error('timer.failed', { session: t.sessionId, timer: t.name, error: (err as Error).name, code: (err as { code?: string }).code });
      });
    }, false)));
    return due.length;
  }

  async function resumePending(): Promise<void> {
    const pending = store.pendingActions();
    if (pending.length > 0) log.info('effects.resumed', { count: pending.length });
    const bySession = new Map<string, typeof pending>();
    for (const p of pending) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
    await Promise.all([...bySession.entries()].map(([sid, list]) => deps.queue.run(sid, async () => {
      try {
        const { row, snapshot } = store.snapshot(sid);
        const compiled = await deps.compiledFor(row.definition_hash, row.service);
        await settle(compiled, sid, snapshot, list.map((p) => ({ kind: 'action', id: p.effectId, name: p.name, input: p.input }) as ActionEffect), ports(sid));
      } catch (err) {
        log.error('effects.resume_failed', { session: sid, error: (err as Error).name, code: (err as { code?: string }).code });
      }
    }, false)));
  }

  return { start, turn, fireDueTimers, resumePending };
}
