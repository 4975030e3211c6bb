/**
 * Authored answers mid-conversation: "was kostet das?" gets the designer's text with the fee
 * from the rules, then the pending question again; it is not a failed answer. Questions with no
 * authored answer are said to have none and a person is offered (message.ts). When the keywords
 * find no answer and an LLM is configured, the model may choose one of the answer ids
 * (`llm.answer`), with evidence from the question; the text is still the designer's.
 */
import type { Answer, LegalRef } from '../definition/schema';
import { acceptAnswerChoice, LLM_ANSWER_ACTION, type AnswerRequest } from '../llm';
import { isQuestion, matchAnswer, templateNames } from '../understand';
import { localized, msg } from './messages';
import { renderTemplate } from './render';
import { addTrail, emit, nextEffectId, type Turn } from './turn';

function refText(r: LegalRef): string {
  return typeof r === 'string' ? r : r.ref;
}

function known(t: Turn, name: string): boolean {
  const v = Object.prototype.hasOwnProperty.call(t.s.slots, name) ? t.s.slots[name].value : t.s.values[name];
  return v !== undefined && v !== null;
}

/** The designer's answer, with its computed values once they are known, and its legal basis. */
function sayAnswer(t: Turn, answer: Answer): void {
  const template = localized(answer.say, t.s.locale);
  const ready = templateNames(template).every((n) => known(t, n));
  const body = ready ? renderTemplate(t, answer.say) : answer.unknown ? renderTemplate(t, answer.unknown) : msg(t.s.locale, 'answer_later');
  const refs = (answer.legal_basis ?? []).map(refText);
  t.notice.push(refs.length > 0 ? `${body} ${msg(t.s.locale, 'legal_basis', { refs: refs.join('; ') })}` : body);
}

/** Says the authored answer to a question in `text`; true when there was one. */
export function answerQuestion(t: Turn, text: string): boolean {
  if (!t.def.answers || !isQuestion(text, t.s.locale)) return false;
  const hit = matchAnswer(t.def, text, t.s.locale);
  if (!hit) return false;
  sayAnswer(t, hit.answer);
  addTrail(t, { type: 'answer', answer: hit.id });
  return true;
}

/** Longest question handed to the model (channels cap messages at 4 KB anyway). */
const MAX_ANSWER_MESSAGE = 2000;

function wordsOf(words: Record<string, string[] | undefined> | undefined, locale: string): string[] {
  if (!words) return [];
  return [...new Set([...(words.de ?? []), ...(words[locale] ?? []), ...(words.en ?? [])])];
}

/**
 * A question the keywords found no answer for, with an LLM configured: asks the host to run
 * `llm.answer` over the definition's answer ids. True when the request was emitted.
 */
export function askAnswerModel(t: Turn, text: string): boolean {
  const answers = Object.entries(t.def.answers ?? {});
  if (t.s.llm !== true || answers.length === 0 || !isQuestion(text, t.s.locale)) return false;
  const message = text.slice(0, MAX_ANSWER_MESSAGE);
  const input: AnswerRequest = {
    message, locale: t.s.locale,
    answers: answers.map(([id, a]) => ({ id, keywords: wordsOf(a.keywords as Record<string, string[]>, t.s.locale), examples: wordsOf(a.examples as Record<string, string[]> | undefined, t.s.locale) })),
  };
  // Only free-text personal values: pseudonymisation replaces them wherever they occur.
  const knownValues = Object.entries(t.s.slots)
    .filter(([n, st]) => t.def.slots[n]?.personal && ['text', 'email', 'phone'].includes(t.def.slots[n].type) && typeof st.value === 'string')
    .map(([, st]) => st.value as string);
  if (knownValues.length > 0) input.known = knownValues;
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: LLM_ANSWER_ACTION, input: input as unknown as Record<string, unknown> });
  t.s.progress.answer = { effectId: id, message };
  t.s.pending = { kind: 'effect', effectId: id };
  t.keepPending = true;
  t.prompted = true;
  return true;
}

/**
 * The model's choice comes back: an authored id with evidence in the question is answered with
 * the designer's text; anything else (none, an unknown id, evidence not in the question, a failed
 * call) gets the honest "no answer". Either way the pending question follows, no failed attempt.
 * Returns false when `effectId` is not the open `llm.answer` request.
 */
export function onAnswerResult(t: Turn, effectId: string, ok: boolean, result: unknown): boolean {
  const req = t.s.progress.answer;
  if (!req || req.effectId !== effectId) return false;
  delete t.s.progress.answer;
  const reply = ok ? result : null;
  const okReply = reply && typeof reply === 'object' && (reply as { ok?: unknown }).ok === true;
  const code = !okReply && reply && typeof reply === 'object' ? String((reply as { error?: { code?: unknown } }).error?.code ?? 'llm_failed').slice(0, 50) : 'llm_failed';
  if (okReply) addTrail(t, { type: 'effect.result', effectId, ok: true, result: reply });
  else addTrail(t, { type: 'effect.result', effectId, ok: false, error: { code, message: '' } });
  const choice = acceptAnswerChoice(t.def, req.message, reply);
  if (choice.ok) {
    sayAnswer(t, (t.def.answers ?? {})[choice.answer]);
    addTrail(t, { type: 'answer', answer: choice.answer, by: 'llm' });
    return true;
  }
  t.notice.push(msg(t.s.locale, 'no_answer'));
  addTrail(t, { type: 'answer', answer: null, by: 'llm', ...(choice.reason !== 'none' ? { refused: choice.reason } : {}) });
  return true;
}

/** A question nobody wrote an answer for: said honestly, with the offer of a person. */
export function noAnswer(t: Turn, text: string): boolean {
  if (!isQuestion(text, t.s.locale)) return false;
  t.notice.push(msg(t.s.locale, 'no_answer'));
  addTrail(t, { type: 'answer', answer: null });
  return true;
}
