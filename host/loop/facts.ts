/**
 * What a turn did, as counts and codes for metrics: the outcome kind, handoff reasons, LLM calls
 * and the proposals the core rejected. Derived from the turn's trail and effects only, the same on
 * both hosts; nothing personal (no values, no texts, no evidence).
 */
import type { Effect, TrailEntry } from '../../core/session/types';

export interface TurnFacts {
  outcome?: string;
  handoffs: string[];
  llmCalls: number;
  llmRejected: number;
}

/** Handoff reasons are codes; anything else (free text from an API caller) is counted as `other`. */
function reasonCode(reason: string): string {
  return /^[a-z][a-z0-9_]{0,39}$/.test(reason) ? reason : 'other';
}

export function turnFacts(trail: readonly TrailEntry[], effects: readonly Effect[]): TurnFacts {
  const facts: TurnFacts = { handoffs: [], llmCalls: 0, llmRejected: 0 };
  for (const t of trail) {
    if (t.type === 'outcome') facts.outcome = t.kind;
    else if (t.type === 'handoff') facts.handoffs.push(reasonCode(t.reason));
    else if (t.type === 'slot.rejected' && t.reason.startsWith('llm:')) facts.llmRejected++;
  }
  for (const e of effects) if (e.kind === 'action' && (e.name === 'llm.propose' || e.name === 'llm.answer')) facts.llmCalls++;
  return facts;
}
