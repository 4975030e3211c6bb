/**
 * Filling, replacing and clearing slots, with their trail entries, plus running the extractor of
 * a slot over a message. Also corrections of earlier answers ("nein, ich meinte den 5.").
 */
import type { Slot } from '../definition/schema';
import { extractForSlot, foldText, normalizeText } from '../extract';
import { attribute, textValue } from '../understand';
import type { Extraction } from '../extract/types';
import { validateSlot, type Validation } from './scope';
import { addTrail, touch, type Turn } from './turn';
import { msg } from './messages';
import { formatSlot, slotLabel } from './render';
import type { SlotSource } from './types';

/** Runs a slot's extractor; an extractor bug counts as "nothing found", never as a crash. */
export function extract(t: Turn, name: string, text: string, base?: unknown): Extraction {
  const slot = t.def.slots[name];
  try {
    // Free text the way the asked slot reads it: "der Name ist Lea Wagner-Schulz" → the name.
    if (slot.type === 'text') return textValue(t.def, name, text, new Set());
    return extractForSlot(slot, text, base === undefined || base === null
      ? { locale: t.s.locale, today: t.s.referenceDate }
      : { locale: t.s.locale, today: t.s.referenceDate, base });
  } catch {
    return { kind: 'none' };
  }
}

export const extractorName = (slot: Slot): string => `extract.${slot.type}`;

export function fillSlot(t: Turn, name: string, value: unknown, evidence: string, by: string, source: SlotSource = 'extractor', heldFrom?: number): void {
  const held = heldFrom === undefined ? {} : { heldFrom };
  t.s.slots[name] = { value, source, evidence, turn: t.s.turn, confirmed: false, by, ...held };
  delete t.s.attempts[name];
  addTrail(t, { type: 'slot.filled', slot: name, value, source, evidence, by, ...held });
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
  // Every correction is said back, so a misread one is noticed before it counts (a slot with
  // `confirm` is read back anyway).
  if (!t.def.slots[name].confirm) t.notice.push(msg(t.s.locale, 'corrected', { label: slotLabel(t, name), value: formatSlot(t, name, value) }));
}

export function rejectSlot(t: Turn, name: string, reason: string, evidence: string): void {
  addTrail(t, { type: 'slot.rejected', slot: name, reason, evidence, by: extractorName(t.def.slots[name]) });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The slot a citizen names in a message ("mein Geburtsdatum ist …", "die Anzahl der Hunde"):
 * by its name, its full label or one of its multi-word `cues`; longest first. Single cue words
 * are too weak here ("Hund" is in the label of several slots).
 */
export function namedSlot(t: Turn, text: string, only?: string[]): string | null {
  const norm = ` ${foldText(normalizeText(text).toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const phrases: { name: string; phrase: string }[] = [];
  for (const [name, slot] of Object.entries(t.def.slots)) {
    if (only && !only.includes(name)) continue;
    phrases.push({ name, phrase: name.replace(/_/g, ' ') }, { name, phrase: name.replace(/_/g, '') });
    for (const label of labelTexts(slot.label)) phrases.push({ name, phrase: foldText(label.toLowerCase()).replace(/\([^)]*\)/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim() });
    for (const cue of [...(slot.cues?.de ?? []), ...(slot.cues?.en ?? [])]) {
      const p = foldText(cue.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (p.includes(' ')) phrases.push({ name, phrase: p });
    }
  }
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const hit = phrases.find((p) => p.phrase.length >= 3 && norm.includes(` ${p.phrase} `));
  return hit ? hit.name : null;
}

function labelTexts(label: Slot['label']): string[] {
  if (label === undefined) return [];
  if (typeof label === 'string') return [label];
  return Object.values(label).filter((x): x is string => typeof x === 'string');
}

export type CorrectionResult = { applied: true; slot: string } | { applied: false; slot?: string; validation?: Validation };

function tryReplace(t: Turn, name: string, text: string): CorrectionResult | null {
  const old = t.s.slots[name]?.value;
  const ex = extract(t, name, text, old);
  if (ex.kind !== 'value' || same(ex.value, old)) return null;
  const v = validateSlot(t, name, t.def.slots[name], ex.value);
  if (!v.ok) {
    rejectSlot(t, name, v.reason, ex.evidence);
    return { applied: false, slot: name, validation: v };
  }
  replaceSlot(t, name, ex.value, ex.evidence, extractorName(t.def.slots[name]));
  return { applied: true, slot: name };
}

/**
 * Applies a correction, never guessing: (1) to the slot the text names; (2) to the slot a
 * value's own words point to ("nur 1 Hund" → the number of dogs, not the dog's age); (3) to
 * `prefer` (the slot being read back); (4) a bare value only when exactly one filled slot
 * could take it. Yes/no and free-text slots change only when named: a plain "nein" never
 * flips an earlier answer.
 */
export function applyCorrection(t: Turn, text: string, only?: string[], prefer?: string): CorrectionResult {
  const named = namedSlot(t, text, only);
  if (named) {
    const r = tryReplace(t, named, text);
    return r ?? { applied: false, slot: named };
  }
  const filled = Object.entries(t.s.slots)
    .filter(([n, st]) => st.value !== null && t.def.slots[n] && (!only || only.includes(n)))
    .map(([n]) => n);
  const typed = filled.filter((n) => !['text', 'boolean'].includes(t.def.slots[n].type));
  const cued = attribute(t.def, '', typed, text, { locale: t.s.locale, today: t.s.referenceDate });
  const pointed = [...cued.bySlot.keys()].filter((n) => typed.includes(n));
  if (pointed.length === 1) {
    const r = tryReplace(t, pointed[0], text);
    if (r) return r;
  }
  if (prefer && typed.includes(prefer)) {
    const r = tryReplace(t, prefer, text);
    if (r) return r;
  }
  if (pointed.length > 1) return { applied: false };
  const takers = typed.filter((n) => {
    const ex = extract(t, n, text, t.s.slots[n].value);
    return ex.kind === 'value' && !same(ex.value, t.s.slots[n].value) && validateSlot(t, n, t.def.slots[n], ex.value).ok;
  });
  if (takers.length === 1) return tryReplace(t, takers[0], text) ?? { applied: false };
  return { applied: false };
}
