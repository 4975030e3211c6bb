/**
 * Turns a German speech transcript into the written form the extractors read:
 * "dritter Mai neunzehnhundertneunzig" → "3. Mai 1990", "vier fünf acht sieben neun" → "45879".
 * Telephony ASR writes numbers as words about as often as as digits; this evens that out. The
 * number words are core/extract's; other locales rely on the recogniser writing digits (docs/phone.md).
 */

import { foldText, parseGermanCardinal, parseGermanOrdinal } from '../../core/extract';

/** Words for one digit when a caller reads digits one by one; "ein" is an article, not a digit. */
const DIGITS: Record<string, number> = {
  null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
};

/** A German cardinal written as one word ("neunzehnhundertneunzig" → 1990), else undefined. */
export function spokenCardinal(word: string): number | undefined {
  return parseGermanCardinal(foldText(word));
}

/** A German ordinal ("dritter", "einundzwanzigsten") → its number, else undefined. */
export function spokenOrdinal(word: string): number | undefined {
  return parseGermanOrdinal(foldText(word));
}

const SPOKEN_EMAIL = /([\p{L}\p{N}_-]+(?:\s+(?:punkt|dot|minus|bindestrich|unterstrich)\s+[\p{L}\p{N}_-]+)*)\s+(?:at|ät|et)\s+([\p{L}\p{N}-]+(?:\s+(?:punkt|dot|minus|bindestrich)\s+[\p{L}\p{N}-]+)+)/iu;

/** "erika punkt mustermann at example punkt org" → "erika.mustermann@example.org". */
export function spokenEmail(text: string): string {
  return text.replace(SPOKEN_EMAIL, (_m, local: string, domain: string) => {
    const join = (s: string) => s.replace(/\s+(punkt|dot)\s+/gi, '.').replace(/\s+(minus|bindestrich)\s+/gi, '-').replace(/\s+unterstrich\s+/gi, '_');
    return `${join(local)}@${join(domain)}`.toLowerCase();
  });
}

/** Normalises a speech transcript for extraction (see module comment). Other words stay as they are. */
export function normalizeSpoken(transcript: string): string {
  const tokens = spokenEmail(transcript.trim()).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { core, tail } = splitPunctuation(tokens[i]);
    const lower = core.toLowerCase();
    // A run of single digits, spoken or written ("vier fünf acht" / "4 5 8"), is one number.
    if (isDigitToken(lower)) {
      let j = i;
      const digits: string[] = [];
      let lastTail = '';
      while (j < tokens.length) {
        const part = splitPunctuation(tokens[j]);
        const l = part.core.toLowerCase();
        if (!isDigitToken(l)) break;
        digits.push(String(/^\d$/.test(l) ? l : DIGITS[foldText(l)]));
        lastTail = part.tail;
        j++;
        if (part.tail) break;
      }
      const spokenRun = tokens.slice(i, j).some((tk) => !/^\d/.test(tk));
      if (digits.length >= 2 && (spokenRun || digits.length >= 3)) {
        out.push(digits.join('') + lastTail);
        i = j - 1;
        continue;
      }
    }
    const ord = spokenOrdinal(lower);
    if (ord !== undefined) { out.push(`${ord}.${tail}`); continue; }
    const card = spokenCardinal(lower);
    if (card !== undefined && lower !== 'ein' && lower !== 'eine' && lower !== 'einen') { out.push(`${card}${tail}`); continue; }
    out.push(tokens[i]);
  }
  return out.join(' ');
}

function isDigitToken(lower: string): boolean {
  return /^\d$/.test(lower) || foldText(lower) in DIGITS;
}

function splitPunctuation(token: string): { core: string; tail: string } {
  const m = /^(.*?)([.,;:!?]*)$/.exec(token);
  return { core: m ? m[1] : token, tail: m ? m[2] : '' };
}
