/**
 * Integer, number and money extractors. Separators follow the locale: German "1.000,50",
 * English "1,000.50"; "3,5" and "3.5" are decimals in both. A lone "1,000" is a decimal in
 * German and a thousand in English, and ambiguous where both readings fit. Dates, times,
 * phone numbers and e-mail addresses are masked first so their digits are never counted.
 * Postcodes in addresses ("45879 Gelsenkirchen") are masked too. Number words count ("zwei", "einundzwanzig", "twelve"); the article "ein/eine/einen" counts
 * as 1 only in a short answer (≤ 5 words) where nothing else is a number ("nur einen Hund" → 1),
 * and never as an amount of money.
 */
import { findDateCandidates } from './dates';
import { findTimeCandidates } from './times';
import { foldWithMap, normalizeText, tokenize } from './normalize';
import { DE_ARTICLE_ONE, parseCardinalWord, parseEnglishCardinal } from './number-words';
import { combine, dropOverlaps, type Candidate } from './result';
import type { ExtractContext, Extraction } from './types';

const NUMBER_RE = /(?:(?<![^\s(])-)?(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)/g;
const PHONE_LIKE = /(?:\+|\b00|\b0)\d[\d /()-]{5,}\d/g;
const EMAIL_LIKE = /(?<!\S)\S+@\S+/g;
/** A postcode in an address: five digits before a place name ("45879 Gelsenkirchen") or after "PLZ". */
const ADDRESS_POSTCODE = /(?<![\d.,])(?:(?<=\b(?:PLZ|plz|Postleitzahl):?\s?)\d{5}|\d{5}(?=\s+(?!Euro\b|EUR\b)\p{Lu}\p{Ll}))(?!\d|[.,]\d)/gu;

/** Reads a numeral as written, following the locale's separators; several readings when unclear. */
export function parseNumeral(raw: string, locale: string): number[] {
  const neg = raw.startsWith('-');
  const s = neg ? raw.slice(1) : raw;
  const sign = neg ? -1 : 1;
  const en = locale === 'en';
  const [group, decimal] = en ? [',', '.'] : ['.', ','];
  const esc = (c: string) => (c === '.' ? '\\.' : c);
  if (/^\d+$/.test(s)) return [sign * Number(s)];
  if (new RegExp(`^\\d{1,3}(?:${esc(group)}\\d{3}){2,}(?:${esc(decimal)}\\d+)?$`).test(s)
    || new RegExp(`^\\d{1,3}${esc(group)}\\d{3}${esc(decimal)}\\d+$`).test(s)) {
    return [sign * Number(s.split(group).join('').replace(decimal, '.'))];
  }
  if (new RegExp(`^\\d{1,3}${esc(group)}\\d{3}$`).test(s)) {
    // "1.000" (de) is a thousand; so is "1,000" (en). Its mirror reading is a decimal.
    return [sign * Number(s.replace(group, ''))];
  }
  if (new RegExp(`^\\d{1,3}${esc(decimal)}\\d{3}$`).test(s)) {
    // "1,000" in German text: decimal by the book, a thousand by English habit.
    return [sign * Number(s.replace(decimal, '.')), sign * Number(s.replace(decimal, ''))];
  }
  if (/^\d+[.,]\d+$/.test(s)) return [sign * Number(s.replace(',', '.'))];
  return [];
}

function mask(source: string, spans: { start: number; end: number }[]): string {
  let out = source;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function maskedSource(source: string, ctx: ExtractContext): string {
  const spans: { start: number; end: number }[] = [...findDateCandidates(source, { ...ctx, base: undefined }), ...findTimeCandidates(source)];
  ADDRESS_POSTCODE.lastIndex = 0;
  let p: RegExpExecArray | null;
  while ((p = ADDRESS_POSTCODE.exec(source)) !== null) spans.push({ start: p.index, end: p.index + p[0].length });
  for (const re of [PHONE_LIKE, EMAIL_LIKE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(source)) !== null) if (m[0].replace(/\D/g, '').length >= 7 || m[0].includes('@')) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return mask(source, spans);
}

const PART_OF = new Set(['meiner', 'unserer', 'deiner', 'ihrer', 'von', 'davon', 'der', 'die', 'den']);
const NOT_COUNTING_AFTER_ARTICLE = new Set(['paar', 'bisschen', 'wenig', 'moment', 'mal', 'weiteres', 'weile', 'termin', 'frage']);
/** After a preposition "ein" is an article of a place or thing, not a count ("für einen Freund"). */
const PREPOSITIONS = new Set(['aus', 'in', 'mit', 'von', 'vom', 'zu', 'bei', 'nach', 'fuer', 'an', 'auf', 'um', 'ueber', 'unter', 'gegen', 'ohne', 'durch', 'wie', 'als']);

/** Numbers written as digits or words, positioned in `source`; weak article readings separate. */
function numberCandidates(source: string, ctx: ExtractContext): { strong: Candidate<number>[]; weak: Candidate<number>[] } {
  const masked = maskedSource(source, ctx);
  const strong: Candidate<number>[] = [];
  NUMBER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER_RE.exec(masked)) !== null) {
    const readings = parseNumeral(m[0], ctx.locale);
    if (readings.length === 0) continue;
    strong.push({ start: m.index, end: m.index + m[0].length, ...(readings.length === 1 ? { value: readings[0] } : { options: readings }) });
  }
  const folded = foldWithMap(masked);
  const tokens = tokenize(folded.text);
  const weak: Candidate<number>[] = [];
  const skip = new Set<number>();
  tokens.forEach((t, i) => {
    if (/^\d/.test(t.word) || skip.has(i)) return;
    const start = folded.map[t.start];
    let end = folded.map[t.end - 1] + 1;
    const next = tokens[i + 1];
    // "twenty-one", "twenty one"
    if (next && /^(twen|thir|for|fif|six|seven|eigh|nine)ty$/.test(t.word) && /^[ -]$/.test(folded.text.slice(t.end, next.start))) {
      const compound = parseEnglishCardinal(t.word + next.word);
      if (compound !== undefined) {
        skip.add(i + 1);
        end = folded.map[next.end - 1] + 1;
        strong.push({ start, end, value: compound });
        return;
      }
    }
    // "nur einer" (a pronoun) is one too, but "einer meiner Hunde" / "einer von beiden" is a part.
    const pronounOne = t.word === 'einer' && !PART_OF.has(tokens[i + 1]?.word ?? '');
    if (DE_ARTICLE_ONE.has(t.word) || t.word === 'one' || pronounOne) {
      if (!NOT_COUNTING_AFTER_ARTICLE.has(tokens[i + 1]?.word ?? '') && !PREPOSITIONS.has(tokens[i - 1]?.word ?? '')) weak.push({ start, end, value: 1 });
      return;
    }
    const n = parseCardinalWord(t.word);
    if (n !== undefined) strong.push({ start, end, value: n });
  });
  for (const c of compoundCandidates(folded.text, ctx.locale)) {
    strong.push({ ...c, start: folded.map[c.start], end: folded.map[c.end - 1] + 1 });
  }
  return { strong: dropOverlaps(strong), weak };
}

const ONE_WORDS = /^(?:ein|eine|einem|einen|eins|one|a|an)$/;
const GROUP_WORDS: Record<string, number> = { zweit: 2, dritt: 3, viert: 4, fuenft: 5, sechst: 6, siebt: 7, acht: 8, neunt: 9, zehnt: 10 };
const SCALES: Record<string, number> = { hundert: 100, tausend: 1000, tsd: 1000, million: 1e6, millionen: 1e6, mio: 1e6, hundred: 100, thousand: 1000 };

function countWord(w: string | undefined): number | undefined {
  if (w === undefined) return 1;
  if (/^\d+$/.test(w)) return Number(w);
  if (ONE_WORDS.test(w)) return 1;
  return parseCardinalWord(w);
}

/**
 * Counts spelled with a unit word: "ein Dutzend" (12), "zwei Dutzend", "ein halbes Dutzend",
 * "zu viert" (4), digits with a scale word ("2 Tausend", "1,5 Millionen"). In folded text.
 */
function compoundCandidates(f: string, locale: string): Candidate<number>[] {
  const out: Candidate<number>[] = [];
  const dozen = /\b(?:(\d{1,3}|[a-z]+)\s)?(halbes\s)?dutzend\b/g;
  let m: RegExpExecArray | null;
  while ((m = dozen.exec(f)) !== null) {
    const n = countWord(m[1]);
    const [start, value] = n === undefined ? [m.index + m[1].length + 1, m[2] ? 6 : 12] : [m.index, n * (m[2] ? 6 : 12)];
    out.push({ start, end: m.index + m[0].length, value });
  }
  const group = /\bzu (zweit|dritt|viert|fuenft|sechst|siebt|acht|neunt|zehnt)\b/g;
  while ((m = group.exec(f)) !== null) out.push({ start: m.index, end: m.index + m[0].length, value: GROUP_WORDS[m[1]] });
  const scaled = /(?<![\w.,])(\d+(?:[.,]\d+)?)\s?(hundert|tausend|tsd|millionen|million|mio|hundred|thousand)\b\.?/g;
  while ((m = scaled.exec(f)) !== null) {
    const base = parseNumeral(m[1], locale);
    if (base.length === 1) out.push({ start: m.index, end: m.index + m[0].length, value: Math.round(base[0] * SCALES[m[2]] * 100) / 100 });
  }
  return out;
}

/** Words up to which an article may be the answer ("Ich habe nur einen Hund"). */
const ARTICLE_ANSWER_WORDS = 5;

/**
 * Number readings of an already normalised message, positioned in it, for attributing each
 * to a slot (core/understand): the strong ones, else the articles of a short answer.
 */
export function findNumberCandidates(source: string, ctx: ExtractContext): Candidate<number>[] {
  const { strong, weak } = numberCandidates(source, ctx);
  if (strong.length > 0) return strong;
  return tokenize(foldWithMap(source).text).length <= ARTICLE_ANSWER_WORDS ? weak : [];
}

function pickNumbers(source: string, ctx: ExtractContext, articles: boolean): Extraction<number> {
  const { strong, weak } = numberCandidates(source, ctx);
  if (strong.length > 0) return combine(source, strong);
  const short = tokenize(foldWithMap(source).text).length <= ARTICLE_ANSWER_WORDS;
  return articles && short ? combine(source, weak) : { kind: 'none' };
}

/** Extracts one number (decimals allowed). */
export function extractNumber(text: string, ctx: ExtractContext): Extraction<number> {
  return pickNumbers(normalizeText(text), ctx, true);
}

/** Extracts one whole number; a decimal answer is invalid with reason `not_integer`. */
export function extractInteger(text: string, ctx: ExtractContext): Extraction<number> {
  const source = normalizeText(text);
  const r = pickNumbers(source, ctx, true);
  if (r.kind === 'value' && !Number.isInteger(r.value)) return { kind: 'invalid', reason: 'not_integer', evidence: r.evidence };
  if (r.kind === 'ambiguous' && !r.options.some((o) => Number.isInteger(o))) {
    return { kind: 'invalid', reason: 'not_integer', evidence: r.evidence };
  }
  return r;
}

const CURRENCY = '(?:€|euro|eur\\b|euros)';
// "12 500 €": a space groups thousands only in front of a currency.
const AMOUNT = '(-?\\d{1,3}(?: \\d{3})+(?:,\\d{1,2})?|-?\\d+(?:[.,]\\d+)*)';
const unspaced = (s: string): string => s.replace(/ /g, '');
const MONEY_PATTERNS: { re: RegExp; read: (m: RegExpExecArray, locale: string) => number[] }[] = [
  { // 3 Tausend Euro, 1,5 Mio. €
    re: new RegExp(`(?<![\\w.,])(\\d+(?:[.,]\\d+)?)\\s?(tausend|tsd|millionen|million|mio)\\.?\\s?${CURRENCY}`, 'gi'),
    read: (m, locale) => parseNumeral(m[1], locale).map((n) => n * SCALES[m[2].toLowerCase()]),
  },
  { // 46 Euro 50, 46 Euro und 50 Cent
    re: new RegExp(`(?<![\\w.,])(\\d+)\\s?${CURRENCY}\\s(?:und\\s|and\\s)?(\\d{1,2})(?:\\s?(?:cent|ct)\\b)?(?![\\d.,])`, 'gi'),
    read: (m) => [Number(m[1]) + Number(m[2]) / 100],
  },
  { // 46,00 €, 46 Euro, 46,- €, 1.234,50 EUR
    re: new RegExp(`(?<![\\w.,])${AMOUNT}(?:,-+)?\\s?${CURRENCY}`, 'gi'),
    read: (m, locale) => parseNumeral(unspaced(m[1]), locale),
  },
  { // € 46, EUR 46.50, €46
    re: new RegExp(`${CURRENCY}\\s?${AMOUNT}(?:,-+)?(?![\\w]|[.,]\\d)`, 'gi'),
    read: (m, locale) => parseNumeral(unspaced(m[1]), locale),
  },
  { // 46,-
    re: /(?<![\w.,])(\d+(?:\.\d{3})*),-+/g,
    read: (m) => parseNumeral(m[1], 'de'),
  },
  { // 50 Cent
    re: /(?<![\w.,])(\d+)\s?(?:cent|ct)\b/gi,
    read: (m) => [Number(m[1]) / 100],
  },
];

/**
 * Extracts an amount in euros. Explicit amounts (with €, Euro, EUR, ",-", Cent) win over bare
 * numbers; more than two decimals is invalid (`invalid_money`).
 */
export function extractMoney(text: string, ctx: ExtractContext): Extraction<number> {
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const folded = foldWithMap(source);
  const f = folded.text;
  const cands: Candidate<number>[] = [];
  const push = (start: number, end: number, readings: number[]) => {
    if (readings.length === 0) return;
    const span = { start: folded.map[start], end: folded.map[end - 1] + 1 };
    cands.push({ ...span, ...(readings.length === 1 ? { value: readings[0] } : { options: readings }) });
  };
  for (const { re, read } of MONEY_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) push(m.index, m.index + m[0].length, read(m, ctx.locale));
  }
  // "zwei Euro fünfzig", "zwölf Euro und fünfzig Cent", "2 Euro fünfzig", "fünfzig Cent"
  const words = /(?<![a-z\d.,])([a-z]+|\d+)\s(?:euro|eur)\b(?:\s(?:und\s|and\s)?([a-z]+|\d{1,2})(?:\s?(?:cent|ct)\b)?)?/g;
  let m: RegExpExecArray | null;
  while ((m = words.exec(f)) !== null) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : parseCardinalWord(m[1]);
    if (n === undefined) continue;
    const cents = m[2] === undefined ? undefined : /^\d+$/.test(m[2]) ? Number(m[2]) : parseCardinalWord(m[2]);
    if (cents !== undefined && cents < 100) push(m.index, m.index + m[0].length, [n + cents / 100]);
    else push(m.index, m.index + m[0].length - (m[2] === undefined ? 0 : m[0].length - m[0].indexOf(m[2]) + 1), [n]);
  }
  const centWords = /(?<![a-z\d.,])([a-z]+)\s(?:cent|ct)\b/g;
  while ((m = centWords.exec(f)) !== null) {
    const n = parseCardinalWord(m[1]);
    if (n !== undefined && n < 100) push(m.index, m.index + m[0].length, [n / 100]);
  }
  const r = cands.length > 0 ? combine(source, dropOverlaps(cands)) : pickNumbers(source, ctx, false);
  const tooFine = (v: number) => Math.abs(Math.round(v * 100) - v * 100) > 1e-6;
  if (r.kind === 'value' && tooFine(r.value)) return { kind: 'invalid', reason: 'invalid_money', evidence: r.evidence };
  if (r.kind === 'ambiguous' && r.options.some(tooFine)) return { kind: 'invalid', reason: 'invalid_money', evidence: r.evidence };
  if (r.kind === 'value') return { ...r, value: Math.round(r.value * 100) / 100 };
  return r;
}
