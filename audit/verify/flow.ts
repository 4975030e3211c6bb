/**
 * The flow as a graph: unreachable steps and outcomes, and paths that run off the end without an
 * outcome or a handoff (a citizen would be left without an answer).
 */
import type { ServiceDefinition } from '../../core/definition/schema';
import { END_STATE, flattenFlow, type FlatFlow } from '../../core/compiler';
import type { FlatStep } from '../../core/session/types';
import { deadBranches } from './conditions';
import { report, type VerifyContext } from './problem';

/** An edge of the flattened flow; `label` says which branch (for if steps). */
export interface FlowEdge { from: string; to: string; label?: 'then' | 'else' }

function constant(cond: string): boolean | undefined {
  const c = cond.trim();
  return c === 'true' ? true : c === 'false' ? false : undefined;
}

/** Edges leaving a step; outcome and handoff steps end the flow. `dead` lists branches no input takes. */
export function edgesOf(s: FlatStep, dead: Set<string> = new Set()): FlowEdge[] {
  switch (s.kind) {
    case 'outcome': case 'handoff': return [];
    case 'if': {
      const k = constant(s.cond);
      return [
        ...(k !== false && !dead.has(`${s.id}:then`) ? [{ from: s.id, to: s.then, label: 'then' as const }] : []),
        ...(k !== true && !dead.has(`${s.id}:else`) ? [{ from: s.id, to: s.else, label: 'else' as const }] : []),
      ];
    }
    default: return [{ from: s.id, to: s.next }];
  }
}

/** All static edges of a flat flow (the transitions coverage counts). */
export function flowEdges(flat: FlatFlow): FlowEdge[] {
  return flat.order.flatMap((id) => edgesOf(flat.steps[id]));
}

/** YAML path of a flat step id, found by walking the definition's flow. */
export function stepPath(def: ServiceDefinition, id: string): (string | number)[] {
  let found: (string | number)[] | undefined;
  const walk = (list: ServiceDefinition['flow'], prefix: string, path: (string | number)[]): void => {
    list.forEach((s, i) => {
      const sid = s.id ?? `${prefix}${i}`;
      if (sid === id) found = [...path, i];
      if ('if' in s) {
        walk(s.then, `${sid}_then_`, [...path, i, 'then']);
        if (s.else) walk(s.else, `${sid}_else_`, [...path, i, 'else']);
      }
    });
  };
  walk(def.flow, 's', ['flow']);
  return found ?? ['flow'];
}

function describeStep(s: FlatStep): string {
  switch (s.kind) {
    case 'collect': return `collect ${s.slots.join(', ')}`;
    case 'if': return `if ${s.cond}`;
    case 'confirm': return 'confirm';
    case 'action': return `action ${s.name}`;
    case 'say': return 'say';
    case 'outcome': return `outcome ${s.outcome}`;
    case 'handoff': return 'handoff';
  }
}

/** Checks reachability and that every path ends in an outcome or a handoff. */
export function checkFlow(def: ServiceDefinition, ctx: VerifyContext, today = '2026-01-01'): FlatFlow | undefined {
  let flat: FlatFlow;
  try {
    flat = flattenFlow(def);
  } catch {
    return undefined; // validate reports the compile problem
  }
  const reached = new Set<string>();
  const deadEnds = new Map<string, string>();
  const dead = deadBranches(def, today);
  for (const branch of dead) {
    const [id, label] = branch.split(':');
    const step = flat.steps[id];
    if (step?.kind !== 'if') continue;
    report(ctx, 'dead_branch', 'warning', stepPath(def, id), `the ${label} branch of step ${id} (if ${step.cond}) can never be taken: no input makes "${step.cond}" ${label === 'then' ? 'true' : 'false'} together with the conditions around it`,
      'check the condition against the enclosing if steps; remove the branch or fix the condition',
      [`der ${label === 'then' ? 'then' : 'else'}-Zweig von Schritt ${id} (if ${step.cond}) wird nie genommen: keine Eingabe macht "${step.cond}" ${label === 'then' ? 'wahr' : 'falsch'}, wenn die umgebenden Bedingungen gelten`,
        'prüfen Sie die Bedingung gegen die umgebenden if-Schritte; entfernen Sie den Zweig oder korrigieren Sie die Bedingung']);
  }
  // Depth-first with the branch decisions taken, so a dead end is reported with how to get there.
  const visit = (id: string, how: string[]): void => {
    if (id === END_STATE) return;
    if (reached.has(id)) return;
    reached.add(id);
    const step = flat.steps[id];
    for (const e of edgesOf(step, dead)) {
      const cond = step.kind === 'if' ? [`"${step.cond}" is ${e.label === 'then' ? 'true' : 'false'}`] : [];
      if (e.to === END_STATE && !deadEnds.has(id)) deadEnds.set(id, [...how, ...cond].join(' and '));
      visit(e.to, [...how, ...cond]);
    }
  };
  visit(flat.initial, []);
  for (const id of flat.order) {
    if (!reached.has(id)) {
      report(ctx, 'unreachable_step', 'warning', stepPath(def, id), `step ${id} (${describeStep(flat.steps[id])}) can never be reached`,
        'a step after an outcome or handoff in the same list never runs; move it before, or remove it',
        [`Schritt ${id} (${describeStep(flat.steps[id])}) wird nie erreicht`, 'ein Schritt nach outcome oder handoff in derselben Liste läuft nie; stellen Sie ihn davor oder entfernen Sie ihn']);
    }
  }
  const reachedOutcomes = new Set(flat.order.filter((id) => reached.has(id)).map((id) => flat.steps[id]).flatMap((s) => (s.kind === 'outcome' ? [s.outcome] : [])));
  for (const name of Object.keys(def.outcomes)) {
    if (!reachedOutcomes.has(name)) {
      report(ctx, 'unreachable_outcome', 'warning', ['outcomes', name], `outcome ${name} is never reached by the flow`, 'end a reachable flow branch with `- outcome: ' + name + '`, or remove it',
        [`Ergebnis ${name} wird vom Ablauf nie erreicht`, 'beenden Sie einen erreichbaren Zweig mit `- outcome: ' + name + '`, oder entfernen Sie es']);
    }
  }
  for (const [id, how] of deadEnds) {
    report(ctx, 'flow_dead_end', 'error', stepPath(def, id),
      `the flow ends without an outcome or handoff after step ${id} (${describeStep(flat.steps[id])})${how ? ` when ${how}` : ''}`,
      'end every branch with `- outcome: <id>` or `- handoff: true`, so the citizen gets an answer',
      [`der Ablauf endet ohne Ergebnis oder Übergabe nach Schritt ${id} (${describeStep(flat.steps[id])})${how ? `, wenn ${how}` : ''}`,
        'beenden Sie jeden Zweig mit `- outcome: <id>` oder `- handoff: true`, damit die Bürgerin eine Antwort bekommt']);
  }
  return flat;
}
