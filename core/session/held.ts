/**
 * A first message's facts for later steps ("Hund anmelden, … meine Mail ist a@b.de"): kept in the
 * snapshot with their evidence and applied when the flow reaches their step, with the same checks
 * as an answer typed then, so the citizen is not asked again. Only facts that belong to one slot
 * beyond doubt are kept: the message is read once more with every open slot in play, and a fact
 * is held only if that wider reading agrees with what the current step took and no other slot
 * could take the same words. Anything else is asked when its step comes.
 */
import { extractForSlot } from '../extract';
import type { Extraction } from '../extract/types';
import { understand, type Understanding } from '../understand';
import { msg } from './messages';
import { formatSlot, slotLabel } from './render';
import { isFilled, relevance, validateSlot } from './scope';
import { extractorName, fillSlot, rejectSlot } from './slots';
import { addTrail, type Turn } from './turn';
import type { HeldFact } from './types';

/** The citizen's first message is the one turn whose facts are held for later steps. */
const FIRST_TURN = 1;
/** Slot types numbers and dates of which attribution gives to one slot by cues and units. */
const ATTRIBUTED = new Set(['date', 'integer', 'number']);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function overlaps(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

function sameExtraction(a: Extraction, b: Extraction): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'value' && b.kind === 'value') return same(a.value, b.value) && a.evidence === b.evidence;
  if (a.kind === 'ambiguous' && b.kind === 'ambiguous') return same(a.options, b.options);
  return true;
}

/** Slots of later steps (or not yet relevant ones) the message may hold facts for. */
function laterSlots(t: Turn, pending: string, others: readonly string[]): string[] {
  return Object.keys(t.def.slots).filter((n) => n !== pending && !others.includes(n) && !isFilled(t, n));
}

/** Another slot's extractor also reads the words of this fact: it is not this slot's beyond doubt. */
function contested(t: Turn, slot: string, evidence: string, names: readonly string[], text: string): boolean {
  if (ATTRIBUTED.has(t.def.slots[slot].type)) return false; // attribution already left shared ones open
  const ctx = { locale: t.s.locale, today: t.s.referenceDate };
  return names.some((n) => {
    if (n === slot || ATTRIBUTED.has(t.def.slots[n]?.type ?? 'date')) return false;
    let ex: Extraction;
    try {
      ex = extractForSlot(t.def.slots[n], text, ctx);
    } catch {
      return false;
    }
    return (ex.kind === 'value' || ex.kind === 'ambiguous') && overlaps(ex.evidence, evidence);
  });
}

/**
 * Keeps the facts of a first message for slots beyond the current step. `narrow` is how the
 * message was read for the step (`pending` and `others`); returns the evidence held, which no
 * model may quote again.
 */
export function holdLaterFacts(t: Turn, pending: string, text: string, others: readonly string[], narrow: Understanding): string[] {
  if (t.s.turn !== FIRST_TURN) return [];
  const later = laterSlots(t, pending, others);
  if (later.length === 0) return [];
  let wide: Understanding;
  try {
    wide = understand(t.def, {
      pending, open: [...others, ...later], text, locale: t.s.locale, today: t.s.referenceDate,
      // Later slots are checked when their step comes, against the data known then.
      validate: (n, v) => later.includes(n) || validateSlot(t, n, t.def.slots[n], v).ok,
    });
  } catch {
    return [];
  }
  // The later slots changed how the step's own slots are read: the message is not clear enough.
  if (!sameExtraction(narrow.pending, wide.pending)) return [];
  const stepFills = wide.fills.filter((f) => !later.includes(f.slot));
  if (stepFills.length !== narrow.fills.length || stepFills.some((f, i) => f.slot !== narrow.fills[i].slot || !same(f.value, narrow.fills[i].value))) return [];
  const all = [pending, ...others, ...later];
  const kept: string[] = [];
  for (const f of wide.fills) {
    if (!later.includes(f.slot) || contested(t, f.slot, f.evidence, all, text)) continue;
    const fact: HeldFact = { value: f.value, evidence: f.evidence, by: extractorName(t.def.slots[f.slot]), turn: t.s.turn };
    t.s.progress.held = { ...(t.s.progress.held ?? {}), [f.slot]: fact };
    addTrail(t, { type: 'slot.held', slot: f.slot, value: f.value, evidence: f.evidence, by: fact.by });
    kept.push(f.evidence);
  }
  return kept;
}

/**
 * Fills the held facts of the collect step the flow stands in, each checked as if typed now (a
 * failing `valid` rule drops it, and the question is asked); true when one was filled. The
 * citizen is told what was taken, so a misread fact can be corrected like any answer.
 */
export function applyHeld(t: Turn): boolean {
  const held = t.s.progress.held;
  if (!held || t.s.status !== 'active' || typeof t.s.state !== 'string') return false;
  const step = t.rt.steps[t.s.state];
  if (step?.kind !== 'collect') return false;
  const applied: string[] = [];
  for (const name of step.slots) {
    const fact = held[name];
    if (!fact) continue;
    if (isFilled(t, name)) {
      delete held[name]; // answered in the meantime: the newer answer stands
      continue;
    }
    if (relevance(t, name, step.slots) !== 'yes') continue;
    delete held[name];
    const v = validateSlot(t, name, t.def.slots[name], fact.value);
    if (!v.ok) {
      rejectSlot(t, name, v.reason, fact.evidence);
      continue;
    }
    fillSlot(t, name, fact.value, fact.evidence, fact.by, 'extractor', fact.turn);
    applied.push(name);
  }
  if (Object.keys(held).length === 0) delete t.s.progress.held;
  if (applied.length === 0) return false;
  const facts = applied.map((n) => `${slotLabel(t, n)}: ${formatSlot(t, n, t.s.slots[n].value)}`).join(', ');
  t.notice.push(msg(t.s.locale, 'held_applied', { facts }));
  return true;
}
