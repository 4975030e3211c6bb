/**
 * Builds the XState v5 machine config (plain JSON) from a flattened flow. Guards and actions are
 * referenced by name with params; core/session provides their implementations. Progress through
 * the flow is driven by guarded `always` transitions over the session data, so the position can
 * always be recomputed from the data alone (which is what makes corrections safe).
 */
import type { FlatStep } from '../session/types';
import type { FlatFlow } from './flatten';
import { CANCELLED_STATE, END_STATE, HANDOFF_STATE, outcomeState } from './flatten';

/** Events of the compiled machine. */
export const MACHINE_EVENTS = [
  'MESSAGE', 'CONFIRM_YES', 'CONFIRM_NO', 'EFFECT_DONE', 'EFFECT_FAILED', 'HANDOFF', 'CANCEL', 'TIMEOUT',
] as const;
export type MachineEventType = (typeof MACHINE_EVENTS)[number];

/** Names of the guards the session core implements. */
export const GUARDS = ['slotsComplete', 'summaryConfirmed', 'actionDone', 'condition'] as const;
/** Names of the actions the session core implements. */
export const ACTIONS = ['decide', 'requestAction', 'say', 'handoffStep', 'finishOutcome', 'finishFlow'] as const;

type Json = Record<string, unknown>;

const ref = (type: string, params: Json): Json => ({ type, params });

function stateFor(step: FlatStep): Json {
  const params = { step: step.id };
  switch (step.kind) {
    case 'collect':
      return {
        always: [{ guard: ref('slotsComplete', params), target: step.next }],
        on: { MESSAGE: {}, CONFIRM_YES: {}, CONFIRM_NO: {} },
      };
    case 'if':
      return {
        entry: [ref('decide', params)],
        always: [{ guard: ref('condition', params), target: step.then }, { target: step.else }],
      };
    case 'confirm':
      return {
        always: [{ guard: ref('summaryConfirmed', params), target: step.next }],
        on: { CONFIRM_YES: { target: step.next }, CONFIRM_NO: {}, MESSAGE: {} },
      };
    case 'action':
      return {
        entry: [ref('requestAction', params)],
        always: [{ guard: ref('actionDone', params), target: step.next }],
        on: { EFFECT_DONE: { guard: ref('actionDone', params), target: step.next }, EFFECT_FAILED: { target: HANDOFF_STATE } },
      };
    case 'say':
      return { entry: [ref('say', params)], always: [{ target: step.next }] };
    case 'outcome':
      return { always: [{ target: outcomeState(step.outcome) }] };
    case 'handoff':
      return { entry: [ref('handoffStep', params)], always: [{ target: HANDOFF_STATE }] };
  }
}

/** The machine config: one state per flow step, final states per outcome, `handoff`, `cancelled`, `end`. */
export function buildMachineConfig(id: string, flow: FlatFlow, outcomes: string[]): Json {
  const states: Record<string, Json> = {};
  for (const stateId of flow.order) states[stateId] = stateFor(flow.steps[stateId]);
  for (const outcome of outcomes) {
    states[outcomeState(outcome)] = { type: 'final', entry: [ref('finishOutcome', { outcome })] };
  }
  states[HANDOFF_STATE] = { type: 'final' };
  states[CANCELLED_STATE] = { type: 'final' };
  states[END_STATE] = { type: 'final', entry: [ref('finishFlow', {})] };
  return {
    id,
    initial: flow.initial,
    // Handoff (Art. 14 AI Act), cancel and timeout are reachable from every state.
    on: { HANDOFF: { target: `.${HANDOFF_STATE}` }, CANCEL: { target: `.${CANCELLED_STATE}` }, TIMEOUT: { target: `.${CANCELLED_STATE}` } },
    states,
  };
}
