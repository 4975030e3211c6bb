/**
 * The one generic workflow: it hosts the pure session core for one conversation. Turns are
 * Workflow Updates, the state is a Query, inactivity timers are workflow timers, and long
 * sessions continue-as-new with their snapshot, transcript and trail.
 */
import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate,
  proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import { step } from '../core/session';
import type { Effect, SessionEvent, SessionSnapshot, StepResult, TrailEntry } from '../core/session/types';
import type { SessionActivities } from './activity-types';
import { msUntil, workflowNow } from './clock';
import {
  MAX_MESSAGE_BYTES, REJECT, utf8Length, STATE_QUERY, TURN_UPDATE,
  type SessionState, type SessionWorkflowInput, type TranscriptEntry, type TurnReply, type TurnRequest,
} from './types';

export const turnUpdate = defineUpdate<TurnReply, [TurnRequest]>(TURN_UPDATE);
export const stateQuery = defineQuery<SessionState>(STATE_QUERY);

const actions = proxyActivities<SessionActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

const CLOSED = new Set(['completed', 'cancelled']);

/** Hosts `step()` for one session; returns the final state when the session is completed or cancelled. */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionState> {
  const { compiled, sessionId } = input;
  let snapshot: SessionSnapshot | null = input.carried?.snapshot ?? null;
  const transcript: TranscriptEntry[] = input.carried?.transcript ?? [];
  const trail: TrailEntry[] = input.carried?.trail ?? [];
  const generation = input.carried?.generation ?? 0;
  let busy = false;
  let turnsThisRun = 0;
  let activity = 0;

  const state = (): SessionState => ({
    snapshot, transcript, trail, tokenHash: input.tokenHash, service: compiled.id, definitionHash: compiled.hash, generation,
  });

  /** Feeds one event through the core, runs the effects it asks for, and feeds their results back. */
  async function drive(event: SessionEvent): Promise<TurnReply['messages']> {
    const out: TurnReply['messages'] = [];
    const queue: SessionEvent[] = [event];
    while (queue.length > 0) {
      const ev = queue.shift() as SessionEvent;
      const now = workflowNow();
      const result: StepResult = step(compiled, snapshot, ev, now);
      snapshot = result.snapshot;
      trail.push(...result.trail);
      for (const m of result.messages) {
        out.push(m);
        transcript.push({ role: m.role, text: m.text, at: now });
      }
      for (const effect of result.effects) {
        const fed = await runEffect(effect);
        if (fed) queue.push(fed);
      }
    }
    return out;
  }

  async function runEffect(effect: Effect): Promise<SessionEvent | undefined> {
    if (effect.kind === 'action') {
      try {
        const result = await actions.runAction(effect.name, effect.input, `${sessionId}:${effect.id}`, sessionId);
        return { type: 'effect.result', effectId: effect.id, ok: true, result };
      } catch (err) {
        return { type: 'effect.result', effectId: effect.id, ok: false, error: failureOf(err) };
      }
    }
    if (effect.kind === 'notify') {
      // A notification that cannot be sent must not break the conversation; the core does not wait for it.
      try {
        await actions.runAction('notify.send', { template: effect.template, data: effect.data, channel: snapshot?.channel }, `${sessionId}:${effect.id}`, sessionId);
      } catch { /* recorded by the activity's own failure in the history */ }
    }
    // Timers live in snapshot.timers and are armed by the main loop; handoff is a status.
    return undefined;
  }

  function toEvent(req: TurnRequest): SessionEvent {
    switch (req.kind) {
      case 'start':
        return { type: 'start', sessionId, locale: input.locale, channel: input.channel, referenceDate: input.referenceDate };
      case 'message': return { type: 'message', text: req.text };
      case 'handoff': return req.reason ? { type: 'handoff', reason: req.reason } : { type: 'handoff' };
      case 'cancel': return { type: 'cancel' };
      case 'staff':
        if (req.action === 'take') return { type: 'staff.take', staff: req.staff };
        if (req.action === 'answer') return { type: 'staff.answer', staff: req.staff, text: req.text ?? '' };
        return req.text ? { type: 'staff.close', staff: req.staff, note: req.text } : { type: 'staff.close', staff: req.staff };
    }
  }

  setHandler(stateQuery, state);
  setHandler(turnUpdate, async (req) => {
    busy = true;
    try {
      if (req.kind === 'message') transcript.push({ role: 'citizen', text: req.text, at: workflowNow() });
      if (req.kind === 'staff' && req.action === 'answer' && req.text) transcript.push({ role: 'staff', text: req.text, at: workflowNow() });
      const messages = await drive(toEvent(req));
      turnsThisRun++;
      activity++;
      const snap = snapshot as SessionSnapshot;
      return { id: sessionId, status: snap.status, messages, ...(snap.outcome ? { outcome: snap.outcome } : {}) };
    } finally {
      busy = false;
    }
  }, {
    validator: (req) => {
      if (busy) throw new Error(`${REJECT.busy}: another turn of this session is still running; send the next message after the answer.`);
      if (req.kind === 'start') {
        if (snapshot) throw new Error(`${REJECT.started}: the session has already started.`);
        return;
      }
      if (!snapshot) throw new Error(`${REJECT.notStarted}: the session has not started yet.`);
      if (CLOSED.has(snapshot.status)) throw new Error(`${REJECT.closed}: the session is ${snapshot.status}; start a new one.`);
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
      ? await condition(() => activity !== seen, Math.max(1, msUntil(next.at)))
      : await condition(() => activity !== seen);
    if (!woke && next) {
      await condition(() => !busy);
      if (activity === seen && snapshot && !CLOSED.has(snapshot.status)) {
        // No turn came before the timer: the core decides what a reminder or timeout means.
        fired.add(`${next.name}@${next.at}`);
        busy = true;
        try { await drive({ type: 'timer', name: next.name }); } finally { busy = false; }
        activity++;
      }
    }
    const suggested = workflowInfo().continueAsNewSuggested;
    const limit = input.continueAsNewAfterTurns;
    if (snapshot && !CLOSED.has(snapshot.status) && (suggested || (limit !== undefined && turnsThisRun >= limit))) {
      await condition(() => allHandlersFinished() && !busy);
      await continueAsNew<typeof sessionWorkflow>({
        ...input,
        carried: { snapshot, transcript, trail, generation: generation + 1 },
      });
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

function failureOf(err: unknown): { code: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { code: cause.type ?? 'action_failed', message: cause.message };
  return { code: 'action_failed', message: err instanceof Error ? err.message : String(err) };
}
