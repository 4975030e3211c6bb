/**
 * Postcode, e-mail and phone extractors.
 * - Postcode: five digits 01001–99998 standing alone (not inside a phone number, a date, an
 *   amount or a longer number); "45 879" as the whole answer or after "PLZ"; also spoken digit
 *   by digit ("vier fünf acht sieben neun").
 * - E-mail: lower-cased; "(at)" and "[at]" accepted; a whole message spelled out by speech
 *   recognition ("erika punkt mustermann at example punkt org") too; obvious garbage is invalid.
 * - Phone: German formats ("0209 169-0", "+49 209 1690", "0171/1234567", "0049 …", "(0209) …")
 *   and digits spoken one by one, normalised to '+' and digits ('+492091690'); a number
 *   without area code is not taken.
 */
import { foldWithMap, normalizeText, tokenize } from './normalize';
import { digitWord } from './number-words';
import { combine, type Candidate } from './result';
import type { ExtractContext, Extraction } from './types';

/** Runs of single digits spoken as words (or digits), at least `min` long, positioned in `source`. */
function spokenDigitRuns(source: string, min: number): { digits: string; start: number; end: number }[] {
  const folded = foldWithMap(source);
  const tokens = tokenize(folded.text);
  const runs: { digits: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    let digits = '';
    let words = 0;
    while (j < tokens.length) {
      const w = tokens[j].word;
      const d = digitWord(w);
      if (d !== undefined) { digits += String(d); if (!/^\d$/.test(w)) words++; j++; continue; }
      if (w === 'plus' && j === i) { digits += '+'; j++; continue; }
      // "doppel null", "double two"
      if ((w === 'doppel' || w === 'double') && j + 1 < tokens.length && digitWord(tokens[j + 1].word) !== undefined) {
        digits += String(digitWord(tokens[j + 1].word)); words++; j++; continue;
      }
      break;
    }
    const count = digits.replace('+', '').length;
    if (count >= min && words > 0) {
      runs.push({ digits, start: folded.map[tokens[i].start], end: folded.map[tokens[j - 1].end - 1] + 1 });
    }
    i = Math.max(j, i + 1);
  }
  return runs;
}

const POSTCODE_RE = /(?<![\d+/.,:-]|\d[ /-])(?:\b(?:d-)?)(\d{5})(?![\d]|[ /.,:-]?\d|\s?(?:€|euro|eur\b|%))/gi;

const SPLIT_POSTCODE_RE = /(?:^\s*|\b(?:plz|postleitzahl|postcode|post code)\s*:?\s*(?:ist\s+|is\s+)?)(\d{2}) (\d{3})(?![\d]|\s?\d)(?=\s*(?:$|[,.]|[a-zäöüß]))/i;

function postcodeCandidate(digits: string, start: number, end: number): Candidate<string> {
  const n = Number(digits);
  if (n < 1001 || n > 99998) return { start, end, invalid: 'invalid_postcode' };
  return { start, end, value: digits };
}

/** Extracts a German postcode ('45879'). */
export function extractPostcode(text: string, _ctx?: ExtractContext): Extraction<string> {
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const cands: Candidate<string>[] = [];
  POSTCODE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = POSTCODE_RE.exec(source)) !== null) cands.push(postcodeCandidate(m[1], m.index, m.index + m[0].length));
  if (cands.length === 0) {
    // "45 879" as the whole answer or after "PLZ": the way a postcode is often said (not a phone number's piece).
    const split = SPLIT_POSTCODE_RE.exec(source);
    if (split) cands.push(postcodeCandidate(split[1] + split[2], split.index + split[0].indexOf(split[1]), split.index + split[0].length));
  }
  if (cands.length === 0) {
    for (const r of spokenDigitRuns(source, 5)) if (/^\d{5}$/.test(r.digits)) cands.push(postcodeCandidate(r.digits, r.start, r.end));
  }
  return combine(source, cands);
}

// The lookbehind lets a match start only where a run of address characters starts: linear time.
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[([]at[)\]]\s?)[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu;

/** True for an address that is plausible enough to send mail to. */
export function isPlausibleEmail(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || /^\.|\.$|\.\./.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63 || /^-|-$/.test(l))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1]);
}

// A whole message that spells an address as speech recognition writes it down:
// "erika punkt mustermann at example punkt org". Only the whole message, so "at" in a sentence never counts.
const SPOKEN_SEP: Record<string, string> = { punkt: '.', dot: '.', minus: '-', bindestrich: '-', dash: '-', unterstrich: '_', underscore: '_' };
const SPOKEN_EMAIL = /^(?:(?:meine|my) (?:e-?mail|mail)(?:-?adresse| address)? (?:ist|lautet|is):? )?([\p{L}\p{N}]+(?: (?:punkt|dot|minus|bindestrich|dash|unterstrich|underscore) [\p{L}\p{N}]+)*) (?:at|ät|et) ([\p{L}\p{N}]+(?: (?:punkt|dot|minus|bindestrich|dash) [\p{L}\p{N}]+)+)$/iu;

function spokenEmail(source: string): Candidate<string> | undefined {
  const m = SPOKEN_EMAIL.exec(source.replace(/[.!]$/, ''));
  if (!m) return undefined;
  const join = (part: string) => part.split(' ').map((w) => SPOKEN_SEP[w.toLowerCase()] ?? w).join('');
  const address = `${join(m[1])}@${join(m[2])}`.toLowerCase();
  if (!isPlausibleEmail(address)) return undefined;
  return { start: m[0].indexOf(m[1]), end: m[0].length, value: address };
}

/** Extracts an e-mail address, lower-cased. */
export function extractEmail(text: string, _ctx?: ExtractContext): Extraction<string> {
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const cands: Candidate<string>[] = [];
  EMAIL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAIL_RE.exec(source)) !== null) {
    const address = m[0].replace(/\s?[([]at[)\]]\s?/i, '@').toLowerCase().replace(/\.$/, '');
    const start = m.index;
    const end = m.index + m[0].length;
    cands.push(isPlausibleEmail(address) ? { start, end, value: address } : { start, end, invalid: 'invalid_email' });
  }
  if (cands.length === 0) {
    const spoken = spokenEmail(source);
    if (spoken) cands.push(spoken);
  }
  if (cands.length === 0) {
    const broken = /(?<!\S)\S*@\S*/.exec(source);
    if (broken) return { kind: 'invalid', reason: 'invalid_email', evidence: broken[0] };
  }
  return combine(source, cands);
}

const PHONE_RE = /(?<![\w+])(?:\+|00)?\(?\d[\d /().-]{4,22}\d(?![\w])/g;

/**
 * Normalises the digits of a written phone number to '+' and digits. German numbers need their
 * area code: a leading 0 or +49/0049; "(0)" after the country code is dropped.
 */
export function normalizePhone(raw: string): string | 'incomplete' | undefined {
  let s = raw.replace(/\(0\)/g, '');
  const plus = s.trim().startsWith('+');
  s = s.replace(/\D/g, '');
  if (plus) s = '00' + s;
  let national: string;
  if (s.startsWith('0049')) national = s.slice(4).replace(/^0/, '');
  else if (s.startsWith('00')) {
    const intl = s.slice(2);
    return intl.length >= 7 && intl.length <= 15 ? '+' + intl : 'incomplete';
  } else if (s.startsWith('0')) national = s.slice(1);
  else return undefined;
  if (national.length < 6 || national.length > 13) return 'incomplete';
  return '+49' + national;
}

/** Extracts a phone number as '+49…'. */
export function extractPhone(text: string, _ctx?: ExtractContext): Extraction<string> {
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const cands: Candidate<string>[] = [];
  PHONE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE_RE.exec(source)) !== null) {
    const raw = m[0];
    // A date (13.05.1990) or an amount (1.000,00) is no phone number.
    if (/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/.test(raw) || (/\./.test(raw) && !/\s|\//.test(raw))) continue;
    const phone = normalizePhone(raw);
    if (phone === undefined) continue;
    const start = m.index;
    const end = m.index + raw.length;
    cands.push(phone === 'incomplete' ? { start, end, invalid: 'invalid_phone' } : { start, end, value: phone });
  }
  if (cands.length === 0) {
    for (const r of spokenDigitRuns(source, 6)) {
      const phone = normalizePhone(r.digits);
      if (phone === undefined) continue;
      cands.push(phone === 'incomplete' ? { start: r.start, end: r.end, invalid: 'invalid_phone' } : { start: r.start, end: r.end, value: phone });
    }
  }
  return combine(source, cands);
}
