/**
 * The one turn loop of every host: step the core with the turn's event, record the step, run each
 * action effect it asks for through the host's effect runner (in order, one at a time), feed each
 * result back through the core as its own recorded step, until no action is left. The embedded
 * engine records a step as a SQLite commit, the Temporal workflow in its state; the runner is the
 * action registry with retries there and an activity here. Deterministic: no clock, no I/O.
 */
import { step } from '../../core/session';
import type { CompiledService, Effect, OutgoingMessage, SessionEvent, SessionSnapshot, StepResult, TrailEntry } from '../../core/session/types';
import { turnFacts, type TurnFacts } from './facts';

export type ActionEffect = Extract<Effect, { kind: 'action' }>;

/** What a host lends the loop. */
export interface TurnPorts {
  /** The instant of the next step (embedded: its clock; Temporal: the turn's recorded time). */
  now(): string;
  /** Makes one step durable before any of its effects run. `attempts`: tries the action took (results only). */
  record(step: { event: SessionEvent; now: string; result: StepResult; attempts?: number }): void | Promise<void>;
  /** Runs one action effect and returns its result as an event (failures are results too, never throws for an action failure). */
  runAction(effect: ActionEffect, idempotencyKey: string): Promise<{ event: SessionEvent; attempts?: number }>;
}

export interface TurnOutcome {
  snapshot: SessionSnapshot;
  /** Every message the turn produced, in order (the event's and each fed-back result's). */
  messages: OutgoingMessage[];
  /** What the turn did, for metrics (codes and counts only). */
  facts: TurnFacts;
}

/** The core's effect ids are unique per session and start with its id; anything else gets it prefixed. */
export function idempotencyKey(sessionId: string, effectId: string): string {
  return effectId.startsWith(sessionId) ? effectId : `${sessionId}/${effectId}`;
}

/** The result event of a failed action, in the one shape both hosts feed back. */
export function actionFailed(effect: Pick<ActionEffect, 'id' | 'name'>, code?: string, message?: string): SessionEvent {
  const known = code !== undefined && code !== 'action_failed';
  return {
    type: 'effect.result', effectId: effect.id, ok: false,
    error: known ? { code, message: message ?? code } : { code: 'action_failed', message: `The action ${effect.name} failed unexpectedly.` },
  };
}

/** The result event of a successful action. */
export function actionSucceeded(effect: Pick<ActionEffect, 'id'>, result: unknown): SessionEvent {
  return { type: 'effect.result', effectId: effect.id, ok: true, result: result ?? null };
}

function actionsOf(result: StepResult): ActionEffect[] {
  return result.effects.filter((e): e is ActionEffect => e.kind === 'action');
}

async function applyStep(compiled: CompiledService, snapshot: SessionSnapshot | null, event: SessionEvent, ports: TurnPorts, attempts?: number) {
  const now = ports.now();
  const result = step(compiled, snapshot, event, now);
  await ports.record({ event, now, result, ...(attempts !== undefined ? { attempts } : {}) });
  return result;
}

/**
 * Runs pending action effects one by one, each result its own recorded step, until none are left
 * (also what a host calls after a crash, for effects recorded but never answered).
 */
export async function settle(
  compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot, pending: ActionEffect[], ports: TurnPorts,
  messages: OutgoingMessage[] = [], trail: TrailEntry[] = [], effects: Effect[] = [...pending],
): Promise<TurnOutcome> {
  const work = [...pending];
  let snap = snapshot;
  while (work.length > 0) {
    const effect = work.shift() as ActionEffect;
    const { event, attempts } = await ports.runAction(effect, idempotencyKey(sessionId, effect.id));
    const r = await applyStep(compiled, snap, event, ports, attempts);
    snap = r.snapshot;
    messages.push(...r.messages);
    trail.push(...r.trail);
    effects.push(...r.effects);
    work.push(...actionsOf(r));
  }
  return { snapshot: snap, messages, facts: turnFacts(trail, effects) };
}

/** One turn: the event, then every action it asks for in order. */
export async function runTurn(
  compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot | null, event: SessionEvent, ports: TurnPorts,
): Promise<TurnOutcome> {
  const first = await applyStep(compiled, snapshot, event, ports);
  return settle(compiled, sessionId, first.snapshot, actionsOf(first), ports, [...first.messages], [...first.trail], [...first.effects]);
}
