/**
 * The working state of one `step` call: a private copy of the snapshot plus everything the turn
 * produces. Handlers mutate it; `step` returns it as a StepResult. Nothing here outlives the call.
 */
import type { ServiceDefinition } from '../definition/schema';
import type { RuleEvaluation, ValueType } from '../rules/types';
import type {
  CompiledService, Effect, FlatStep, OutgoingMessage, SessionProgress, SessionSnapshot, SessionStatus, TrailEntry,
} from './types';

/** Per-compiled-service data computed once and cached (see runtime.ts). */
export interface ServiceRuntime {
  compiled: CompiledService;
  def: ServiceDefinition;
  steps: Record<string, FlatStep>;
  /** FEEL types of slots and declared values, so date strings become FEEL dates. */
  types: Record<string, ValueType>;
  /** Slots each slot's `when` depends on, directly or through derived values. */
  whenRefs: Record<string, string[]>;
  /** Names each slot's `when` reads directly (slots and values). */
  whenNames: Record<string, string[]>;
  /** Slots that feed a fee, a rule outcome or a branch: a model's value for one is read back first. */
  deciding: Set<string>;
  /** Names of the derived values. */
  valueNames: Set<string>;
  /** Every name some derived value reads: only a change of one of these needs a recompute. */
  valueInputs: Set<string>;
  machine: unknown;
  /** A reusable inert actor scope and the list its executor fills (see runtime.ts). */
  scope: { scope: unknown; sink: { type: string; params?: Record<string, unknown> }[] };
}

export interface Turn {
  rt: ServiceRuntime;
  def: ServiceDefinition;
  s: SessionSnapshot & { progress: SessionProgress };
  now: string;
  effects: Effect[];
  trail: TrailEntry[];
  messages: OutgoingMessage[];
  /** Trail of the last evaluateValues run, to cite the rules a decision used. */
  valueTrail: RuleEvaluation[];
  /** Text to put in front of the next question (a hint after a failed answer). */
  notice: string[];
  /** Set when a handler already asked the question of this turn. */
  prompted: boolean;
  /** During a replay after a correction: action steps the flow passed and whether their input changed. */
  replay: { visited: Set<string>; changed: boolean } | null;
  /** Slots or action results changed in this turn (by name). */
  changed: Set<string>;
  /** Condition results of this turn; cleared whenever data changes (FEEL evaluation is costly). */
  conditions: Map<string, boolean>;
  /** An earlier answer was corrected: the flow position is recomputed from the start. */
  corrected: boolean;
  /** The handler set `pending` itself (disambiguation, "what to change?"). */
  keepPending: boolean;
  /** The citizen used up the attempts for an address code: the turn hands the case to a person. */
  failedProof?: boolean;
}

/** Records that `name` changed: derived values and cached conditions are stale. */
export function touch(t: Turn, name: string): void {
  t.changed.add(name);
  t.conditions.clear();
}

export function addTrail(t: Turn, entry: TrailEntry): void {
  t.trail.push(entry);
}

export function say(t: Turn, text: string, role: OutgoingMessage['role'] = 'assistant'): void {
  if (text.trim().length > 0) t.messages.push({ role, text });
}

/** Next effect id; ids double as idempotency keys, so they must be unique per session. */
export function nextEffectId(t: Turn): string {
  t.s.seq += 1;
  return `${t.s.sessionId}:${t.s.seq}`;
}

export function emit(t: Turn, effect: Effect): void {
  t.effects.push(effect);
  t.trail.push({ type: 'effect', effect });
}

export function setStatus(t: Turn, status: SessionStatus): void {
  if (t.s.status === status) return;
  t.s.status = status;
  t.trail.push({ type: 'status', status });
}
