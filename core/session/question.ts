/**
 * What the session currently asks, as data a channel can render: the answer type, the choices
 * with the exact text to send for each, and how far the citizen is. A web page turns it into
 * buttons, a date picker or checkboxes; typing stays possible. Every `answer` is checked here
 * against the slot's own extractor, so a button can only ever send what the core reads as
 * exactly that choice.
 */
import type { Locale, Slot, SlotType } from '../definition/schema';
import { extractForSlot, formatValue } from '../extract';
import { choiceByLabel } from './label-choice';
import { localized, msg } from './messages';
import type { CompiledService, SessionSnapshot } from './types';

/** One choice: what the button shows and what it sends. */
export interface QuestionOption { id: string; label: string; answer: string }

/** The pending question of a session, ready for a channel to render. */
export interface QuestionView {
  /** slot: a value; confirm: yes/no read-back or summary; choose: pick one of candidates; correction: free text (also the code of an address). */
  kind: 'slot' | 'confirm' | 'choose' | 'correction';
  slot?: string;
  type?: SlotType | 'yes_no';
  label?: string;
  /** Choices for enums, yes/no and candidates. */
  options?: QuestionOption[];
  /** List-valued enum (`many: true`): several options may be sent together. */
  many?: boolean;
  /** The slot may be skipped; `skip` is the text that skips it. */
  skip?: string;
}

/** How far the citizen is: answered slots of the flow against those still expected. */
export interface ProgressView { answered: number; total: number }

function yesNo(locale: Locale): QuestionOption[] {
  return [
    { id: 'yes', label: msg(locale, 'answer_yes'), answer: msg(locale, 'answer_yes') },
    { id: 'no', label: msg(locale, 'answer_no'), answer: msg(locale, 'answer_no') },
  ];
}

function readsAs(slot: Slot, text: string, locale: Locale, today: string, want: unknown): boolean {
  try {
    const ex = extractForSlot(slot, text, { locale, today });
    if (ex.kind !== 'value') return false;
    return JSON.stringify(ex.value) === JSON.stringify(want) || (Array.isArray(ex.value) && ex.value.length === 1 && ex.value[0] === want);
  } catch {
    return false;
  }
}

/**
 * What a button sends: the label in the citizen's language when the session reads it as exactly
 * `id` (by label, see label-choice.ts), else the first of the German label and the id that the
 * extractor reads as `id`.
 */
function enumAnswer(slot: Slot, id: string, locale: Locale, today: string): string {
  const value = slot.values?.[id];
  const label = value ? localized(value.label, locale) : id;
  const chosen = choiceByLabel(slot, label, locale)?.value;
  if (chosen === id || (Array.isArray(chosen) && chosen.length === 1 && chosen[0] === id)) return label;
  const tries = [label, value ? localized(value.label, 'de') : id, id.replace(/_/g, ' ')];
  return tries.find((x) => readsAs(slot, x, locale, today, id)) ?? label;
}

function enumOptions(slot: Slot, locale: Locale, today: string): QuestionOption[] {
  return Object.entries(slot.values ?? {}).map(([id, v]) => ({ id, label: localized(v.label, locale), answer: enumAnswer(slot, id, locale, today) }));
}

function safeFormat(slot: Slot, value: unknown, locale: Locale): string {
  try { return formatValue(slot, value, locale); } catch { return String(value); }
}

function slotQuestion(def: CompiledService['definition'], name: string, s: SessionSnapshot): QuestionView {
  const slot = def.slots[name];
  const q: QuestionView = { kind: 'slot', slot: name, type: slot.type, label: slot.label ? localized(slot.label, s.locale) : name };
  if (slot.type === 'enum') q.options = enumOptions(slot, s.locale, s.referenceDate);
  if (slot.type === 'boolean') q.options = yesNo(s.locale);
  if ((slot as { many?: boolean }).many === true) q.many = true;
  if (slot.optional) q.skip = msg(s.locale, 'answer_skip');
  return q;
}

/** The question a session waits for, or null when it waits for nobody (finished, with staff, working). */
export function pendingQuestion(compiled: CompiledService, s: SessionSnapshot): QuestionView | null {
  const p = s.pending;
  if (!p || s.status !== 'active') return null;
  const def = compiled.definition;
  switch (p.kind) {
    case 'slot':
      return def.slots[p.slot] ? slotQuestion(def, p.slot, s) : null;
    case 'confirm_slot':
      return { kind: 'confirm', slot: p.slot, type: 'yes_no', options: yesNo(s.locale) };
    case 'confirm_summary':
      return { kind: 'confirm', type: 'yes_no', options: yesNo(s.locale) };
    case 'disambiguate': {
      const slot = def.slots[p.slot];
      return {
        kind: 'choose', slot: p.slot, type: slot?.type,
        options: p.options.map((v, i) => ({ id: String(i + 1), label: slot ? safeFormat(slot, v, s.locale) : String(v), answer: String(i + 1) })),
      };
    }
    case 'correction':
    case 'address_code':
      // Free text: the code from the e-mail (address-proof.ts).
      return { kind: 'correction' };
    case 'effect':
      return null;
  }
}

type Steps = CompiledService['definition']['flow'];
function flowSlots(steps: Steps, into: Set<string>): Set<string> {
  for (const st of steps) {
    if ('collect' in st) for (const n of st.collect) into.add(n);
    if ('if' in st) { flowSlots(st.then, into); if (st.else) flowSlots(st.else, into); }
  }
  return into;
}

/**
 * Progress through the flow: slots answered so far against those answered plus those still
 * expected (the pending one and the unconditional, non-optional ones not yet given).
 */
export function progressOf(compiled: CompiledService, s: SessionSnapshot): ProgressView {
  const all = flowSlots(compiled.definition.flow, new Set());
  let answered = 0;
  let open = 0;
  for (const name of all) {
    const slot = compiled.definition.slots[name];
    if (!slot) continue;
    if (name in s.slots) answered++;
    else if ((s.pending && 'slot' in s.pending && s.pending.slot === name) || (!slot.optional && !slot.when)) open++;
  }
  if (s.status === 'completed') open = 0;
  return { answered, total: answered + open };
}
