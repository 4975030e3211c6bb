/**
 * Filling, replacing and clearing slots, with their trail entries, plus running the extractor of
 * a slot over a message. Also corrections of earlier answers ("nein, ich meinte den 5.").
 */
import type { Slot } from '../definition/schema';
import { extractForSlot, normalizeText } from '../extract';
import type { Extraction } from '../extract/types';
import { validateSlot, type Validation } from './scope';
import { addTrail, touch, type Turn } from './turn';
import type { SlotSource } from './types';

/** Runs a slot's extractor; an extractor bug counts as "nothing found", never as a crash. */
export function extract(t: Turn, name: string, text: string, base?: unknown): Extraction {
  const slot = t.def.slots[name];
  try {
    return extractForSlot(slot, text, base === undefined || base === null
      ? { locale: t.s.locale, today: t.s.referenceDate }
      : { locale: t.s.locale, today: t.s.referenceDate, base });
  } catch {
    return { kind: 'none' };
  }
}

export const extractorName = (slot: Slot): string => `extract.${slot.type}`;

export function fillSlot(t: Turn, name: string, value: unknown, evidence: string, by: string, source: SlotSource = 'extractor'): void {
  t.s.slots[name] = { value, source, evidence, turn: t.s.turn, confirmed: false, by };
  delete t.s.attempts[name];
  addTrail(t, { type: 'slot.filled', slot: name, value, source, evidence, by });
  touch(t, name);
}

export function clearSlot(t: Turn, name: string, reason: string): void {
  if (!Object.prototype.hasOwnProperty.call(t.s.slots, name)) return;
  delete t.s.slots[name];
  addTrail(t, { type: 'slot.cleared', slot: name, reason });
  touch(t, name);
}

/** Replaces a value after a correction: unconfirmed again, and every summary must be re-confirmed. */
export function replaceSlot(t: Turn, name: string, value: unknown, evidence: string, by: string): void {
  clearSlot(t, name, 'correction');
  fillSlot(t, name, value, evidence, by);
  t.s.progress.summaries = [];
  t.corrected = true;
}

export function rejectSlot(t: Turn, name: string, reason: string, evidence: string): void {
  addTrail(t, { type: 'slot.rejected', slot: name, reason, evidence, by: extractorName(t.def.slots[name]) });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The slot a citizen names in a message ("mein Geburtsdatum ist …"), longest name first. */
export function namedSlot(t: Turn, text: string): string | null {
  const norm = ` ${normalizeText(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const names = Object.keys(t.def.slots).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const spaced = name.replace(/_/g, ' ');
    if (norm.includes(` ${spaced} `) || norm.includes(` ${name.replace(/_/g, '')} `)) return name;
  }
  return null;
}

export type CorrectionResult = { applied: true; slot: string } | { applied: false; slot?: string; validation?: Validation };

/**
 * Applies a correction: to the slot the text names, or for a bare value to the most recently
 * filled slot whose extractor accepts it with the old value as base. Free-text slots are only
 * corrected when named, because their extractor accepts anything.
 */
export function applyCorrection(t: Turn, text: string, only?: string[]): CorrectionResult {
  const named = namedSlot(t, text);
  if (named && (!only || only.includes(named))) {
    const old = t.s.slots[named]?.value;
    const ex = extract(t, named, text, old);
    if (ex.kind !== 'value') return { applied: false, slot: named };
    const v = validateSlot(t, named, t.def.slots[named], ex.value);
    if (!v.ok) {
      rejectSlot(t, named, v.reason, ex.evidence);
      return { applied: false, slot: named, validation: v };
    }
    replaceSlot(t, named, ex.value, ex.evidence, extractorName(t.def.slots[named]));
    return { applied: true, slot: named };
  }
  const order = Object.keys(t.def.slots);
  const filled = Object.entries(t.s.slots)
    .filter(([n, st]) => st.value !== null && t.def.slots[n] && t.def.slots[n].type !== 'text' && (!only || only.includes(n)))
    .sort(([a, x], [b, y]) => y.turn - x.turn || order.indexOf(b) - order.indexOf(a));
  for (const [name, st] of filled) {
    const ex = extract(t, name, text, st.value);
    if (ex.kind !== 'value' || same(ex.value, st.value)) continue;
    const v = validateSlot(t, name, t.def.slots[name], ex.value);
    if (!v.ok) continue;
    replaceSlot(t, name, ex.value, ex.evidence, extractorName(t.def.slots[name]));
    return { applied: true, slot: name };
  }
  return { applied: false };
}
