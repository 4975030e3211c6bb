/**
 * Scoring of observed behaviour against the labels. A value the session set counts as filled;
 * it is right when the line expected exactly that value for that slot, otherwise wrong (a value
 * the citizen did not mean). An expected value not set (or set differently) is missed. A value
 * the session cleared that the line did not expect cleared counts as wrong too: it changed what
 * the citizen had said.
 */
import type { RouteDecision } from '../../core/llm/routing';
import type { ExtractionLine, RouteExpectation } from './lines';
import type { Observed } from './session-run';

export interface Tally { filled: number; right: number; wrong: number; missed: number }

export const emptyTally = (): Tally => ({ filled: 0, right: 0, wrong: 0, missed: 0 });

export function addTally(a: Tally, b: Tally): void {
  a.filled += b.filled;
  a.right += b.right;
  a.wrong += b.wrong;
  a.missed += b.missed;
}

export interface Rates { precision: number; recall: number; wrongRate: number }

/** precision = right / filled, recall = right / expected, wrong-value rate = wrong / filled (1 and 0 when nothing was filled). */
export function rates(t: Tally): Rates {
  const expected = t.right + t.missed;
  return {
    precision: t.filled === 0 ? 1 : t.right / t.filled,
    recall: expected === 0 ? 1 : t.right / expected,
    wrongRate: t.filled === 0 ? 0 : t.wrong / t.filled,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export interface SlotOutcome { slot: string; tally: Tally; expected?: unknown; got?: unknown; cleared?: boolean }

/** Per slot of one line: what was right, wrong and missed. */
export function scoreSlots(line: ExtractionLine, seen: Observed): SlotOutcome[] {
  const out: SlotOutcome[] = [];
  const names = new Set([...Object.keys(line.expected), ...Object.keys(seen.set), ...seen.cleared]);
  for (const slot of names) {
    const t = emptyTally();
    const want = has(line.expected, slot);
    const expected = line.expected[slot];
    if (has(seen.set, slot)) {
      t.filled = 1;
      if (want && same(seen.set[slot], expected)) t.right = 1;
      else {
        t.wrong = 1;
        if (want) t.missed = 1;
      }
      out.push({ slot, tally: t, expected, got: seen.set[slot] });
      continue;
    }
    if (seen.cleared.includes(slot)) {
      // Expected null = the line says the value must be removed.
      if (want && expected === null) { t.filled = 1; t.right = 1; } else { t.filled = 1; t.wrong = 1; if (want) t.missed = 1; }
      out.push({ slot, tally: t, expected, cleared: true });
      continue;
    }
    // Expected and already known with that value: nothing to set.
    if (want && has(line.filled, slot) && same(line.filled[slot], expected)) continue;
    if (want) {
      t.missed = 1;
      out.push({ slot, tally: t, expected });
    }
  }
  return out;
}

/** Whether the router's decision is the expected one (candidates: the same set of services). */
export function routeCorrect(expected: RouteExpectation, got: RouteDecision): boolean {
  if ('service' in expected) return 'service' in got && got.service === expected.service;
  if ('candidates' in expected) {
    if (!('candidates' in got)) return false;
    if (expected.candidates === true) return true;
    const ids = got.candidates.map((c) => c.id).sort();
    return same(ids, [...expected.candidates].sort());
  }
  if ('none' in expected) return 'none' in got && got.reason === expected.none;
  return 'handoff' in got;
}

/** The class of an expectation or decision, for the per-kind breakdown. */
export function routeKind(e: RouteExpectation | RouteDecision): string {
  if ('service' in e) return 'service';
  if ('candidates' in e) return 'candidates';
  if ('handoff' in e) return 'handoff';
  return 'none' in e ? (typeof e.none === 'string' ? e.none : (e as { reason: string }).reason) : 'other';
}

/** A short form of a decision for failure listings. */
export function routeShort(d: RouteDecision): string {
  if ('service' in d) return d.service;
  if ('candidates' in d) return `candidates:${d.candidates.map((c) => c.id).join('|')}`;
  if ('handoff' in d) return 'handoff';
  return `none:${d.reason}`;
}
