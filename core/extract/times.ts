/**
 * Time-of-day extractor → 'HH:MM'.
 * - 24-hour forms are taken as written: "14:30", "9.15 Uhr", "14 Uhr", "14 Uhr 30", "14h".
 * - 12-hour forms: "2 pm", "2:30 am"; German spoken forms "halb drei", "viertel nach drei",
 *   "viertel vor drei", "dreiviertel drei", "zehn nach halb drei", "um drei".
 * - Business-hours rule: a spoken or "N Uhr" hour from 1 to 6 without a part of the day is read
 *   as afternoon ("halb drei" → 14:30, "um 3 Uhr" → 15:00), because citizen services are closed
 *   at night; 7 to 12 stay as they are. "morgens/früh/vormittags" or "nachmittags/abends"
 *   decide explicitly. A written "03:00" is taken literally.
 * - A part of the day alone ("vormittags") is no time.
 */
import { foldWithMap, normalizeText, type Folded } from './normalize';
import { parseCardinalWord } from './number-words';
import { combine, dropOverlaps, type Candidate } from './result';
import { reviseCandidates } from './revision';
import type { ExtractContext, Extraction } from './types';

const AM = /\b(?:morgens|frueh|vormittags?|in der frueh|am morgen|am vormittag|in the morning)\b/;
const PM = /\b(?:nachmittags?|abends|am nachmittag|am abend|in the (?:afternoon|evening)|tonight)\b/;
/** "nachts": 1–6 are night hours as written, 7–12 are late evening ("um 10 nachts" → 22:00). */
const NIGHT = /\b(?:nachts|in der nacht|at night)\b/;
/** "mittags": 11–12 as written, 1–3 in the early afternoon. */
const NOON = /\b(?:mittags|zu mittag)\b/;
/** Named times of day that are a time by themselves. */
const NAMED: { re: RegExp; value: string }[] = [
  { re: /\b(?:um |gegen |ab |bis )?(?:mitternacht|midnight)\b/g, value: '00:00' },
  { re: /\b(?:(?:zur|um die|in der|gegen die) mittagszeit|(?:gegen|um|ab|bis|heute|morgen|am|zu) mittag(?!s|essen|pause)|(?:at |around )?(?:noon|midday))\b|^\W*mittag\W*$/g, value: '12:00' },
];

type Daypart = 'am' | 'pm' | 'night' | 'noon' | undefined;

function hhmm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Applies the part-of-day and business-hours rule to an hour given in 12-hour style. */
function twelveHour(h: number, m: number, daypart: Daypart): string | undefined {
  if (h < 0 || h > 12 || m < 0 || m > 59) return undefined;
  let hour = h;
  if (daypart === 'night') hour = hour >= 7 ? (hour + 12) % 24 : hour;
  else if (daypart === 'noon') hour = hour <= 3 ? hour + 12 : hour;
  else if (daypart === 'pm' && hour < 12) hour += 12;
  else if (daypart === 'am' && hour === 12) hour = 0;
  else if (daypart === undefined && hour >= 1 && hour <= 6) hour += 12;
  return hhmm(hour % 24, m);
}

const HOUR_WORD = '(\\d{1,2}|[a-z]+)';
/** Nouns that show a number counts something, not minutes or hours. */
const COUNTED = 'personen|person|leute|leuten|kinder|kindern|hunde|hunden|erwachsene|erwachsenen|menschen|stueck|tage|tagen|jahre|jahren|wochen|mal|termine|sachen|fragen|people|persons|dogs|kids|children|days|years';

function hourOf(word: string): number | undefined {
  if (/^eine[rnms]?$/.test(word)) return undefined; // "eine Uhr" is a clock; "ein Uhr" is 1 o'clock
  const n = /^\d{1,2}$/.test(word) ? Number(word) : parseCardinalWord(word);
  return n !== undefined && n >= 0 && n <= 24 ? n : undefined;
}

/** What a pattern read; `end` cuts the evidence short when the pattern matched a trailing word it did not use. */
type TimeReading = { value?: string; options?: string[]; invalid?: string; end?: number };
type Reader = (m: RegExpExecArray, daypart: Daypart) => TimeReading | undefined;

function literal(h: number, min: number): { value: string } | { invalid: string } {
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return { invalid: 'invalid_time' };
  return { value: hhmm(h % 24, min) };
}

const PATTERNS: { re: RegExp; read: Reader }[] = [
  { // zwischen 14 und 15 Uhr, 14-15 Uhr, 9 oder 10 Uhr: two times offered, so ambiguous
    re: /(?<![\d.,:])\b(\d{1,2})\s?(?:-|bis|und|oder|or|to|and)\s?(\d{1,2})\s?(?:uhr|h)(?![a-z])/g,
    read: (m, daypart) => {
      const readings = [m[1], m[2]].map((x) => {
        const h = Number(x);
        return h >= 1 && h <= 6 ? { value: twelveHour(h, 0, daypart) } : literal(h, 0);
      });
      const bad = readings.find((r): r is { invalid: string } => 'invalid' in r);
      if (bad) return { invalid: bad.invalid };
      const values = readings.map((r) => ('value' in r ? r.value : undefined)).filter((v): v is string => v !== undefined);
      return { options: [...new Set(values)] };
    },
  },
  { // 14:30, 14:30 Uhr (not a part of 12:30:45 or a ratio inside a longer number)
    re: /(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])(?:\s?(am|pm|a\.m\.|p\.m\.)(?![a-z]))?(?:\s?uhr)?/g,
    read: (m) => m[3] ? { value: twelveHour(Number(m[1]), Number(m[2]), m[3].startsWith('a') ? 'am' : 'pm') } : { ...literal(Number(m[1]), Number(m[2])) },
  },
  { // 9.15 Uhr, 9.15h
    re: /(?<![\d.,])(\d{1,2})\.(\d{2})\s?(?:uhr|h)(?![a-z])/g,
    read: (m) => ({ ...literal(Number(m[1]), Number(m[2])) }),
  },
  { // 14 Uhr, 14 Uhr 30, 3 Uhr, drei Uhr
    // Not minutes: a count of something after it ("10 Uhr zwei Personen", "8 Uhr drei Leute").
    re: new RegExp(`(?<![\\d.,:])\\b${HOUR_WORD}\\s?(?:uhr|h)(?![a-z])(?:\\s(\\d{2}|[a-z]+)(?![\\d.:a-z]|\\s?(?:euro|€|minuten|min|${COUNTED})\\b))?`, 'g'),
    read: (m, daypart) => {
      const h = hourOf(m[1]);
      if (h === undefined) return undefined;
      // "vierzehn Uhr dreißig", but not "14 Uhr eine Frage"
      const minWord = m[2] === undefined ? 0 : /^\d+$/.test(m[2]) ? Number(m[2]) : /^ein/.test(m[2]) ? undefined : parseCardinalWord(m[2]);
      const min = minWord ?? 0;
      const end = minWord === undefined ? m.index + m[0].length - m[2].length - 1 : undefined;
      // "8 Uhr abends" is 20:00; without a part of the day only 1–6 move to the afternoon.
      const reading = (h >= 1 && h <= 6) || (daypart !== undefined && h >= 1 && h <= 12) ? { value: twelveHour(h, min, daypart) } : literal(h, min);
      return { end, ...reading };
    },
  },
  { // 2 pm, 11am
    re: /(?<![\d.,:])\b(\d{1,2})\s?(am|pm|a\.m\.|p\.m\.)(?![a-z])/g,
    read: (m) => ({ value: twelveHour(Number(m[1]), 0, m[2].startsWith('a') ? 'am' : 'pm') }),
  },
  { // halb drei, viertel nach drei, viertel vor drei, dreiviertel drei, viertel drei, zehn nach halb drei
    re: /\b(?:(\d{1,2}|[a-z]+) (nach|vor) )?(halb|viertel nach|viertel vor|dreiviertel|viertel) ([a-z]+|\d{1,2})\b/g,
    read: (m, daypart) => {
      const h = hourOf(m[4]);
      if (h === undefined || h < 1 || h > 12) return undefined;
      const offsets: Record<string, number> = { halb: -30, 'viertel nach': 15, 'viertel vor': -15, dreiviertel: -15, viertel: -45 };
      if (m[3] === 'viertel' && m[1] === undefined) {
        // "viertel sechs" is 5:15 in the east and south, read as 6:15 elsewhere: ask.
        const early = twelveHour(h - 1 || 12, 15, daypart);
        const late = twelveHour(h, 15, daypart);
        return { options: [early, late].filter((v): v is string => v !== undefined) };
      }
      let minutes = h * 60 + offsets[m[3]];
      if (m[1] !== undefined) {
        const n = hourOf(m[1]);
        if (n === undefined || n > 29 || m[3] !== 'halb') return undefined;
        minutes += m[2] === 'nach' ? n : -n;
      }
      const hour12 = Math.floor(((minutes % 720) + 720) % 720 / 60) || 12;
      return { value: twelveHour(hour12, ((minutes % 60) + 60) % 60, daypart) };
    },
  },
  { // half past two, quarter past three, quarter to four (12-hour, the business-hours rule as for "halb drei")
    re: /\b(half past|quarter past|quarter to) (\d{1,2}|[a-z]+)\b/g,
    read: (m, daypart) => {
      const h = hourOf(m[2]);
      if (h === undefined || h < 1 || h > 12) return undefined;
      if (m[1] === 'quarter to') return { value: twelveHour(h - 1 || 12, 45, daypart) };
      return { value: twelveHour(h, m[1] === 'half past' ? 30 : 15, daypart) };
    },
  },
  { // um 16.30, gegen 9.15: after "um" a dotted time needs no "Uhr"
    re: /\b(?:um|gegen|ab|so um|at|around) (\d{1,2})\.(\d{2})(?![\d.])/g,
    read: (m) => ({ ...literal(Number(m[1]), Number(m[2])) }),
  },
  { // zehn nach drei, fünf vor vier (minutes before/after a full hour, spoken)
    re: /\b(\d{1,2}|[a-z]+) (nach|vor) (?!halb)([a-z]+|\d{1,2})\b(?: ?uhr\b)?/g,
    read: (m, daypart) => {
      const n = hourOf(m[1]);
      const h = hourOf(m[3]);
      if (n === undefined || h === undefined || n < 1 || n > 29 || h < 1 || h > 12) return undefined;
      const minutes = h * 60 + (m[2] === 'nach' ? n : -n);
      const hour12 = Math.floor(minutes / 60) || 12;
      return { value: twelveHour(hour12, minutes % 60, daypart) };
    },
  },
  { // um drei, um 15, gegen halb (handled above); bare hour after "um" at the end of a phrase
    re: /\b(?:um|gegen|at|so um|ab|bis|around|about|at about|at around) (\d{1,2}|[a-z]+)(?! ?(?:euro|eur\b|€|prozent|%|jahre?n?\b|tage?n?\b|wochen?\b|monate?n?\b|hunde?n?\b|stueck|minuten|min\b|cm\b|kg\b|meter|personen|leute|mal\b|uhr\b|h\b|pm\b|a\.m|p\.m|[.:,]\d|\d))(?= ?(?:$|[,.!?;]|[a-z]))/g,
    read: (m, daypart) => {
      const h = hourOf(m[1]);
      if (h === undefined) return undefined;
      if (h >= 13) return { ...literal(h, 0) };
      if (h === 0) return undefined;
      return { value: twelveHour(h, 0, daypart) };
    },
  },
];

function toSource(folded: Folded, text: string, start: number, end: number): { start: number; end: number } {
  const s = folded.map[start] ?? text.length;
  return { start: s, end: end > start ? (folded.map[end - 1] ?? s) + 1 : s };
}

/** Time readings in an already normalised message, positioned in that message. */
export function findTimeCandidates(source: string): Candidate<string>[] {
  if (!source) return [];
  const folded = foldWithMap(source);
  const f = folded.text;
  const parts = [AM.test(f) && 'am', PM.test(f) && 'pm', NIGHT.test(f) && 'night', NOON.test(f) && 'noon'].filter((p): p is 'am' | 'pm' | 'night' | 'noon' => typeof p === 'string');
  const daypart: Daypart = parts.length === 1 ? parts[0] : undefined;
  const cands: Candidate<string>[] = [];
  for (const { re, value } of NAMED) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) cands.push({ value, ...toSource(folded, source, m.index, m.index + m[0].length) });
  }
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) {
      const c = read(m, daypart);
      if (!c || (c.value === undefined && c.invalid === undefined && !c.options?.length)) continue;
      const span = toSource(folded, source, m.index, c.end ?? m.index + m[0].length);
      cands.push({ value: c.value, options: c.options, invalid: c.invalid, ...span });
    }
  }
  return dropOverlaps(cands);
}

/**
 * A bound of a range is no time to book: "vor 10 Uhr", "bis 12", "nach 16 Uhr", "after 3 pm"
 * ("ab 10", what the question asks for, and "nicht vor 10" are a time from which).
 */
const RANGE_BEFORE = /(?:^|[^a-z])(?:(?<!nicht )vor|bis|(?<!nicht )nach|spaetestens|before|until|till|by|after|not after|later than|earlier than|frueher als|spaeter als)\s*$/;

function boundOfRange(source: string, c: Candidate<string>): boolean {
  const before = foldWithMap(source.slice(Math.max(0, c.start - 24), c.start)).text;
  // The "um/bis …" pattern starts its match with the word: "bis 12" is the end of a range.
  const own = foldWithMap(source.slice(c.start, c.end)).text;
  return RANGE_BEFORE.test(before) || /^(?:bis|vor|nach|before|until|till|by|after)\s/.test(own);
}

/** "um acht oder neun", "um 9 oder 10": a second hour offered after "oder" makes the time a question. */
const OR_HOUR = /^\s*(?:oder|or|bzw\.?|beziehungsweise)\s+((?:doch |lieber |eher |besser |rather )*)(?:(?:um|gegen|at)\s+)?(\d{1,2}|[a-z]+)(?:\s*uhr)?(?![\d.:])/;

function withAlternative(source: string, c: Candidate<string>): Candidate<string> {
  const m = OR_HOUR.exec(foldWithMap(source.slice(c.end, c.end + 30)).text);
  const h = m ? hourOf(m[2]) : undefined;
  if (!m || h === undefined || h < 1 || h > 23 || c.value === undefined) return c;
  const other = h <= 12 ? twelveHour(h, 0, undefined) : hhmm(h, 0);
  if (!other || other === c.value) return c;
  // "um 9 oder lieber 10": the citizen takes the first back.
  if (m[1].trim()) return { ...c, value: other };
  return { ...c, value: undefined, options: [c.value, other] };
}

/** A whole message "16.30" (or "um 16.30") that cannot be a day and month is a time. */
const DOTTED_ALONE = /^\s*(\d{1,2})\.(\d{2})\s*$/;

/** Extracts one time of day ('HH:MM') from a message. */
export function extractTime(text: string, _ctx?: ExtractContext): Extraction<string> {
  const source = normalizeText(text);
  const dotted = DOTTED_ALONE.exec(source);
  if (dotted && (Number(dotted[2]) > 12 || Number(dotted[1]) > 31)) {
    const t = literal(Number(dotted[1]), Number(dotted[2]));
    return 'value' in t ? { kind: 'value', value: t.value, evidence: source.trim() } : { kind: 'invalid', reason: t.invalid, evidence: source.trim() };
  }
  const found = findTimeCandidates(source);
  const kept = found.filter((c) => !boundOfRange(source, c)).map((c) => withAlternative(source, c));
  if (kept.length === 0) return { kind: 'none' };
  return combine(source, reviseCandidates(source, kept));
}

/**
 * A message that is only an hour ("15", "neun", "elf Uhr" is read by extractTime): the answer
 * to a question for a time, never read from any other message. Hours 1–6 are afternoon hours
 * (the business-hours rule); 0 and anything above 23 is no hour.
 */
export function bareHour(text: string): Extraction<string> {
  const source = normalizeText(text);
  const word = foldWithMap(source).text.replace(/[.!]+$/, '').trim();
  if (!/^(?:\d{1,2}|[a-z]+)$/.test(word)) return { kind: 'none' };
  const h = hourOf(word);
  if (h === undefined || h < 1 || h > 23) return { kind: 'none' };
  const value = h <= 12 ? twelveHour(h, 0, undefined) : hhmm(h, 0);
  return value ? { kind: 'value', value, evidence: source.trim() } : { kind: 'none' };
}
