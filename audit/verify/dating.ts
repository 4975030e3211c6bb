/**
 * Effective dating: holes in time, where on some reference dates a value has a version but a
 * value it needs (or another dated value of the service) has none yet.
 */
import type { ServiceDefinition } from '../../core/definition/schema';
import { normalizeValue, valueDependencies } from '../../core/rules';
import { report, type VerifyContext } from './problem';

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The first valid_from date of each effective-dated value. */
export function firstDates(def: ServiceDefinition): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(def.values ?? {})) {
    if (typeof raw === 'object' && raw.valid_from) {
      const dates = Object.keys(raw.valid_from).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
      if (dates.length > 0) out.set(name, dates[0]);
    }
  }
  return out;
}

/** Values a value needs, transitively. */
function closure(def: ServiceDefinition, name: string): Set<string> {
  const deps = new Map<string, string[]>();
  for (const [n, raw] of Object.entries(def.values ?? {})) {
    try {
      deps.set(n, valueDependencies(normalizeValue(n, raw), (x) => x in def.slots || x in (def.values ?? {})));
    } catch {
      deps.set(n, []);
    }
  }
  const seen = new Set<string>();
  const queue = [...(deps.get(name) ?? [])];
  while (queue.length > 0) {
    const n = queue.pop() as string;
    if (seen.has(n) || n === name) continue;
    seen.add(n);
    queue.push(...(deps.get(n) ?? []));
  }
  return seen;
}

export function checkDating(def: ServiceDefinition, ctx: VerifyContext): void {
  const first = firstDates(def);
  if (first.size === 0) return;
  const reported = new Set<string>();
  for (const name of Object.keys(def.values ?? {})) {
    const own = first.get(name);
    for (const dep of closure(def, name)) {
      const depFirst = first.get(dep);
      if (!depFirst) continue;
      // An undated value simply follows its inputs; a dated one promises a result from its first date on.
      if (own !== undefined && own < depFirst) {
        reported.add(`${name}|${dep}`);
        report(ctx, 'dating_hole', 'error', ['values', name, 'valid_from'],
          `effective dating has a hole: ${name} is valid from ${own} but needs ${dep}, which has no version before ${depFirst}; e.g. on ${own} ${name} cannot be computed`,
          `give ${dep} a version from ${own} on, or start ${name} on ${depFirst}`,
          [`Lücke in der Gültigkeit: ${name} gilt ab ${own}, braucht aber ${dep}, das erst ab ${depFirst} eine Fassung hat; z. B. am ${own} kann ${name} nicht berechnet werden`,
            `geben Sie ${dep} eine Fassung ab ${own}, oder lassen Sie ${name} erst am ${depFirst} beginnen`]);
      }
    }
  }
  // Dated values of one service that start on different dates leave some of them undefined in between.
  const dated = [...first.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const [earliestName, earliest] = dated[0];
  for (const [name, date] of dated.slice(1)) {
    if (date <= earliest || reported.has(`${earliestName}|${name}`)) continue;
    report(ctx, 'dating_hole', 'warning', ['values', name, 'valid_from'],
      `effective dating has a hole: ${earliestName} is valid from ${earliest}, but ${name} only from ${date}; a session with reference date ${dayBefore(date)} has ${earliestName} but no ${name}`,
      `add a version of ${name} valid from ${earliest}, or start ${earliestName} on ${date} as well`,
      [`Lücke in der Gültigkeit: ${earliestName} gilt ab ${earliest}, ${name} erst ab ${date}; ein Vorgang mit Stichtag ${dayBefore(date)} hat ${earliestName}, aber kein ${name}`,
        `ergänzen Sie eine Fassung von ${name} ab ${earliest}, oder lassen Sie auch ${earliestName} am ${date} beginnen`]);
  }
}
