/**
 * The one generic workflow: the Temporal host of the one turn loop (`host/loop`) for one
 * conversation. Turns are Workflow Updates, ordered by the loop's queue (one runs, one waits, a
 * third is refused), the state is a Query, inactivity timers are workflow timers, and long
 * sessions continue-as-new with their snapshot, transcript and recorded steps. Each action effect
 * is an activity; its result goes back through the core as its own recorded step.
 */
import './sandbox-globals';
import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate,
  patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { SessionSnapshot } from '../../../core/session/types';
import {
  FOLLOW_UP_GRACE_MS, REJECT, REMEMBERED_TURN_KEYS, SessionQueue, actionFailed, actionSucceeded, admit, awaitsFollowUp, isClosed, nextTimer, runTurn, toEvent,
  type Rejection, type TurnKind, type TurnPorts,
} from '../../loop';
import { caseEntryOf } from '../../views';
import type { SessionActivities } from './activity-types';
import { SEARCH_ATTRIBUTES_PATCH, sessionSearchAttributes } from './search-attributes';
import {
  STATE_QUERY, TURN_UPDATE,
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

/** The case index is bookkeeping: short attempts, retried for a while, never blocking a turn for long. */
const indexProxy = (): Pick<SessionActivities, 'indexCase'> => proxyActivities<SessionActivities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '300 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** What of a session the desk's index holds (a change of it is published). */
function deskKey(s: SessionSnapshot | null): string {
  const h = s?.handoff;
  return s && h ? [s.status, h.reason, h.takenBy ?? '', h.closedBy ?? '', h.returnedAt ?? ''].join('|') : '';
}

/** A refusal as a typed failure: the client maps it by `type`, never by parsing the message. */
function refusal(r: Rejection): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: `${r.code}: ${r.message}`, nonRetryable: true, details: [{ status: r.status, bytes: r.bytes }] });
}

/** Hosts the turn loop for one session; returns the final state when the session is completed or cancelled. */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionState> {
  const { compiled, sessionId } = input;
  let snapshot: SessionSnapshot | null = input.carried?.snapshot ?? null;
  const transcript: TranscriptEntry[] = input.carried?.transcript ?? [];
  const steps: RecordedStep[] = input.carried?.steps ?? [];
  const generation = input.carried?.generation ?? 0;
  // A turn sent again with the key of one applied is answered with that answer and changes nothing.
  const keyed = new Map<string, TurnReply>(input.carried?.keyed ?? []);
  const keyOf = (req: TurnRequest): string | undefined => (req.kind === 'message' ? req.key : undefined);
  const remember = (key: string | undefined, reply: TurnReply): void => {
    if (key === undefined) return;
    keyed.set(key, reply);
    while (keyed.size > REMEMBERED_TURN_KEYS) keyed.delete(keyed.keys().next().value as string);
  };
  const facts = {
    sessionId, locale: input.locale, channel: input.channel ?? 'api', referenceDate: input.referenceDate, ...(input.llm ? { llm: true } : {}),
    ...(input.proveAddresses ? { proveAddresses: true } : {}), ...(input.provenAddresses?.length ? { provenAddresses: input.provenAddresses } : {}),
  };
  const queue = new SessionQueue(1);
  let busy = false;
  let turnsThisRun = 0;
  let activity = 0;
  let turnAt = '';
  const activities = actionProxy(input.actionTimeoutSeconds ?? 30);
  const index = indexProxy();

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

  /** The loop's ports: a step is recorded in the workflow state; an action is an activity. */
  const ports: TurnPorts = {
    // Every step of a turn, action results included, carries the turn's time.
    now: () => turnAt,
    record: ({ event, now, result }) => {
      snapshot = result.snapshot;
      steps.push({ at: now, event, trail: result.trail, messages: result.messages, effects: result.effects });
      if (event.type === 'message') transcript.push({ role: 'citizen', text: event.text, at: now });
      for (const m of result.messages) transcript.push({ role: m.role, text: m.text, at: now });
    },
    runAction: async (effect, key) => {
      try {
        return { event: actionSucceeded(effect, await activities.runAction(effect.name, effect.input, key, sessionId)) };
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : err;
        const typed = cause instanceof ApplicationFailure && cause.type ? cause : undefined;
        return { event: actionFailed(effect, typed?.type ?? undefined, typed?.message) };
      }
    },
  };

  /** Search attributes as last published in this run (visibility queries by status, reason, taken by). */
  let published = '';
  function publish(): void {
    if (!input.searchAttributes || !snapshot) return;
    const pairs = sessionSearchAttributes(snapshot);
    const signature = JSON.stringify(pairs.map((p) => p.value));
    if (signature === published || !patched(SEARCH_ATTRIBUTES_PATCH)) return;
    published = signature;
    upsertSearchAttributes(pairs);
  }

  /** One turn through the loop, in the session's queue; refused again if the session closed meanwhile. */
  async function drive(req: TurnKind, at: string) {
    busy = true;
    try {
      turnAt = monotonic(at);
      const out = await runTurn(compiled, sessionId, snapshot, toEvent(req, facts), ports);
      publish();
      return out;
    } finally {
      busy = false;
      activity++;
    }
  }

  setHandler(stateQuery, state);
  setHandler(turnUpdate, (req) => queue.run(sessionId, async (): Promise<TurnReply> => {
    const answered = keyed.get(keyOf(req) ?? '');
    if (answered) return answered;
    const refused = admit(snapshot, req, req.at);
    if (refused) throw refusal(refused);
    const out = await drive(req, req.at);
    turnsThisRun++;
    const snap = out.snapshot;
    const reply: TurnReply = { id: sessionId, status: snap.status, channel: snap.channel, messages: out.messages, facts: out.facts, service: compiled.id, ...(snap.outcome ? { outcome: snap.outcome } : {}) };
    remember(keyOf(req), reply);
    return reply;
  }), {
    validator: (req) => {
      if (keyed.has(keyOf(req) ?? '')) return;
      if (typeof req.at !== 'string' || Number.isNaN(Date.parse(req.at))) {
        throw refusal({ code: REJECT.invalid, message: 'the turn carries no valid time `at` (ISO instant); send it from the client.' });
      }
      if (queue.full(sessionId)) throw refusal({ code: REJECT.busy, message: 'another turn of this session is running and one is waiting; send the next message after the answer.' });
      const refused = admit(snapshot, req, req.at);
      if (refused) throw refusal(refused);
    },
  });

  const fired = new Set<string>();
  for (;;) {
    if (isClosed(snapshot)) {
      // A case a case worker closed stays open for the citizen's follow-up until the grace ends.
      if (!awaitsFollowUp(snapshot, lastAt()) || !patched('follow-up-grace')) break;
      const seenClosed = activity;
      const closedAt = snapshot?.handoff?.closedAt ?? lastAt() ?? '';
      const left = Date.parse(closedAt) + FOLLOW_UP_GRACE_MS - Date.parse(lastAt() ?? closedAt);
      if (!(left > 0) || !(await condition(() => activity !== seenClosed, left))) break;
      continue;
    }
    const seen = activity;
    const next = snapshot ? nextTimer(snapshot, fired) : undefined;
    const woke = next
      // The wait is measured from the last step's time (arms happen in steps), not from a clock.
      ? await condition(() => activity !== seen, Math.max(1, Date.parse(next.at) - Date.parse(lastAt() ?? next.at)))
      : await condition(() => activity !== seen);
    if (!woke && next) {
      // Behind any turn already queued; a turn that came first re-arms the timers, and the core decides.
      await queue.run(sessionId, async () => {
        if (activity !== seen || !snapshot || isClosed(snapshot)) return;
        fired.add(`${next.name}@${next.at}`);
        const before = deskKey(snapshot);
        // A timer fires at the instant it was armed for: that instant is its time.
        await drive({ kind: 'timer', name: next.name }, next.at);
        // Nobody sent this turn, so no client updates the desk's index: the workflow does.
        const entry = snapshot && deskKey(snapshot) !== before ? caseEntryOf(sessionId, snapshot, compiled, 'temporal') : undefined;
        if (entry && patched('case-index-on-timer')) await index.indexCase(entry);
      }, false);
    }
    const limit = input.continueAsNewAfterTurns;
    if (snapshot && !isClosed(snapshot) && (workflowInfo().continueAsNewSuggested || (limit !== undefined && turnsThisRun >= limit))) {
      await condition(() => allHandlersFinished() && !busy);
      await continueAsNew<typeof sessionWorkflow>({ ...input, carried: { snapshot, transcript, steps, generation: generation + 1, ...(keyed.size ? { keyed: [...keyed] } : {}) } });
    }
  }
  await condition(allHandlersFinished);
  return state();
}
