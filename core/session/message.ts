/**
 * Interprets one citizen message against what the session waits for: fills slots (several at
 * once), re-asks with a hint, resolves read-backs, summaries, ambiguities and corrections.
 * Returns the machine event to send afterwards (INIT = recompute the position from the data).
 */
import type { MachineEventType } from '../compiler';
import type { Command } from '../extract/types';
import { fail, namesOwnService, noteUnmapped, slotHint } from './hints';
import { askModel, hasLeftover, modelSlots } from './llm';
import { msg } from './messages';
import { summarySlots } from './prompt';
import { isFilled, relevance, validateSlot } from './scope';
import { addTrail, say, type Turn } from './turn';
import { applyCorrection, clearSlot, extract, extractorName, fillSlot, rejectSlot } from './slots';
import { classifyInput, understand, type Understanding } from '../understand';
import { choiceByLabel } from './label-choice';
import { askAnswerModel, noAnswer } from './answers';
import { holdLaterFacts } from './held';

export type DriveEvent = MachineEventType | 'INIT' | null;

/** Slots a message to `pending` may fill besides it: open slots of the step, then accept_anytime ones. */
function companions(t: Turn, pending: string): string[] {
  const out: string[] = [];
  const step = typeof t.s.state === 'string' ? t.rt.steps[t.s.state] : undefined;
  if (step?.kind === 'collect') {
    for (const n of step.slots) if (n !== pending && !isFilled(t, n) && relevance(t, n, step.slots) !== 'no') out.push(n);
  }
  for (const [n, slot] of Object.entries(t.def.slots)) {
    if (slot.accept_anytime && n !== pending && !isFilled(t, n) && !out.includes(n)) out.push(n);
  }
  return out;
}

function answerSlot(t: Turn, pending: string, text: string, commands: Set<Command>): DriveEvent {
  const slot = t.def.slots[pending];
  if (commands.has('skip')) {
    if (slot.optional) {
      fillSlot(t, pending, null, '', 'skip');
      return 'MESSAGE';
    }
    fail(t, pending, [msg(t.s.locale, 'required')]);
    return null;
  }
  const kind = classifyInput(text);
  if (kind !== 'ok') {
    // Nothing is read from it, nothing of it goes to a model; a friendly word and the question
    // again. It counts as a failed answer, so a person looks at a conversation that keeps it up.
    noteUnmapped(t, text, commands);
    fail(t, pending, [msg(t.s.locale, kind === 'injection' ? 'injection' : 'bad_input')]);
    return 'MESSAGE';
  }
  if (commands.has('correction') && Object.keys(t.s.slots).length > 0) {
    const corr = applyCorrection(t, text);
    if (corr.applied) return 'INIT';
  }
  // One piece of evidence fills one slot ("20.11.2026" is a date, not also an age of 20), and each
  // value goes to the slot its words name ("2 Jahre" is an age, "2 Hunde" a count): core/understand.
  const others = companions(t, pending);
  // A message that is exactly a choice's label (a button, or typed off the screen) is that choice,
  // in every script; anything else goes to the extractors.
  const byLabel = choiceByLabel(slot, text, t.s.locale);
  const read: Understanding = byLabel ? { pending: { kind: 'value', ...byLabel }, fills: [] } : understand(t.def, {
    pending, open: others, text, locale: t.s.locale, today: t.s.referenceDate,
    validate: (n, v) => validateSlot(t, n, t.def.slots[n], v).ok,
  });
  const ex = read.pending;
  const used: string[] = ex.kind === 'none' ? [] : [ex.evidence];
  // A first message's facts for later steps are kept until their step comes (held.ts).
  if (!byLabel) used.push(...holdLaterFacts(t, pending, text, others, read));
  let filledAny = false;
  for (const f of read.fills) {
    used.push(f.evidence);
    fillSlot(t, f.slot, f.value, f.evidence, extractorName(t.def.slots[f.slot]));
    filledAny = true;
  }
  const llmOn = t.s.llm === true && commands.size === 0;
  switch (ex.kind) {
    case 'value': {
      const v = validateSlot(t, pending, slot, ex.value);
      if (v.ok) {
        fillSlot(t, pending, ex.value, ex.evidence, extractorName(slot));
        // The message says more than the extractors used: the model may read the rest.
        const open = llmOn ? modelSlots(t, others) : [];
        if (open.length > 0 && hasLeftover(text, used)) {
          askModel(t, pending, text, open, { kind: 'none' }, true, used);
          return null;
        }
        return 'MESSAGE';
      }
      rejectSlot(t, pending, v.reason, ex.evidence);
      fail(t, pending, slotHint(t, pending, v));
      return 'MESSAGE';
    }
    case 'ambiguous': {
      // Two dates in one message: the model may tell which is which; otherwise the citizen chooses.
      const open = llmOn ? modelSlots(t, [pending, ...others]) : [];
      if (open.includes(pending)) {
        // The readings in question are the model's to choose from; only the other fills are taken.
        askModel(t, pending, text, open, { kind: 'disambiguate', options: ex.options }, filledAny, used.slice(1));
        return null;
      }
      t.s.pending = { kind: 'disambiguate', slot: pending, options: ex.options };
      t.keepPending = true;
      return 'MESSAGE';
    }
    case 'invalid':
      rejectSlot(t, pending, ex.reason, ex.evidence);
      fail(t, pending, slotHint(t, pending, undefined, ex.reason));
      return 'MESSAGE';
    case 'none': {
      // The model may read what the extractors cannot; its proposals are checked on return. A
      // message that only names this service is acknowledged instead, as without a model.
      const namesService = !filledAny && commands.size === 0 && namesOwnService(t, pending, text);
      // A question the keywords found no authored answer for: the model may choose one (answers.ts).
      if (!filledAny && llmOn && !namesService && askAnswerModel(t, text)) return null;
      const open = llmOn && !namesService ? modelSlots(t, [pending, ...others]) : [];
      if (open.length > 0) {
        askModel(t, pending, text, open, filledAny ? { kind: 'none' } : { kind: 'fail' }, filledAny, used);
        return null;
      }
      if (!filledAny) {
        if (namesService) {
          // Not a failed answer: the citizen said what they need; now ask the first question.
          t.notice.push(msg(t.s.locale, 'service_acknowledged'));
          return 'MESSAGE';
        }
        // A question is no failed answer: said honestly that there is no answer, a person offered.
        if (commands.size === 0 && noAnswer(t, text)) return 'MESSAGE';
        noteUnmapped(t, text, commands);
        fail(t, pending, slotHint(t, pending));
      }
      return 'MESSAGE';
    }
  }
}

function answerDisambiguation(t: Turn, slot: string, options: unknown[], text: string): DriveEvent {
  const byNumber = /^\s*(?:nr\.?\s*|nummer\s*)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  let chosen: { value: unknown; evidence: string } | null = null;
  // Numeric options are offered unnumbered: "2" means the value 2, never "option 2".
  const numeric = options.every((o) => typeof o === 'number');
  if (numeric) {
    const ex = extract(t, slot, text);
    if (ex.kind === 'value' && options.some((o) => same(o, ex.value))) chosen = { value: ex.value, evidence: ex.evidence };
  } else if (byNumber && Number(byNumber[1]) >= 1 && Number(byNumber[1]) <= options.length) {
    chosen = { value: options[Number(byNumber[1]) - 1], evidence: byNumber[0].trim() };
  } else {
    const ex = extract(t, slot, text);
    if (ex.kind === 'value') chosen = { value: ex.value, evidence: ex.evidence };
  }
  if (chosen) {
    const v = validateSlot(t, slot, t.def.slots[slot], chosen.value);
    if (v.ok) {
      fillSlot(t, slot, chosen.value, chosen.evidence, extractorName(t.def.slots[slot]));
      return 'MESSAGE';
    }
    rejectSlot(t, slot, v.reason, chosen.evidence);
    fail(t, slot, slotHint(t, slot, v));
    return 'MESSAGE';
  }
  fail(t, slot, [msg(t.s.locale, 'not_understood')]);
  t.keepPending = true;
  return null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function answerReadBack(t: Turn, slot: string, text: string, commands: Set<Command>): DriveEvent {
  const st = t.s.slots[slot];
  const yes = commands.has('yes') && !commands.has('no') && !commands.has('correction');
  if (yes) {
    st.confirmed = true;
    delete t.s.attempts[`confirm:${slot}`];
    addTrail(t, { type: 'slot.confirmed', slot });
    return 'CONFIRM_YES';
  }
  // "nein, ich meinte den 5." corrects this slot (or a named one); a plain "nein" clears it.
  const corr = t.def.slots[slot].type === 'boolean' && !commands.has('correction') ? { applied: false as const } : applyCorrection(t, text, undefined, slot);
  if (corr.applied) return 'INIT';
  if (commands.has('no') || commands.has('correction')) {
    clearSlot(t, slot, 'not_confirmed');
    return 'CONFIRM_NO';
  }
  fail(t, `confirm:${slot}`, [msg(t.s.locale, 'yes_or_no')]);
  return null;
}

function answerSummary(t: Turn, step: string, text: string, commands: Set<Command>, asked: boolean): DriveEvent {
  const yes = commands.has('yes') && !commands.has('no') && !commands.has('correction');
  if (yes && !asked) {
    for (const name of summarySlots(t, step)) {
      if (t.s.slots[name].confirmed) continue;
      t.s.slots[name].confirmed = true;
      addTrail(t, { type: 'slot.confirmed', slot: name });
    }
    t.s.progress.summaries.push(step);
    delete t.s.attempts[`summary:${step}`];
    return 'CONFIRM_YES';
  }
  const corr = applyCorrection(t, text, summarySlots(t, step));
  if (corr.applied) return 'INIT';
  if (!asked && (commands.has('no') || commands.has('correction'))) {
    t.s.pending = { kind: 'correction', step };
    t.keepPending = true;
    return 'CONFIRM_NO';
  }
  if (asked && (commands.has('yes') || commands.has('no'))) return 'MESSAGE'; // back to the summary
  if (asked) {
    const hint = corr.validation && !corr.validation.ok && corr.slot ? slotHint(t, corr.slot, corr.validation) : [msg(t.s.locale, 'correction_unclear')];
    fail(t, `summary:${step}`, hint);
    t.keepPending = t.s.status === 'active';
    return null;
  }
  fail(t, `summary:${step}`, [msg(t.s.locale, 'yes_or_no')]);
  return null;
}

/** Handles a citizen message in an active session (commands cancel/handoff/help are done by the caller). */
export function handleAnswer(t: Turn, text: string, commands: Set<Command>): DriveEvent {
  const pending = t.s.pending;
  if (!pending) return 'MESSAGE';
  switch (pending.kind) {
    case 'slot':
      return answerSlot(t, pending.slot, text, commands);
    case 'disambiguate':
      return answerDisambiguation(t, pending.slot, pending.options, text);
    case 'confirm_slot':
      return answerReadBack(t, pending.slot, text, commands);
    case 'confirm_summary':
      return answerSummary(t, pending.step, text, commands, false);
    case 'correction':
      return answerSummary(t, pending.step, text, commands, true);
    case 'address_code':
      return null; // step.ts hands codes to address-proof.ts before this
    case 'effect':
      say(t, msg(t.s.locale, 'wait'));
      t.keepPending = true;
      t.prompted = true;
      return null;
  }
}
