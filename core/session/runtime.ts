/**
 * Per-service runtime: the XState machine built once from the compiled JSON config, with the
 * guards implemented over the session data. Cached per compiled object (and per sha256 hash),
 * because building a machine per turn would dominate the cost of a step.
 */
import { createMachine } from 'xstate';
import { flattenFlow } from '../compiler';
import { referencedNames, slotValueType } from '../rules';
import type { ValueType } from '../rules/types';
import { isFilled, relevance, safeCondition } from './scope';
import type { ServiceRuntime, Turn } from './turn';
import type { CompiledService } from './types';

type Ctx = { context: { t: Turn } };
type StepParams = { step: string };

/** All relevant slots of a collect step are filled, and confirmed where the slot asks for it. */
export function slotsComplete(t: Turn, stepId: string): boolean {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'collect') return false;
  for (const name of step.slots) {
    const rel = relevance(t, name, step.slots);
    if (rel === 'no') continue;
    if (!isFilled(t, name)) return false;
    const st = t.s.slots[name];
    if (t.def.slots[name].confirm && st.value !== null && !st.confirmed) return false;
  }
  return true;
}

const guards = {
  slotsComplete: ({ context }: Ctx, p: StepParams) => slotsComplete(context.t, p.step),
  summaryConfirmed: ({ context }: Ctx, p: StepParams) => context.t.s.progress.summaries.includes(p.step),
  actionDone: ({ context }: Ctx, p: StepParams) => context.t.s.progress.actions[p.step]?.status === 'done',
  condition: ({ context }: Ctx, p: StepParams) => {
    const step = context.t.rt.steps[p.step];
    return step?.kind === 'if' ? safeCondition(context.t, step.cond) : false;
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

function build(compiled: CompiledService): ServiceRuntime {
  const def = compiled.definition;
  const steps = compiled.steps ?? flattenFlow(def).steps;
  const types: Record<string, ValueType> = {};
  const whenRefs: Record<string, string[]> = {};
  for (const [name, slot] of Object.entries(def.slots)) {
    types[name] = slotValueType(slot.type);
    if (slot.when) whenRefs[name] = refsOf(slot.when);
  }
  for (const [name, value] of Object.entries(def.values ?? {})) {
    if (typeof value === 'object' && value.type) types[name] = slotValueType(value.type);
  }
  const config = { ...compiled.machine, context: ({ input }: { input: { t: Turn } }) => input };
  // The JSON config is typed loosely on purpose: it is data produced by the compiler.
  const machine = createMachine(config as never).provide({ guards, actions } as never);
  return { compiled, def, steps, types, whenRefs, valueNames: new Set(Object.keys(def.values ?? {})), machine };
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
