/**
 * Date extractor. Written forms (13.05.1990, 13.5.90, 13. Mai 1990, May 13th 1990, 1990-05-13,
 * 13/05/1990, and day first in the city's other languages: 15 Aralık 1990, 15 грудня), spoken
 * forms (dritter Mai neunzehnhundertneunzig), relative words and weekdays (see date-relative.ts), and partial corrections against `ctx.base` ("den 5.", "im Juni").
 * Year rules are in date-words.ts. Two different dates in one message → ambiguous.
 */
import { isoWeekday, isoToDayNumber, parseIsoDate, formatIsoDate, isValidYmd } from './calendar';
import { MONTHS, MONTH_PATTERN, resolveDate, yearsFromText, expandTwoDigitYear, type DateReading } from './date-words';
import { LOCALE_MONTHS, LOCALE_MONTH_PATTERN } from './month-names';
import { relativeDateCandidates } from './date-relative';
import { phraseDateCandidates } from './date-phrases';
import { foldWithMap, normalizeText, tokenize, type Folded, type Token } from './normalize';
import { parseCardinalWord, parseNumberWordRun, parseOrdinalWord } from './number-words';
import { combine, dropOverlaps, type Candidate } from './result';
import type { ExtractContext, Extraction } from './types';

type DateCandidate = Candidate<string> & { weekday?: number; explicit?: boolean };

const B = '(?<![\\w.,/+-])'; // not glued to a longer number or word
const E = '(?![\\d]|[.,/-]\\d)';

// "nächsten Jahres", "im kommenden Jahr", "next year" (folded text).
const YEAR_WORDS = '(?:(?:im|in)\\s)?((?:naechste|kommende|letzte|vorige|vergangene|diese)[nms]?\\sjahr(?:es)?|(?:next|last|this)\\syear)(?![a-z])';

function yearByWord(word: string, today: string): number {
  const year = Number(today.slice(0, 4));
  if (/^(?:naechst|kommend|next)/.test(word)) return year + 1;
  if (/^(?:letzt|vorig|vergangen|last)/.test(word)) return year - 1;
  return year;
}

/** "meine Tochter wird am 20. August 16": the two digits are an age she turns, not a year. */
const AGE_VERB_BEFORE = /\b(?:wird|werde|wirst|werden|wurde|turns|turned|turning|becomes)\b[^.!?]{0,40}$/;

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray, ctx: ExtractContext) => DateReading; ageStatement?: boolean }[] = [
  { // 1990-05-13
    re: new RegExp(`${B}(\\d{4})-(\\d{1,2})-(\\d{1,2})${E}`, 'g'),
    read: (m, ctx) => resolveDate(Number(m[3]), Number(m[2]), [Number(m[1])], ctx.today),
  },
  { // 13.05.1990, 13.5.90, 13. 5. 1990, 5.6.
    re: new RegExp(`${B}(\\d{1,2})\\.\\s?(\\d{1,2})\\.(?:(\\d{4}|\\d{2})|\\s(\\d{4}))?${E}`, 'g'),
    read: (m, ctx) => resolveDate(Number(m[1]), Number(m[2]), yearsFromText(m[3] ?? m[4], ctx.today), ctx.today, ctx.base),
  },
  { // "am 13.5" without the final dot, only after a preposition that announces a date
    re: /(?<=\b(?:am|den|dem|vom|zum|bis|ab) )(\d{1,2})\.(\d{1,2})(?![\d]|[.,]\d|\s?(?:uhr|h\b|€|euro|eur\b|%))/g,
    read: (m, ctx) => resolveDate(Number(m[1]), Number(m[2]), undefined, ctx.today, ctx.base),
  },
  { // 13/05/1990 (day first; in English also month first when the day-first reading is impossible)
    re: new RegExp(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}`, 'g'),
    read: (m, ctx) => readSlashDate(Number(m[1]), Number(m[2]), m[3], ctx),
  },
  { // 13. Mai 1990, 13 Mai 1990, 13th of May 1990, 13. Mai, 1. August nächsten Jahres
    re: new RegExp(`${B}(\\d{1,2})(?:\\.|st|nd|rd|th|ter|ten|te)?\\s?(?:of\\s)?(${MONTH_PATTERN})(?![a-z])\\.?(?:,?\\s?(\\d{4})|\\s'?(\\d{2})|\\s${YEAR_WORDS})?(?![\\d:.,]\\d|\\d)`, 'g'),
    read: (m, ctx) => resolveDate(Number(m[1]), MONTHS[m[2]], m[5] !== undefined ? [yearByWord(m[5], ctx.today)] : yearsFromText(m[3] ?? m[4], ctx.today), ctx.today, ctx.base),
    ageStatement: true,
  },
  { // Mai 13, 1990; May 13th 1990; May 13
    re: new RegExp(`(?<![a-z])(${MONTH_PATTERN})(?![a-z])\\.?\\s(\\d{1,2})(?:st|nd|rd|th|\\.)?(?:,?\\s(\\d{4}))?(?![\\d]|[.,:]\\d|\\s?(?:uhr|h\\b|€|euro|hunde|jahre))`, 'g'),
    read: (m, ctx) => resolveDate(Number(m[2]), MONTHS[m[1]], yearsFromText(m[3], ctx.today), ctx.today, ctx.base),
  },
  { // 15 Aralık 1990, 15 грудня 1990 року, 15 декабря, 15 grudnia 1990, 15 ديسمبر 1990 (day first only)
    re: new RegExp(`${B}(\\d{1,2})\\.?\\s?(${LOCALE_MONTH_PATTERN})(?:'\\p{L}{1,4})?(?![\\p{L}\\p{M}])(?:,?\\s?(\\d{4})|\\s'?(\\d{2}))?(?![\\d:.,]\\d|\\d)`, 'gu'),
    read: (m, ctx) => resolveDate(Number(m[1]), LOCALE_MONTHS[m[2]], yearsFromText(m[3] ?? m[4], ctx.today), ctx.today, ctx.base),
  },
];

function readSlashDate(a: number, b: number, yearText: string, ctx: ExtractContext): DateReading {
  const years = yearsFromText(yearText, ctx.today);
  const dayFirst = resolveDate(a, b, years, ctx.today);
  if (ctx.locale !== 'en' || a === b) return dayFirst;
  const monthFirst = resolveDate(b, a, years, ctx.today);
  if ('invalid' in dayFirst) return monthFirst;
  if ('invalid' in monthFirst) return dayFirst;
  const opts = [...('value' in dayFirst ? [dayFirst.value] : dayFirst.options), ...('value' in monthFirst ? [monthFirst.value] : monthFirst.options)];
  return { options: [...new Set(opts)] };
}

function toCandidate(reading: DateReading, start: number, end: number): DateCandidate {
  if ('invalid' in reading) return { start, end, invalid: reading.invalid, explicit: true };
  if ('value' in reading) return { start, end, value: reading.value, explicit: true };
  return { start, end, options: reading.options, explicit: true };
}

const YEAR_RUN_WORDS = new Set(['hundert', 'tausend', 'hundred', 'thousand', 'und', 'and']);

/** Spoken dates: ordinal day, then month name or ordinal month, then an optional year. */
function spokenCandidates(tokens: Token[], ctx: ExtractContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const day = /^\d/.test(tokens[i].word) ? undefined : parseOrdinalWord(tokens[i].word);
    if (day === undefined || day > 31) continue;
    let j = i + 1;
    if (tokens[j].word === 'of' && j + 1 < tokens.length) j++;
    const w = tokens[j].word;
    const month = MONTHS[w] ?? (/^\d/.test(w) ? undefined : parseOrdinalWord(w));
    if (month === undefined || month > 12) continue;
    let end = tokens[j].end;
    let years: number[] | undefined;
    const next = tokens[j + 1];
    if (next && /^\d{4}$/.test(next.word)) { years = [Number(next.word)]; end = next.end; }
    else if (next) {
      const run: string[] = [];
      for (let k = j + 1; k < tokens.length && run.length < 5; k++) {
        const t = tokens[k].word;
        if (!YEAR_RUN_WORDS.has(t) && parseCardinalWord(t) === undefined) break;
        run.push(t);
      }
      for (let len = run.length; len > 0; len--) {
        const n = parseNumberWordRun(run.slice(0, len));
        if (n === undefined) continue;
        if (n >= 1000 && n <= 2999) years = [n];
        else if (len === 1 && n >= 10 && n <= 99) years = expandTwoDigitYear(n, ctx.today);
        if (years) end = tokens[j + len].end;
        break;
      }
    }
    out.push(toCandidate(resolveDate(day, month, years, ctx.today, ctx.base), tokens[i].start, end));
  }
  return out;
}

const DAY_ARTICLES = new Set(['den', 'der', 'dem', 'am', 'the']);
const FULL_MONTH_RE = new RegExp(`(?<![a-z])(${Object.keys(MONTHS).filter((k) => k.length > 4 || k === 'mai' || k === 'juni' || k === 'juli' || k === 'june' || k === 'july').join('|')})(?![a-z])`);

/** "den 5.", "im Juni", "1991": parts of the previous value replaced (only with a valid `ctx.base`). */
function correctionCandidates(folded: string, tokens: Token[], ctx: ExtractContext): DateCandidate[] {
  const base = parseIsoDate(ctx.base);
  if (!base) return [];
  let { y, m, d } = base;
  let start = -1;
  let end = -1;
  let found = false;
  const take = (s: number, e: number) => { start = start < 0 ? s : Math.min(start, s); end = Math.max(end, e); found = true; };
  const dm = /\b(?:den|der|dem|am|the)\s(\d{1,2})(?:\.|st|nd|rd|th)?(?![\d]|[.,:]\d|\s?(?:uhr|h\b|euro|eur\b|€|%|jahre|hunde))/.exec(folded)
    ?? /^(\d{1,2})\.?$/.exec(folded);
  if (dm) { d = Number(dm[1]); take(dm.index, dm.index + dm[0].length); }
  else {
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && !DAY_ARTICLES.has(tokens[i - 1].word)) continue;
      const n = parseOrdinalWord(tokens[i].word);
      if (n !== undefined && n <= 31) { d = n; take(tokens[i].start, tokens[i].end); break; }
    }
  }
  // Full month names only: "Jan" is also a first name. "May" and "March" need "in".
  const mm = FULL_MONTH_RE.exec(folded);
  if (mm && (!['may', 'march'].includes(mm[1]) || /\bin\s/.test(folded))) { m = MONTHS[mm[1]]; take(mm.index, mm.index + mm[0].length); }
  const ym = /(?<![\d.,/-])(1[89]\d{2}|20\d{2})(?![\d]|[.,]\d)/.exec(folded);
  if (ym) { y = Number(ym[1]); take(ym.index, ym.index + ym[0].length); }
  if (!found) return [];
  if (!isValidYmd(y, m, d)) return [{ start, end, invalid: 'invalid_date' }];
  return [{ start, end, value: formatIsoDate(y, m, d) }];
}

function toSource(text: string, folded: Folded, c: DateCandidate): DateCandidate {
  const start = folded.map[c.start] ?? text.length;
  const end = c.end > 0 ? (folded.map[c.end - 1] ?? text.length - 1) + 1 : start;
  return { ...c, start, end };
}

/** Date readings in an already normalised message, positioned in that message. */
export function findDateCandidates(source: string, ctx: ExtractContext): Candidate<string>[] {
  if (!source) return [];
  const folded = foldWithMap(source);
  const f = folded.text;
  const tokens = tokenize(f);
  let explicit: DateCandidate[] = [];
  for (const { re, read, ageStatement } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) {
      // Neither a date with that year nor a birthday without one: the citizen is asked.
      if (ageStatement && m[4] !== undefined && AGE_VERB_BEFORE.test(f.slice(0, m.index))) {
        explicit.push({ start: m.index, end: m.index + m[0].length, invalid: 'year_missing' });
        continue;
      }
      explicit.push(toCandidate(read(m, ctx), m.index, m.index + m[0].length));
    }
  }
  explicit.push(...spokenCandidates(tokens, ctx));
  explicit = dropOverlaps(explicit);
  const phrases = phraseDateCandidates(f, ctx.today, parseIsoDate(ctx.base) !== undefined);
  const dated = dropOverlaps([...explicit, ...phrases.days]);
  let relative: DateCandidate[] = relativeDateCandidates(f, ctx.today);
  // "Freitag, den 13.5.": a weekday naming the same day as the date next to it adds nothing;
  // next to a day alone ("Samstag, den 14.") it tells which month is meant.
  relative = relative.filter((r) => {
    if (r.weekday === undefined) return true;
    const next = dated.find((e) => e.start >= r.end && /^,?\s?(?:den\s|der\s|the\s)?$/.test(f.slice(r.end, e.start)));
    if (!next) return true;
    if (next.value === undefined) {
      const fits = (next.options ?? []).filter((o) => isoWeekday(isoToDayNumber(o) ?? 0) === r.weekday);
      if (fits.length !== 1) return next.options === undefined;
      next.value = fits[0];
      delete next.options;
      return false;
    }
    const n = isoToDayNumber(next.value);
    return n === undefined || isoWeekday(n) !== r.weekday;
  });
  let cands = dropOverlaps([...dated, ...relative]);
  if (cands.length === 0 && ctx.base !== undefined) cands = correctionCandidates(f, tokens, ctx);
  if (cands.length === 0) cands = dropOverlaps(phrases.vague);
  return cands.map((c) => toSource(source, folded, c));
}

/** Extracts one date (ISO 'YYYY-MM-DD') from a message. */
export function extractDate(text: string, ctx: ExtractContext): Extraction<string> {
  const source = normalizeText(text);
  return combine(source, findDateCandidates(source, ctx));
}
