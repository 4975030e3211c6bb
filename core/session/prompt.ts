/**
 * What the session waits for next, and the question that asks for it: the next missing relevant
 * slot, a read-back, the summary, or nothing while an action runs.
 */
import { localized, msg, joinOr } from './messages';
import { formatSlot, renderTemplate, slotLabel } from './render';
import { isFilled, needsConfirmation, relevance } from './scope';
import type { Turn } from './turn';
import type { Pending } from './types';

/** The next open question of a collect step, in the step's order; undecidable `when`s come last. */
export function nextInCollect(t: Turn, slots: string[]): Pending {
  let undecided: string | null = null;
  for (const name of slots) {
    const rel = relevance(t, name, slots);
    if (rel === 'no') continue;
    if (!isFilled(t, name)) {
      if (rel === 'undecidable') {
        undecided ??= name;
        continue;
      }
      return { kind: 'slot', slot: name };
    }
    if (needsConfirmation(t, name)) return { kind: 'confirm_slot', slot: name };
  }
  return undecided ? { kind: 'slot', slot: undecided } : null;
}

/** The pending question derived from the machine state. */
export function computePending(t: Turn): Pending {
  if (t.s.status !== 'active' || typeof t.s.state !== 'string') return null;
  const step = t.rt.steps[t.s.state];
  if (!step) return null;
  switch (step.kind) {
    case 'collect':
      return nextInCollect(t, step.slots);
    case 'confirm':
      return { kind: 'confirm_summary', step: step.id };
    case 'action': {
      const rec = t.s.progress.actions[step.id];
      if (rec && rec.status === 'pending') return { kind: 'effect', effectId: rec.effectId };
      // The step waits for the proof of an address (address-proof.ts).
      const c = t.s.progress.address?.challenge;
      if (c && c.step === step.id) return c.effectId ? { kind: 'effect', effectId: c.effectId } : { kind: 'address_code', address: c.address };
      return null;
    }
    default:
      return null;
  }
}

/** Slots a confirm step reads back: the listed ones, or every collected slot for `summary`. */
export function summarySlots(t: Turn, stepId: string): string[] {
  const step = t.rt.steps[stepId];
  if (step?.kind !== 'confirm') return [];
  const names = step.slots === 'summary' ? Object.keys(t.def.slots) : step.slots;
  return names.filter((n) => isFilled(t, n));
}

function summaryText(t: Turn, stepId: string): string {
  const step = t.rt.steps[stepId];
  const lines = summarySlots(t, stepId).map((n) => `- ${slotLabel(t, n)}: ${formatSlot(t, n, t.s.slots[n].value)}`);
  const question = step?.kind === 'confirm' && step.ask ? renderTemplate(t, step.ask) : msg(t.s.locale, 'summary_question');
  return [msg(t.s.locale, 'summary_intro'), ...lines, question].join('\n');
}

/** The text that asks for `pending`. */
export function questionFor(t: Turn, pending: Pending): string {
  const locale = t.s.locale;
  if (!pending) return '';
  switch (pending.kind) {
    case 'slot':
      return localized(t.def.slots[pending.slot].ask, locale);
    case 'confirm_slot': {
      const st = t.s.slots[pending.slot];
      const value = formatSlot(t, pending.slot, st?.value);
      // A model's reading of a longer message names the fact it read, so the citizen can tell.
      return st?.source === 'llm' ? msg(locale, 'readback_fact', { label: slotLabel(t, pending.slot), value }) : msg(locale, 'readback', { value });
    }
    case 'confirm_summary':
      return summaryText(t, pending.step);
    case 'correction': {
      const first = summarySlots(t, pending.step)[0];
      const example = first ? `${slotLabel(t, first)}: …` : '…';
      return msg(locale, 'what_to_change', { example });
    }
    case 'disambiguate': {
      // Numbered numbers ("1) 2 oder 2) 5") invite a wrong pick: numeric options are offered as they are.
      if (pending.options.every((o) => typeof o === 'number')) {
        return msg(locale, 'ambiguous_values', { options: joinOr(locale, pending.options.map((o) => formatSlot(t, pending.slot, o))) });
      }
      const options = pending.options.map((o, i) => `${i + 1}) ${formatSlot(t, pending.slot, o)}`);
      return msg(locale, 'ambiguous', { options: joinOr(locale, options) });
    }
    case 'address_code':
      return msg(locale, 'address_code_sent', { email: pending.address });
    case 'effect':
      return '';
  }
}

/** Asks the pending question, after any notice (hint) collected during the turn. */
export function prompt(t: Turn): void {
  const parts = [...t.notice, questionFor(t, t.s.pending)].filter((p) => p.length > 0);
  t.notice = [];
  if (parts.length > 0) t.messages.push({ role: 'assistant', text: parts.join(' ') });
  t.prompted = true;
}
