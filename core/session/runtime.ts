/**
 * Per-service runtime: the XState machine built once from the compiled JSON config, with the
 * guards implemented over the session data. Cached per compiled object (and per sha256 hash),
 * because building a machine per turn would dominate the cost of a step.
 */
import { createActor, createMachine } from 'xstate';
import { flattenFlow } from '../compiler';
import { decidingSlots, orderValues, referencedNames, slotValueType, slotsBehind, valueDependencies } from '../rules';
import type { ValueType } from '../rules/types';
import { isFilled, needsConfirmation, relevance, safeCondition } from './scope';
import type { ServiceRuntime, Turn } from './turn';
import type { CompiledService } from './types';

type Ctx = { context: { t: Turn | null } };
type StepParams = { step: string };

/** All relevant slots of a collect step are filled, and confirmed where the slot asks for it. */
export function slotsComplete(t: Turn, stepId: string): boolean {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'collect') return false;
  for (const name of step.slots) {
    const rel = relevance(t, name, step.slots);
    if (rel === 'no') continue;
    if (!isFilled(t, name)) return false;
    if (needsConfirmation(t, name)) return false;
  }
  return true;
}

// XState's pure `transition` builds a throwaway actor whose eager initial state has no input;
// then there is no turn (t is null) and every guard answers false at once.
const guards = {
  slotsComplete: ({ context }: Ctx, p: StepParams) => (context.t ? slotsComplete(context.t, p.step) : false),
  summaryConfirmed: ({ context }: Ctx, p: StepParams) => context.t?.s.progress.summaries.includes(p.step) ?? false,
  actionDone: ({ context }: Ctx, p: StepParams) => context.t?.s.progress.actions[p.step]?.status === 'done',
  condition: ({ context }: Ctx, p: StepParams) => {
    const t = context.t;
    const step = t?.rt.steps[p.step];
    return t && step?.kind === 'if' ? safeCondition(t, step.cond) : false;
  },
};

// Actions are dispatched by flow.ts from the list `transition` returns; these no-ops only make
// the names known to XState.
const noop = (): void => undefined;
const actions = { decide: noop, requestAction: noop, say: noop, handoffStep: noop, finishOutcome: noop, finishFlow: noop };

function refsOf(expr: string): string[] {
  try {
    return referencedNames(expr);
  } catch {
    return [];
  }
}


/** Action objects XState hands to the scope's executor during one transition. */
export type CollectedAction = { type: string; params?: Record<string, unknown> };

/**
 * An actor scope that never runs anything: XState reports each action to `actionExecutor`,
 * which only collects it. This is what xstate's own pure `transition()` does, but built once
 * per machine instead of once per call (it creates a throwaway actor each time).
 */
function inertScope(machine: ReturnType<typeof createMachine>): ServiceRuntime['scope'] {
  const self = createActor(machine); // never started: no clock, no timers
  const sink: CollectedAction[] = [];
  const scope = {
    self, system: (self as unknown as { system: unknown }).system, id: '', sessionId: '',
    defer: () => undefined, logger: () => undefined, stopChild: () => undefined, emit: () => undefined,
    actionExecutor: (action: CollectedAction) => { sink.push(action); },
  };
  return { scope, sink };
}

function build(compiled: CompiledService): ServiceRuntime {
  const def = compiled.definition;
  const steps = compiled.steps ?? flattenFlow(def).steps;
  const types: Record<string, ValueType> = {};
  const whenRefs: Record<string, string[]> = {};
  const whenNames: Record<string, string[]> = {};
  for (const [name, slot] of Object.entries(def.slots)) {
    types[name] = slotValueType(slot.type, slot.many === true);
    if (slot.when) {
      whenNames[name] = refsOf(slot.when);
      whenRefs[name] = slotsBehind(def, whenNames[name]);
    }
  }
  for (const [name, value] of Object.entries(def.values ?? {})) {
    if (typeof value === 'object' && value.type) types[name] = slotValueType(value.type);
  }
  const config = { ...compiled.machine, context: ({ input }: { input?: { t: Turn } }) => input ?? { t: null } };
  // The JSON config is typed loosely on purpose: it is data produced by the compiler.
  const machine = createMachine(config as never).provide({ guards, actions } as never);
  const valueInputs = new Set<string>();
  try {
    for (const v of orderValues(def)) for (const n of valueDependencies(v)) valueInputs.add(n);
  } catch {
    for (const n of Object.keys(def.slots)) valueInputs.add(n); // unknown deps: recompute on every change
  }
  const deciding = decidingSlots(def, Object.values(steps));
  return { compiled, def, steps, types, whenRefs, whenNames, deciding, valueNames: new Set(Object.keys(def.values ?? {})), valueInputs, machine, scope: inertScope(machine) };
}

const byObject = new WeakMap<CompiledService, ServiceRuntime>();
const byHash = new Map<string, ServiceRuntime>();
const SHA256 = /^[0-9a-f]{64}$/;

/** The runtime of a compiled service, built on first use. */
export function runtimeFor(compiled: CompiledService): ServiceRuntime {
  const hit = byObject.get(compiled);
  if (hit) return hit;
  // A real sha256 identifies the content, so another object with the same hash can share the machine.
  const shared = SHA256.test(compiled.hash) ? byHash.get(compiled.hash) : undefined;
  const rt = shared && shared.compiled.id === compiled.id ? shared : build(compiled);
  byObject.set(compiled, rt);
  if (SHA256.test(compiled.hash) && !shared) byHash.set(compiled.hash, rt);
  return rt;
}
