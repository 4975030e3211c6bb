/**
 * Acceptance of LLM proposals, pure. The model can only suggest; a proposal becomes a slot value
 * only if (1) it names a slot the model was asked for, (2) its value parses with the slot
 * type's schema, (3) its evidence occurs in the citizen's message, (4) for typed slots the
 * deterministic extractor derives the same value from that evidence, and (5) the slot's own
 * `valid` rules and limits hold. Everything else is rejected with a reason for the trail.
 */
import type { ServiceDefinition, Slot } from '../definition/schema';
import { extractForSlot } from '../extract';
import { asExtraction, attribute, type Attribution } from '../understand/attribute';
import { words } from '../understand/cues';
import { groundForm, occursIn } from './grounding';
import type { Proposal, Rejection } from './types';
import { valueSchema } from './value-schema';

/** More proposals than this in one reply is not a citizen's message; the rest is dropped. */
export const MAX_PROPOSALS = 20;
const MAX_EVIDENCE = 500;

/** Types whose value must be re-derivable from the evidence by the deterministic extractor. */
const DERIVED_TYPES = new Set(['date', 'time', 'integer', 'number', 'money', 'enum', 'postcode', 'phone', 'email']);

// Braces, brackets, angle brackets and backslashes belong to code and markup, not to a name or
// an address; control and invisible characters disguise text.
const SUSPICIOUS_TEXT = /[{}[\]<>\\`]|[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u;

export interface AcceptInput {
  def: ServiceDefinition;
  /** The citizen's message as received. */
  message: string;
  /** Slots the model was asked for: open slots of the current step and accept_anytime ones. */
  asked: readonly string[];
  /** Slots that already hold a value; the deterministic result wins. */
  filled: readonly string[];
  locale: string;
  today: string;
  /** Untrusted: whatever the adapter returned. */
  proposals: unknown;
  /** Evidence the extractors already took from this message: no proposal may quote it again. */
  used?: readonly string[];
  /** The slot's limits and `valid` rules, as the session checks them. */
  validate: (slot: string, value: unknown) => { ok: true } | { ok: false; reason: string };
}

/** An accepted value; `readBack` when the choice was the model's and the citizen must confirm it. */
export type Accepted = Proposal & { readBack?: true };

export interface AcceptResult { accepted: Accepted[]; rejected: Rejection[] }

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function clip(s: unknown): string {
  return typeof s === 'string' ? s.slice(0, MAX_EVIDENCE) : '';
}

/** The reason a name cannot be a proposal target, or null for a slot of the definition. */
function nameProblem(def: ServiceDefinition, name: string): string | null {
  if (Object.prototype.hasOwnProperty.call(def.slots, name)) return null;
  if (Object.prototype.hasOwnProperty.call(def.values ?? {}, name)) return 'derived_value';
  if (Object.prototype.hasOwnProperty.call(def.outcomes ?? {}, name)) return 'outcome';
  return 'unknown_slot';
}

/** Checks that the value follows from the evidence through the deterministic extractor. */
function derivable(slot: Slot, value: unknown, evidence: string, locale: string, today: string, message = evidence): string | null {
  if (slot.type === 'text') {
    if (SUSPICIOUS_TEXT.test(String(value))) return 'suspicious_text';
    return groundForm(evidence).includes(groundForm(String(value))) ? null : 'not_derivable';
  }
  const ex = extractForSlot(slot, evidence, { locale, today });
  if (slot.type === 'boolean') {
    // A yes/no needs a yes/no word in the evidence, or for "yes" one of the slot's own declared
    // cue words: a model must not turn a statement about something else into an answer.
    if (ex.kind === 'value') return same(ex.value, value) ? null : 'contradicts_evidence';
    if (value === true && hasOwnCue(slot, evidence, locale)) return negated(evidence, message) ? 'contradicts_evidence' : null;
    return 'no_yes_no';
  }
  if (!DERIVED_TYPES.has(slot.type)) return 'not_derivable';
  if (ex.kind === 'value' && same(ex.value, value)) return null;
  if (ex.kind === 'ambiguous' && ex.options.some((o) => same(o, value))) return null;
  return 'not_derivable';
}

/** Words that turn a cue into its opposite ("nicht zuschicken", "ohne Versand", "no delivery"). */
// As `words` folds them (lower case, a–z): "don't" is "don" "t", "değil" is "degil".
const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'nie', 'niemals', 'ohne', 'not', 'no', 'never', 'without', 'dont', 'don', 'degil', 'yok']);

/** Whether the evidence, or the three words before it in the message, negate it. */
function negated(evidence: string, message: string): boolean {
  const ev = words(evidence);
  const all = words(message);
  if (ev.some((w) => NEGATIONS.has(w))) return true;
  for (let i = 0; i + ev.length <= all.length; i++) {
    if (ev.every((w, k) => all[i + k] === w) && all.slice(Math.max(0, i - 3), i).some((w) => NEGATIONS.has(w))) return true;
  }
  return false;
}

/** Whether the evidence holds one of the cue words the designer declared for this slot. */
function hasOwnCue(slot: Slot, evidence: string, locale: string): boolean {
  const cues = slot.cues as Record<string, string[] | undefined> | undefined;
  const list = [...(cues?.[locale] ?? []), ...(locale === 'de' ? [] : cues?.de ?? [])];
  const ev = ` ${words(evidence).join(' ')} `;
  return list.some((c) => {
    const w = words(c).join(' ');
    return w.length > 0 && ev.includes(` ${w}`);
  });
}

const ATTRIBUTED_TYPES = new Set(['date', 'integer', 'number']);

/**
 * Dates and numbers must fit the slot by their units and cue words, as the deterministic
 * attribution reads them: the evidence alone, asked as this slot, yields the value ("5 Jahre alt"
 * is an age, never a count of dogs), and the whole message does not give that same piece to
 * another slot. The model may pick between readings; it may not make a reading up.
 */
function fitsSlot(input: AcceptInput, whole: () => Attribution, name: string, value: unknown, evidence: string): string | null {
  const ctx = { locale: input.locale, today: input.today };
  const own = asExtraction(evidence, attribute(input.def, name, [name], evidence, ctx).bySlot.get(name));
  const fits = (own.kind === 'value' && same(own.value, value)) || (own.kind === 'ambiguous' && own.options.some((o) => same(o, value)));
  if (!fits) return 'not_this_slot';
  const ev = groundForm(evidence);
  for (const [other, list] of whole().bySlot) {
    if (other === name) continue;
    if (list.some((c) => ev.includes(groundForm(c.evidence)) && (same(c.value, value) || (c.options ?? []).some((o) => same(o, value))))) return 'belongs_to_other_slot';
  }
  return null;
}

/**
 * Whether the value would be read the same without the model: the whole message, read
 * deterministically for this slot, gives exactly this value. Otherwise the model chose (between
 * two dates, which yes belongs to which question, which words are a name), and its choice is read
 * back to the citizen before it counts. A yes/no is the model's choice unless the evidence holds
 * the slot's own cue words.
 */
function modelsChoice(input: AcceptInput, whole: () => Attribution, name: string, slot: Slot, value: unknown, evidence: string): boolean {
  if (slot.type === 'text') return true;
  if (slot.type === 'boolean') return !hasOwnCue(slot, evidence, input.locale);
  if (ATTRIBUTED_TYPES.has(slot.type)) {
    const read = asExtraction(input.message, whole().bySlot.get(name));
    return !(read.kind === 'value' && same(read.value, value));
  }
  const ex = extractForSlot(slot, input.message, { locale: input.locale, today: input.today });
  return !(ex.kind === 'value' && same(ex.value, value));
}

/** Sorts untrusted proposals into accepted values and rejections with reasons. Never throws. */
export function acceptProposals(input: AcceptInput): AcceptResult {
  const accepted: Accepted[] = [];
  const rejected: Rejection[] = [];
  const list = Array.isArray(input.proposals) ? input.proposals : [];
  if (!Array.isArray(input.proposals)) rejected.push({ slot: '', reason: 'malformed', evidence: '' });
  const asked = new Set(input.asked);
  const filled = new Set(input.filled);
  const seen = new Set<string>();
  // One piece of the message fills at most one slot, whatever the model says.
  const usedEvidence: string[] = (input.used ?? []).map(groundForm).filter((u) => u.length > 0);
  let wholeMessage: Attribution | undefined;
  const whole = (): Attribution => {
    wholeMessage ??= attribute(input.def, input.asked[0] ?? '', input.asked.filter((n) => input.def.slots[n]), input.message, { locale: input.locale, today: input.today });
    return wholeMessage;
  };
  list.forEach((raw, index) => {
    const item = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const slotName = typeof item.slot === 'string' ? item.slot.slice(0, 100) : '';
    const evidence = clip(item.evidence);
    const reject = (reason: string): void => { rejected.push({ slot: slotName, reason, evidence }); };
    if (!slotName || typeof item.evidence !== 'string' || !('value' in item)) return reject('malformed');
    if (index >= MAX_PROPOSALS) return reject('too_many');
    const problem = nameProblem(input.def, slotName);
    if (problem) return reject(problem);
    if (seen.has(slotName)) return reject('duplicate');
    seen.add(slotName);
    if (filled.has(slotName)) return reject('already_filled');
    if (!asked.has(slotName)) return reject('not_asked');
    const slot = input.def.slots[slotName];
    const parsed = valueSchema(slot.type, slot.values ? Object.keys(slot.values) : undefined).safeParse(item.value);
    if (!parsed.success) return reject('wrong_type');
    const value = parsed.data;
    if (item.evidence.length > MAX_EVIDENCE || !occursIn(item.evidence, input.message)) return reject('ungrounded');
    let why: string | null;
    try {
      why = derivable(slot, value, item.evidence, input.locale, input.today, input.message);
    } catch {
      why = 'not_derivable';
    }
    if (why) return reject(why);
    const ev = groundForm(item.evidence);
    if (slot.type !== 'text' && usedEvidence.some((u) => u.includes(ev) || ev.includes(u))) return reject('evidence_used');
    if (ATTRIBUTED_TYPES.has(slot.type)) {
      let fit: string | null;
      try {
        fit = fitsSlot(input, whole, slotName, value, item.evidence);
      } catch {
        fit = 'not_derivable';
      }
      if (fit) return reject(fit);
    }
    let check: ReturnType<AcceptInput['validate']>;
    try {
      check = input.validate(slotName, value);
    } catch {
      check = { ok: false, reason: 'valid_rule' };
    }
    if (!check.ok) return reject(check.reason);
    if (slot.type !== 'text') usedEvidence.push(ev);
    let chosen: boolean;
    try {
      chosen = modelsChoice(input, whole, slotName, slot, value, item.evidence);
    } catch {
      chosen = true;
    }
    accepted.push(chosen ? { slot: slotName, value, evidence, readBack: true } : { slot: slotName, value, evidence });
  });
  return { accepted, rejected };
}

/**
 * Statements the model could not map, for the case worker (§ 24 VwVfG). Only the citizen's own
 * words are kept: a statement that does not occur in the message is replaced by the message
 * itself, so a model can flag a case but never put words in the citizen's mouth.
 */
export function groundedUnmapped(raw: unknown, message: string): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const s of raw.slice(0, 10)) {
    if (typeof s !== 'string' || s.trim().length === 0) continue;
    const kept = occursIn(s, message) ? s.trim() : message.trim();
    const clipped = kept.slice(0, 500);
    if (clipped && !out.includes(clipped)) out.push(clipped);
  }
  return out;
}
