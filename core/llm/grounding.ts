/**
 * Grounding of a proposal: its evidence must occur in the citizen's message. Both sides are
 * normalised (NFKC, invisible characters gone, whitespace collapsed) and folded (case, umlauts,
 * accents), so "Müller" matches "MÜLLER" but nothing the citizen did not write matches at all.
 */
import { foldText, normalizeText } from '../extract';

/** Normalised, folded form used for substring checks. */
export function groundForm(text: string): string {
  return foldText(normalizeText(text)).replace(/\s+/g, ' ').trim();
}

/** True when `evidence` (non-empty after normalisation) occurs in `message`. */
export function occursIn(evidence: string, message: string): boolean {
  const e = groundForm(evidence);
  if (e.length === 0) return false;
  return groundForm(message).includes(e);
}
