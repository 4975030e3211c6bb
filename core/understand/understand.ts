/**
 * One message against what the session waits for: an extraction for the asked slot and the
 * values the message gives for other open slots. Dates and numbers go through attribution
 * (attribute.ts); other typed slots through their extractor. One span fills one slot.
 */
import type { ServiceDefinition, Slot } from '../definition/schema';
import { applySlotLimits, extractForSlot, normalizeText } from '../extract';
import type { Extraction } from '../extract/types';
import { asExtraction, attribute } from './attribute';
import { isQuestion } from './answers';
import { textValue } from './text-value';

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
    else if (slot.type === 'text') first = applySlotLimits(slot, textValue(def, pending, text, new Set(open.map((n) => def.slots[n].type))));
    else first = extractForSlot(slot, text, ctx);
  }
  const used: string[] = first.kind === 'none' ? [] : [first.evidence];
  const fills: Understanding['fills'] = [];
  for (const name of open) {
    const s = def.slots[name];
    let ex: Extraction;
    try {
      ex = ATTRIBUTED.has(s.type) ? applySlotLimits(s, integerCheck(s, asExtraction(source, attributed.bySlot.get(name)))) : extractForSlot(s, text, ctx);
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
