/**
 * Acceptance of the model's choice of an authored answer (`llm.answer`): only an id the
 * definition has, only with evidence that occurs in the citizen's message. The text the citizen
 * gets is always the designer's template; the model contributes an id, nothing else.
 */
import type { ServiceDefinition } from '../definition/schema';
import { groundForm, occursIn } from './grounding';
import type { AnswerChoiceResult } from './types';

/** Why a choice was not taken (the trail records it). */
export type AnswerRefusal = 'failed' | 'none' | 'unknown_answer' | 'ungrounded';

export type AnswerChoice = { ok: true; answer: string; evidence: string } | { ok: false; reason: AnswerRefusal; chosen?: string };

/** Evidence shorter than this (after folding) proves nothing ("?", "a"). */
const MIN_EVIDENCE = 3;

/** Checks a reply of `llm.answer` against the definition and the message. Pure, never throws. */
export function acceptAnswerChoice(def: ServiceDefinition, message: string, reply: unknown): AnswerChoice {
  const r = reply && typeof reply === 'object' ? (reply as AnswerChoiceResult) : null;
  if (!r || r.ok !== true || typeof r.answer !== 'string') return { ok: false, reason: 'failed' };
  const chosen = r.answer.slice(0, 100);
  if (chosen === 'none') return { ok: false, reason: 'none' };
  if (!Object.prototype.hasOwnProperty.call(def.answers ?? {}, chosen)) return { ok: false, reason: 'unknown_answer', chosen };
  const evidence = typeof r.evidence === 'string' ? r.evidence : '';
  if (groundForm(evidence).replace(/[^\p{L}\p{N}]+/gu, '').length < MIN_EVIDENCE || !occursIn(evidence, message)) {
    return { ok: false, reason: 'ungrounded', chosen };
  }
  return { ok: true, answer: chosen, evidence };
}
