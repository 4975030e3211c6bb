/**
 * Authored answers mid-conversation: "was kostet das?" gets the designer's text with the fee
 * from the rules, then the pending question again; it is not a failed answer. Questions with no
 * authored answer are said to have none and a person is offered (message.ts).
 */
import type { LegalRef } from '../definition/schema';
import { isQuestion, matchAnswer, templateNames } from '../understand';
import { localized, msg } from './messages';
import { renderTemplate } from './render';
import { addTrail, type Turn } from './turn';

function refText(r: LegalRef): string {
  return typeof r === 'string' ? r : r.ref;
}

function known(t: Turn, name: string): boolean {
  const v = Object.prototype.hasOwnProperty.call(t.s.slots, name) ? t.s.slots[name].value : t.s.values[name];
  return v !== undefined && v !== null;
}

/** Says the authored answer to a question in `text`; true when there was one. */
export function answerQuestion(t: Turn, text: string): boolean {
  if (!t.def.answers || !isQuestion(text)) return false;
  const hit = matchAnswer(t.def, text, t.s.locale);
  if (!hit) return false;
  const template = localized(hit.answer.say, t.s.locale);
  const ready = templateNames(template).every((n) => known(t, n));
  const body = ready ? renderTemplate(t, hit.answer.say) : hit.answer.unknown ? renderTemplate(t, hit.answer.unknown) : msg(t.s.locale, 'answer_later');
  const refs = (hit.answer.legal_basis ?? []).map(refText);
  t.notice.push(refs.length > 0 ? `${body} ${msg(t.s.locale, 'legal_basis', { refs: refs.join('; ') })}` : body);
  addTrail(t, { type: 'answer', answer: hit.id });
  return true;
}

/** A question nobody wrote an answer for: said honestly, with the offer of a person. */
export function noAnswer(t: Turn, text: string): boolean {
  if (!isQuestion(text)) return false;
  t.notice.push(msg(t.s.locale, 'no_answer'));
  addTrail(t, { type: 'answer', answer: null });
  return true;
}
