/**
 * Flattens the nested flow of a definition into one list of states with stable ids: a step's own
 * `id`, or a path-derived id (`s2`, `s2_then_0`, `s2_then_0_else_1`). Every state knows the state
 * that follows it, so nested if/then/else becomes plain guarded jumps.
 */
import type { FlowStep, ServiceDefinition } from '../definition/schema';
import type { FlatStep } from '../session/types';
import { CompileError } from './errors';

/** Final state the machine reaches when the flow runs off its end without an outcome. */
export const END_STATE = 'end';
export const HANDOFF_STATE = 'handoff';
export const CANCELLED_STATE = 'cancelled';
/** Final state id of an outcome. */
export const outcomeState = (outcome: string): string => `outcome_${outcome}`;

export interface FlatFlow {
  initial: string;
  /** State ids in document order. */
  order: string[];
  steps: Record<string, FlatStep>;
}

/** Turns `definition.flow` into a flat step index. Throws CompileError on duplicate ids or unknown references. */
export function flattenFlow(definition: ServiceDefinition): FlatFlow {
  const steps: Record<string, FlatStep> = {};
  const order: string[] = [];
  const reserved = new Set([END_STATE, HANDOFF_STATE, CANCELLED_STATE]);

  const idsOf = (list: FlowStep[], prefix: string): string[] => list.map((s, i) => s.id ?? `${prefix}${i}`);

  const walk = (list: FlowStep[], prefix: string, after: string, path: (string | number)[]): string => {
    const ids = idsOf(list, prefix);
    list.forEach((step, i) => {
      const id = ids[i];
      const here = [...path, i];
      if (steps[id] || reserved.has(id) || id.startsWith('outcome_')) {
        throw new CompileError('duplicate_step_id', `step id "${id}" is used twice or is reserved; give the step another id`, here);
      }
      const next = i + 1 < list.length ? ids[i + 1] : after;
      // Register before recursing so document order matches reading order.
      order.push(id);
      steps[id] = toFlat(step, id, next, here);
      if ('if' in step) {
        const thenFirst = walk(step.then, `${id}_then_`, next, [...here, 'then']);
        const elseFirst = step.else && step.else.length > 0 ? walk(step.else, `${id}_else_`, next, [...here, 'else']) : next;
        steps[id] = { kind: 'if', id, cond: step.if, then: thenFirst, else: elseFirst };
      }
    });
    return ids.length > 0 ? ids[0] : after;
  };

  const toFlat = (step: FlowStep, id: string, next: string, path: (string | number)[]): FlatStep => {
    if ('collect' in step) {
      for (const slot of step.collect) {
        if (!definition.slots[slot]) {
          throw new CompileError('unknown_slot', `step "${id}" collects "${slot}", which is not declared under slots`, [...path, 'collect']);
        }
      }
      return { kind: 'collect', id, slots: [...step.collect], next };
    }
    if ('if' in step) return { kind: 'if', id, cond: step.if, then: next, else: next };
    if ('confirm' in step) {
      if (Array.isArray(step.confirm)) {
        for (const slot of step.confirm) {
          if (!definition.slots[slot]) {
            throw new CompileError('unknown_slot', `step "${id}" confirms "${slot}", which is not declared under slots`, [...path, 'confirm']);
          }
        }
      }
      const slots = step.confirm === 'summary' ? 'summary' : [...step.confirm];
      return step.ask ? { kind: 'confirm', id, slots, ask: step.ask, next } : { kind: 'confirm', id, slots, next };
    }
    if ('action' in step) {
      const flat: FlatStep = { kind: 'action', id, name: step.action, with: { ...(step.with ?? {}) }, next };
      if (step.result) flat.result = step.result;
      return flat;
    }
    if ('say' in step) return { kind: 'say', id, text: step.say, next };
    if ('outcome' in step) {
      if (!definition.outcomes[step.outcome]) {
        throw new CompileError('unknown_outcome', `step "${id}" ends in outcome "${step.outcome}", which is not declared under outcomes`, [...path, 'outcome']);
      }
      return { kind: 'outcome', id, outcome: step.outcome, next };
    }
    return { kind: 'handoff', id, text: step.handoff === true ? null : step.handoff, next };
  };

  const initial = walk(definition.flow, 's', END_STATE, ['flow']);
  return { initial, order, steps };
}
