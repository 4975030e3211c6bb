/**
 * Text normalisation shared by all extractors. Everything downstream works on the output of
 * `normalizeText`, so evidence strings are substrings of the normalised message.
 */

/** Hard cap on characters looked at; citizen messages are ≤ 4 KB, but a channel may misbehave. */
export const MAX_TEXT_LENGTH = 8000;

// Zero-width characters, soft hyphen, bidi embeddings/overrides/isolates and BOM: invisible,
// but they would split words and digits ("45\u200B879") or disguise text.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const QUOTES_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const QUOTES_DOUBLE = /[\u201C-\u201F\u2033]/g;
// Arabic-Indic (٠–٩) and Extended Arabic-Indic/Persian (۰–۹) digits, as Arabic and Persian
// keyboards type them. NFKC leaves them alone; one character each, so evidence spans stay aligned.
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const arabicDigit = (d: string): string => String((d.charCodeAt(0) - 0x0660) % 0x90);

/**
 * Unicode NFKC, invisible and control characters removed, dashes and quotes unified,
 * whitespace collapsed, trimmed, length-limited. Never throws.
 */
export function normalizeText(text: string): string {
  if (typeof text !== 'string') return '';
  // Cut before NFKC as well: NFKC can expand, and a huge input should not cost much.
  let t = text.length > MAX_TEXT_LENGTH * 2 ? text.slice(0, MAX_TEXT_LENGTH * 2) : text;
  t = t.normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(DASHES, '-')
    .replace(QUOTES_SINGLE, "'")
    .replace(QUOTES_DOUBLE, '"')
    .replace(ARABIC_DIGITS, arabicDigit)
    .replace(/\s+/g, ' ')
    .trim();
  if (t.length > MAX_TEXT_LENGTH) t = t.slice(0, MAX_TEXT_LENGTH).trim();
  return t;
}

/** Folds one character for matching: lower case, umlauts spelled out, accents dropped. */
function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  switch (lower) {
    case 'ä': return 'ae';
    case 'ö': return 'oe';
    case 'ü': return 'ue';
    case 'ß': return 'ss';
    default: {
      const stripped = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return stripped;
    }
  }
}

/** A folded string plus, for each folded character, the index of its source character. */
export interface Folded { text: string; map: number[] }

/** Lower-cases and folds umlauts (ä→ae) and accents, keeping a map back to the source. */
export function foldWithMap(text: string): Folded {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    for (let k = 0; k < f.length; k++) map.push(i);
    out += f;
  }
  return { text: out, map };
}

/** `foldWithMap(text).text`. */
export function foldText(text: string): string {
  return foldWithMap(text).text;
}

/** The source substring behind the folded range [start, end). */
export function sourceSpan(source: string, folded: Folded, start: number, end: number): string {
  if (end <= start) return '';
  const a = folded.map[start];
  const b = folded.map[end - 1];
  return source.slice(a, b + 1);
}

/** A word with its range in the text it was taken from. */
export interface Token { word: string; start: number; end: number }

/**
 * Words (letters and digits) of a folded text, with positions. `anyScript`: words of every script
 * (Cyrillic, Arabic with its combining marks, Turkish ı, Polish ł), not only a–z.
 */
export function tokenize(folded: string, anyScript = false): Token[] {
  const out: Token[] = [];
  const re = anyScript ? /[\p{L}\p{M}\p{N}]+/gu : /[a-z0-9]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
