/**
 * Which branches of `if` steps can be taken at all: a branch whose condition contradicts the
 * conditions of the branches around it (e.g. `alter < 16` inside `alter >= 18`) is dead. Names
 * are treated as free inputs over the candidate values of their type, so a branch reported dead
 * is dead for every input; the check may miss some dead branches, never invent one.
 */
import type { FlowStep, ServiceDefinition } from '../../core/definition/schema';
import { evaluateCondition, referencedNames } from '../../core/rules';
import type { ValueType } from '../../core/rules/types';
import { domainOf, inputTypes } from './domains';
import { combinations } from './tables';

export interface Guard { cond: string; value: boolean }

/** The guards (enclosing if branches) of every if step, by flat step id. */
export function ifGuards(def: ServiceDefinition): Map<string, { cond: string; guards: Guard[] }> {
  const out = new Map<string, { cond: string; guards: Guard[] }>();
  const walk = (list: FlowStep[], prefix: string, guards: Guard[]): void => {
    list.forEach((s, i) => {
      const id = s.id ?? `${prefix}${i}`;
      if ('if' in s) {
        out.set(id, { cond: s.if, guards });
        walk(s.then, `${id}_then_`, [...guards, { cond: s.if, value: true }]);
        if (s.else) walk(s.else, `${id}_else_`, [...guards, { cond: s.if, value: false }]);
      }
    });
  };
  walk(def.flow, 's', []);
  return out;
}

/** True when some input makes every guard hold (or when it cannot be decided). */
export function satisfiable(def: ServiceDefinition, guards: Guard[], today: string, types: Record<string, ValueType> = inputTypes(def)): boolean {
  let names: string[];
  try {
    names = [...new Set(guards.flatMap((g) => referencedNames(g.cond)))];
  } catch {
    return true;
  }
  if (names.some((n) => !(n in def.slots) && !(n in (def.values ?? {})))) return true; // action results etc.
  const texts = guards.map((g) => g.cond);
  const domains = names.map((n) => domainOf(def, n, texts, types, today));
  const limit = 5000;
  const combos = combinations(domains, limit + 1);
  if (combos.length > limit) return true;
  return combos.some((combo) => guards.every((g) => {
    try {
      return evaluateCondition(g.cond, combo, { today, types }) === g.value;
    } catch {
      return true;
    }
  }));
}

/** Branches no input can take, as `${ifId}:then` / `${ifId}:else`. */
export function deadBranches(def: ServiceDefinition, today: string): Set<string> {
  const types = inputTypes(def);
  const dead = new Set<string>();
  for (const [id, { cond, guards }] of ifGuards(def)) {
    for (const value of [true, false]) {
      if (!satisfiable(def, [...guards, { cond, value }], today, types)) dead.add(`${id}:${value ? 'then' : 'else'}`);
    }
  }
  return dead;
}
