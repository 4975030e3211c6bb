/**
 * Static dependencies of a definition: which slots a name depends on (through derived values and
 * action results), and which slots decide something, i.e. feed a fee, a rule outcome or a branch.
 * One walk, used by the session (what to read back, which `when`s wait) and by `verify`.
 */
import type { ServiceDefinition } from '../definition/schema';
import { normalizeValue, valueDependencies } from './derived-values';
import { referencedNames } from './syntax';

type Def = Pick<ServiceDefinition, 'slots' | 'values' | 'outcomes'>;

/** A flow step as far as dependencies go (FlatStep and the authored flow both fit). */
export interface DependencyStep {
  kind: string;
  cond?: string;
  name?: string;
  with?: Record<string, string>;
  result?: string;
}

function refsOf(expr: string): string[] {
  try {
    return referencedNames(expr);
  } catch {
    return []; // `validate` reports broken expressions
  }
}

/** Names each derived value and action result reads directly. */
function directInputs(def: Def, steps: readonly DependencyStep[]): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(def.values ?? {})) {
    try {
      deps.set(name, valueDependencies(normalizeValue(name, raw)));
    } catch {
      deps.set(name, []);
    }
  }
  for (const s of steps) {
    if (s.kind !== 'action' || !s.result) continue;
    const reads = Object.values(s.with ?? {}).flatMap((e) => (typeof e === 'string' ? refsOf(e) : []));
    deps.set(s.result, [...(deps.get(s.result) ?? []), ...reads]);
  }
  return deps;
}

/**
 * Slots `names` depend on, directly or through derived values (and, with `steps`, through the
 * inputs of the actions whose results they read). A slot name stands for itself.
 */
export function slotsBehind(def: Def, names: readonly string[], steps: readonly DependencyStep[] = []): string[] {
  const deps = directInputs(def, steps);
  const out = new Set<string>();
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const n = queue.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    if (Object.prototype.hasOwnProperty.call(def.slots, n)) out.add(n);
    queue.push(...(deps.get(n) ?? []));
  }
  return [...out];
}

/** Slots that decide the path: read by an `if` or a slot's `when`, directly or through derived values. */
export function branchSlots(def: Def, steps: readonly DependencyStep[]): Set<string> {
  const conds = [
    ...steps.flatMap((s) => (s.kind === 'if' && typeof s.cond === 'string' ? [s.cond] : [])),
    ...Object.values(def.slots).flatMap((s) => (s.when ? [s.when] : [])),
  ];
  return new Set(slotsBehind(def, conds.flatMap(refsOf), steps));
}

/**
 * Slots whose value changes a fee, a rule outcome or a branch: everything a derived value, an
 * outcome's reported `values`, an `if` or a `when` reads, followed through derived values (and,
 * for branches, through the inputs of actions whose results they read). Slots only passed on (a name, an
 * e-mail address for the confirmation) are not among them.
 */
export function decidingSlots(def: Def, steps: readonly DependencyStep[]): Set<string> {
  const roots = [
    ...Object.keys(def.values ?? {}),
    ...Object.values(def.outcomes ?? {}).flatMap((o) => o.values ?? []),
  ];
  const out = branchSlots(def, steps);
  // A reported booking is the citizen's own choice, read back at the summary: only a branch
  // follows an action's result back to its inputs.
  for (const n of slotsBehind(def, roots)) out.add(n);
  return out;
}
