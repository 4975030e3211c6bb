/**
 * The one generic workflow: it hosts the pure session core for one conversation. Turns are
 * Workflow Updates, the state is a Query, inactivity timers are workflow timers, and long
 * sessions continue-as-new with their snapshot, transcript and recorded steps. The host loop
 * mirrors the embedded engine's (step, then each action effect in order, its result fed back as
 * its own step), which is what makes the two engines' transcripts and trails identical.
 */
import './sandbox-globals';
import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate,
  proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import { step } from '../../../core/session';
import type { Effect, OutgoingMessage, SessionEvent, SessionSnapshot } from '../../../core/session/types';
import type { SessionActivities } from './activity-types';
import {
  MAX_MESSAGE_BYTES, REJECT, STATE_QUERY, TURN_UPDATE, utf8Length,
  type RecordedStep, type SessionState, type SessionWorkflowInput, type TranscriptEntry, type TurnReply, type TurnRequest,
} from './types';

export const turnUpdate = defineUpdate<TurnReply, [TurnRequest]>(TURN_UPDATE);
export const stateQuery = defineQuery<SessionState>(STATE_QUERY);

/** Explicit timeouts and retries: a dead worker's attempt is retried after `startToClose`; non-retryable failures stop at once. */
function actionProxy(timeoutSeconds: number): SessionActivities {
  return proxyActivities<SessionActivities>({
    startToCloseTimeout: `${timeoutSeconds} seconds`,
    scheduleToCloseTimeout: `${Math.max(300, timeoutSeconds * 6)} seconds`,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
  });
}

type ActionEffect = Extract<Effect, { kind: 'action' }>;
const CLOSED = new Set(['completed', 'cancelled']);

/** Hosts `step()` for one session; returns the final state when the session is completed or cancelled. */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionState> {
  const { compiled, sessionId } = input;
  let snapshot: SessionSnapshot | null = input.carried?.snapshot ?? null;
  const transcript: TranscriptEntry[] = input.carried?.transcript ?? [];
  const steps: RecordedStep[] = input.carried?.steps ?? [];
  const generation = input.carried?.generation ?? 0;
  let busy = false;
  let turnsThisRun = 0;
  let activity = 0;
  const activities = actionProxy(input.actionTimeoutSeconds ?? 30);

  const state = (): SessionState => ({
    snapshot, transcript, steps, tokenHash: input.tokenHash, service: compiled.id, definitionHash: compiled.hash, generation,
  });

  /** Time of the last recorded step: the clock of this workflow, fed only by turn requests and timers. */
  const lastAt = (): string | undefined => steps[steps.length - 1]?.at;

  /** Never earlier than the last step, so two clients with skewed clocks cannot move time back. */
  function monotonic(at: string): string {
    const last = lastAt();
    return last !== undefined && Date.parse(at) < Date.parse(last) ? last : at;
  }

  /** One step of the core, recorded like the embedded engine records a committed event. */
  function apply(event: SessionEvent, now: string): { messages: OutgoingMessage[]; actions: ActionEffect[] } {
    const result = step(compiled, snapshot, event, now);
    snapshot = result.snapshot;
    steps.push({ at: now, event, trail: result.trail, messages: result.messages, effects: result.effects });
    if (event.type === 'message') transcript.push({ role: 'citizen', text: event.text, at: now });
    for (const m of result.messages) transcript.push({ role: m.role, text: m.text, at: now });
    // Timers live in snapshot.timers (armed by the main loop); notify and handoff effects are
    // data for channels and the desk, exactly as on the embedded engine.
    return { messages: result.messages, actions: result.effects.filter((e): e is ActionEffect => e.kind === 'action') };
  }

  async function runAction(effect: ActionEffect): Promise<SessionEvent> {
    try {
      const result = await activities.runAction(effect.name, effect.input, idempotencyKey(sessionId, effect.id), sessionId);
      return { type: 'effect.result', effectId: effect.id, ok: true, result: result ?? null };
    } catch (err) {
      return { type: 'effect.result', effectId: effect.id, ok: false, error: failureOf(err, effect.name) };
    }
  }

  /** The event, then every action it asks for in order, each result its own step. */
  async function drive(event: SessionEvent, at: string): Promise<OutgoingMessage[]> {
    const now = monotonic(at);
    const first = apply(event, now);
    const messages = [...first.messages];
    const work = [...first.actions];
    while (work.length > 0) {
      const effect = work.shift() as ActionEffect;
      // The action's result is part of the same turn: it carries the turn's time.
      const r = apply(await runAction(effect), now);
      messages.push(...r.messages);
      work.push(...r.actions);
    }
    return messages;
  }

  function toEvent(req: TurnRequest): SessionEvent {
    switch (req.kind) {
      case 'start':
        return { type: 'start', sessionId, locale: input.locale, channel: input.channel ?? 'api', referenceDate: input.referenceDate, ...(input.llm ? { llm: true } : {}) };
      case 'message': return { type: 'message', text: req.text };
      case 'handoff': return { type: 'handoff', reason: req.reason };
      case 'cancel': return { type: 'cancel' };
      case 'staff':
        if (req.action === 'take') return { type: 'staff.take', staff: req.staff };
        if (req.action === 'answer') return { type: 'staff.answer', staff: req.staff, text: req.text ?? '' };
        if (req.action === 'handback') return { type: 'staff.handback', staff: req.staff, note: req.text };
        if (req.action === 'correct') return { type: 'staff.correct', staff: req.staff, slot: req.slot ?? '', value: req.value, reason: req.reason ?? '' };
        if (req.action === 'read') return { type: 'staff.read', staff: req.staff };
        return { type: 'staff.close', staff: req.staff, note: req.text };
    }
  }

  setHandler(stateQuery, state);
  setHandler(turnUpdate, async (req) => {
    busy = true;
    try {
      const messages = await drive(toEvent(req), req.at);
      turnsThisRun++;
      const snap = snapshot as SessionSnapshot;
      return { id: sessionId, status: snap.status, channel: snap.channel, messages, ...(snap.outcome ? { outcome: snap.outcome } : {}) };
    } finally {
      busy = false;
      activity++;
    }
  }, {
    validator: (req) => {
      if (typeof req.at !== 'string' || Number.isNaN(Date.parse(req.at))) {
        throw new Error('turn_invalid: the turn carries no valid time `at` (ISO instant); send it from the client.');
      }
      if (busy) throw new Error(`${REJECT.busy}: another turn of this session is still running; send the next message after the answer.`);
      if (req.kind === 'start') {
        if (snapshot) throw new Error(`${REJECT.started}: the session has already started.`);
        return;
      }
      if (!snapshot) throw new Error(`${REJECT.notStarted}: the session has not started yet.`);
      const closeAllowed = req.kind === 'staff' && req.action === 'close';
      if (CLOSED.has(snapshot.status) && !closeAllowed) throw new Error(`${REJECT.closed}: the session is ${snapshot.status}; start a new one.`);
      if (req.kind === 'message' || req.kind === 'staff') {
        const text = req.kind === 'message' ? req.text : req.text ?? '';
        if (typeof text !== 'string') throw new Error('message_invalid: the message must be a string.');
        const bytes = utf8Length(text);
        if (bytes > MAX_MESSAGE_BYTES) {
          throw new Error(`${REJECT.tooLong}: the message has ${bytes} bytes, at most ${MAX_MESSAGE_BYTES} are accepted; send a shorter one.`);
        }
      }
    },
  });

  const fired = new Set<string>();
  for (;;) {
    if (snapshot && CLOSED.has(snapshot.status)) break;
    const seen = activity;
    const next = snapshot ? nextTimer(snapshot, fired) : undefined;
    const woke = next
      // The wait is measured from the last step's time (arms happen in steps), not from a clock.
      ? await condition(() => activity !== seen, Math.max(1, Date.parse(next.at) - Date.parse(lastAt() ?? next.at)))
      : await condition(() => activity !== seen);
    if (!woke && next) {
      await condition(() => !busy);
      if (activity === seen && snapshot && !CLOSED.has(snapshot.status)) {
        // No turn came before the timer: the core decides what a reminder or timeout means.
        fired.add(`${next.name}@${next.at}`);
        busy = true;
        // A timer fires at the instant it was armed for: that instant is its time.
        try { await drive({ type: 'timer', name: next.name }, next.at); } finally { busy = false; activity++; }
      }
    }
    const limit = input.continueAsNewAfterTurns;
    if (snapshot && !CLOSED.has(snapshot.status) && (workflowInfo().continueAsNewSuggested || (limit !== undefined && turnsThisRun >= limit))) {
      await condition(() => allHandlersFinished() && !busy);
      await continueAsNew<typeof sessionWorkflow>({ ...input, carried: { snapshot, transcript, steps, generation: generation + 1 } });
    }
  }
  await condition(allHandlersFinished);
  return state();
}

/** The earliest live timer not fired yet (a core that keeps a fired timer must not make us spin). */
function nextTimer(s: SessionSnapshot, fired: Set<string>): { name: 'reminder' | 'timeout'; at: string } | undefined {
  let best: { name: 'reminder' | 'timeout'; at: string } | undefined;
  for (const [name, at] of Object.entries(s.timers ?? {})) {
    if (name !== 'reminder' && name !== 'timeout') continue;
    if (fired.has(`${name}@${at}`)) continue;
    if (!best || at < best.at) best = { name, at };
  }
  return best;
}

/** The same key the embedded engine uses: the core's effect ids already start with the session id. */
function idempotencyKey(sessionId: string, effectId: string): string {
  return effectId.startsWith(sessionId) ? effectId : `${sessionId}/${effectId}`;
}

/** The same error shape the embedded engine feeds back for a failed action. */
function failureOf(err: unknown, action: string): { code: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type && cause.type !== 'action_failed') return { code: cause.type, message: cause.message };
  return { code: 'action_failed', message: `The action ${action} failed unexpectedly.` };
}
