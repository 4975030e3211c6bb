/**
 * A choice by its label: a message that is exactly one enum value's label in the session's
 * language (or its German label, or one of its declared synonyms in that language), after only
 * a light normalisation, is that value. This is what a button sends and what a citizen types
 * off the screen, in any script: Arabic, Cyrillic, Latin. Nothing partial, nothing fuzzy: a
 * message that merely contains a label, or a label two values share, is left to the extractors,
 * because a wrong value is worse than a question.
 */
import type { Locale, Slot } from '../definition/schema';
import { normalizeText } from '../extract';

// Arabic harakat and tatweel are writing aids, not letters; ё is written е in everyday Russian.
const ARABIC_MARKS = /[\u064B-\u0652\u0670\u0640]/g;
// Punctuation a message may carry around a label: quotes, a final stop, question or exclamation mark.
const EDGES = /^[\s"'«»„“”‚‘’.!?؟،,;:]+|[\s"'«»„“”‚‘’.!?؟،,;:]+$/g;

/** The form two texts must share to count as the same label. */
export function labelKey(text: string, locale: string): string {
  return normalizeText(text).normalize('NFC').replace(ARABIC_MARKS, '').replace(EDGES, '')
    .toLocaleLowerCase(locale).replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

function namesOf(value: NonNullable<Slot['values']>[string], locale: Locale): string[] {
  const label = value.label as unknown;
  const labels = typeof label === 'string' ? [label] : label && typeof label === 'object'
    ? [(label as Record<string, string | undefined>)[locale], (label as Record<string, string | undefined>).de] : [];
  const synonyms = (value.synonyms as Record<string, string[] | undefined> | undefined)?.[locale] ?? [];
  return [...labels, ...synonyms].filter((x): x is string => typeof x === 'string' && x.trim().length > 0);
}

/** Label key → value id, without keys two values share (those would be a guess). */
function labelIndex(slot: Slot, locale: Locale): Map<string, string> {
  const index = new Map<string, string>();
  const shared = new Set<string>();
  for (const [id, value] of Object.entries(slot.values ?? {})) {
    for (const name of namesOf(value, locale)) {
      const key = labelKey(name, locale);
      if (!key) continue;
      const had = index.get(key);
      if (had !== undefined && had !== id) shared.add(key);
      else index.set(key, id);
    }
  }
  for (const key of shared) index.delete(key);
  return index;
}

/**
 * The value a message chooses by label, or null. For a `many: true` slot a message of labels
 * separated by commas (what the checkboxes send) chooses all of them, and only if every part is
 * a label.
 */
export function choiceByLabel(slot: Slot, text: string, locale: Locale): { value: string | string[]; evidence: string } | null {
  if (slot.type !== 'enum' || !slot.values) return null;
  const index = labelIndex(slot, locale);
  const whole = index.get(labelKey(text, locale));
  const many = (slot as { many?: boolean }).many === true;
  const evidence = normalizeText(text);
  if (whole !== undefined) return { value: many ? [whole] : whole, evidence };
  if (!many) return null;
  const parts = text.split(/[,،]/).map((p) => labelKey(p, locale)).filter(Boolean);
  if (parts.length < 2) return null;
  const ids = parts.map((p) => index.get(p));
  if (ids.some((id) => id === undefined)) return null;
  const chosen = new Set(ids as string[]);
  return { value: Object.keys(slot.values).filter((id) => chosen.has(id)), evidence };
}
