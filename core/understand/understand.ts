/**
 * One message against what the session waits for: an extraction for the asked slot and the
 * values the message gives for other open slots. Dates and numbers go through attribution
 * (attribute.ts); other typed slots through their extractor. One span fills one slot.
 */
import type { ServiceDefinition, Slot } from '../definition/schema';
import { applySlotLimits, bareHour, extractForSlot, normalizeText } from '../extract';
import type { Extraction } from '../extract/types';
import { asExtraction, attribute } from './attribute';
import { isQuestion } from './answers';
import { textValue } from './text-value';
import { slotCues } from './cues';
import { peopleCount } from './people';

export interface UnderstandInput {
  pending: string;
  /** Other slots this message may fill (open slots of the step, accept_anytime ones). */
  open: readonly string[];
  text: string;
  locale: string;
  today: string;
  /** The slot's full validation (limits and `valid` rules), as the session checks it. */
  validate?: (slot: string, value: unknown) => boolean;
}

export interface Understanding {
  pending: Extraction;
  fills: { slot: string; value: unknown; evidence: string }[];
}

/** Types another slot may be filled with without being asked (free text and yes/no match almost anything). */
const COMPANION_TYPES = new Set(['date', 'time', 'enum', 'email', 'phone', 'postcode', 'integer', 'number']);
const ATTRIBUTED = new Set(['date', 'integer', 'number']);

function overlaps(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

function integerCheck(slot: Slot, ex: Extraction): Extraction {
  if (slot.type !== 'integer') return ex;
  if (ex.kind === 'value' && typeof ex.value === 'number' && !Number.isInteger(ex.value)) return { kind: 'invalid', reason: 'not_integer', evidence: ex.evidence };
  if (ex.kind === 'ambiguous') {
    const ints = ex.options.filter((o) => typeof o === 'number' && Number.isInteger(o));
    if (ints.length === 0) return { kind: 'invalid', reason: 'not_integer', evidence: ex.evidence };
    return { ...ex, options: ints };
  }
  return ex;
}

/**
 * A date read without its year (or month) has several possible dates; when the slot's own
 * validity rule (`erwerbsdatum <= today`, `wunschdatum > today`) leaves exactly one of them,
 * that one is meant ("am 7." asked for an appointment is the coming 7th). Readings that differ
 * otherwise ("Montag oder Dienstag") stay a question, and so does a birth date without its year.
 */
function narrowDates(def: ServiceDefinition, name: string, ex: Extraction, ok: ((value: unknown) => boolean) | undefined, locale: string): Extraction {
  // A birthday without its year says nothing about the year: "geboren < today" fits them all.
  if (def.slots[name]?.type !== 'date' || ex.kind !== 'ambiguous' || !ok || slotCues(def, name, locale).concept === 'birth') return ex;
  const days = new Set(ex.options.map((o) => (typeof o === 'string' ? o.slice(8) : '')));
  if (days.size !== 1 || days.has('')) return ex;
  const fits = ex.options.filter((o) => ok(o));
  return fits.length === 1 ? { kind: 'value', value: fits[0], evidence: ex.evidence } : ex;
}

/** A count slot about persons ("personen", "Anzahl Personen", "people"). */
function countsPeople(def: ServiceDefinition, name: string, locale: string): boolean {
  const cues = slotCues(def, name, locale);
  return cues.concept === 'count' && cues.subject.some((s) => /^(?:person|people|leute|mensch)/.test(s));
}

/** Reads the message for the asked slot and the open ones. Never throws. */
export function understand(def: ServiceDefinition, input: UnderstandInput): Understanding {
  const { pending, text, locale, today } = input;
  const ctx = { locale, today };
  const source = normalizeText(text);
  // A question states no facts: only the asked slot may take a value from it ("Geht auch Buer?").
  const open = isQuestion(text) ? [] : input.open.filter((n) => n !== pending && def.slots[n] && COMPANION_TYPES.has(def.slots[n].type));
  let attributed;
  try {
    attributed = attribute(def, pending, open, text, ctx);
  } catch {
    attributed = { bySlot: new Map(), unassigned: [] };
  }
  const slot = def.slots[pending];
  let first: Extraction = { kind: 'none' };
  if (slot) {
    if (ATTRIBUTED.has(slot.type)) first = applySlotLimits(slot, integerCheck(slot, asExtraction(source, attributed.bySlot.get(pending))));
    // A question is no text value ("wieso brauchen Sie meinen Namen?").
    else if (slot.type === 'text') first = isQuestion(text) ? { kind: 'none' } : applySlotLimits(slot, textValue(def, pending, text, new Set(open.map((n) => def.slots[n].type))));
    else first = extractForSlot(slot, text, ctx);
    // "15" or "neun" answers "Um welche Uhrzeit?", and only that question.
    if (slot.type === 'time' && first.kind === 'none') first = applySlotLimits(slot, bareHour(text));
    // "ich und meine Frau" answers "Wie viele Personen?", and only a question for persons.
    if (first.kind === 'none' && slot.type === 'integer' && countsPeople(def, pending, locale)) first = applySlotLimits(slot, peopleCount(text));
    const check = input.validate;
    first = narrowDates(def, pending, first, check ? (v) => check(pending, v) : undefined, locale);
  }
  const used: string[] = first.kind === 'none' ? [] : [first.evidence];
  const fills: Understanding['fills'] = [];
  for (const name of open) {
    const s = def.slots[name];
    let ex: Extraction;
    try {
      ex = ATTRIBUTED.has(s.type) ? applySlotLimits(s, integerCheck(s, asExtraction(source, attributed.bySlot.get(name)))) : extractForSlot(s, text, ctx);
      const check = input.validate;
      ex = narrowDates(def, name, ex, check ? (v) => check(name, v) : undefined, locale);
    } catch {
      continue;
    }
    if (ex.kind !== 'value' || used.some((u) => overlaps(u, ex.evidence))) continue;
    if (input.validate && !input.validate(name, ex.value)) continue;
    used.push(ex.evidence);
    fills.push({ slot: name, value: ex.value, evidence: ex.evidence });
  }
  return { pending: first, fills };
}
