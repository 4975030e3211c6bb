/**
 * Date phrases citizens use besides written dates, all against `ctx.today` (never a clock):
 * - day only: "am 15.", "seit dem 1.", "ab dem 3ten", "am fünfzehnten" → the occurrence in the
 *   previous, current or next month nearest to today; when two are about as near, the words
 *   around decide (past: "seit", "vor", "gestorben", "geholt" …; future: "ab", "bis", "nächste",
 *   "passt" …), otherwise both are offered;
 * - spans: "in drei Wochen", "in 14 Tagen", "vor zwei Wochen", "in einem Monat";
 * - weeks: "übernächste Woche Freitag", "letzte Woche Samstag", "in zwei Wochen am Mittwoch";
 * - months alone: "nächsten Monat", "im Dezember" → a question (the first day is offered), never a value;
 * - NRW holidays and named days by name (Ostern, Karfreitag, Pfingstmontag, Fronleichnam,
 *   Allerheiligen, Tag der Deutschen Einheit, Heiligabend, Silvester, Weihnachten …): the next
 *   occurrence, or the last one with a past cue; "Ostern"/"Weihnachten" name several days (ask).
 *   "vor/nach/um Weihnachten" is no date.
 */
import { dayNumberToIso, daysInMonth, isoToDayNumber, isoWeekday, parseIsoDate, toDayNumber } from './calendar';
import { MONTHS, WEEKDAYS, WEEKDAY_PATTERN } from './date-words';
import { parseCardinalWord, parseOrdinalWord } from './number-words';
import type { Candidate } from './result';

type Tense = 'past' | 'future' | undefined;

const PAST_CUE = /\b(?:seit|seitdem|vor|gestorben|verstorben|geholt|gekauft|bekommen|gezogen|umgezogen|eingezogen|war|waren|hatte|hatten|letzte[nrsm]?|vergangene[nrsm]?|vorige[nrsm]?|since|ago|last|died|got)\b/;
const FUTURE_CUE = /\b(?:ab|bis|zum|naechste[nrsm]?|kommende[nrsm]?|uebernaechste[nrsm]?|passt|passen|moechte|moechten|wuerde|haette|gern|gerne|termin|beginnt|anfangen|faengt|fange|starte|startet|ziehe|ziehen|werde|wird|from|until|next|coming|starts?|will)\b/;

/** The tense the words of a message suggest, or undefined when they say both or nothing. */
export function tenseOf(folded: string): Tense {
  const past = PAST_CUE.test(folded);
  const future = FUTURE_CUE.test(folded);
  if (past && !future) return 'past';
  if (future && !past) return 'future';
  return undefined;
}

type DateCand = Candidate<string>;

/** Picks among readings by tense: past → the latest on or before today, future → the earliest on or after. */
function byTense(options: number[], today: number, tense: Tense): number[] {
  if (tense === 'past') {
    const past = options.filter((d) => d <= today);
    return past.length > 0 ? [Math.max(...past)] : options;
  }
  if (tense === 'future') {
    const future = options.filter((d) => d >= today);
    return future.length > 0 ? [Math.min(...future)] : options;
  }
  return options;
}

function cand(start: number, end: number, days: number[]): DateCand {
  const iso = [...new Set(days)].sort((a, b) => a - b).map(dayNumberToIso);
  return iso.length === 1 ? { start, end, value: iso[0] } : { start, end, options: iso };
}

/** Days this close to today are taken without asking (unless another reading is as close). */
const CLEAR_MARGIN = 7;

/** A day of the month alone: with a tense the reading it names, else the nearest unless another is as near. */
function dayOnly(d: number, today: number, tense: Tense): number[] {
  const t = parseIsoDate(dayNumberToIso(today));
  if (!t) return [];
  const occ: number[] = [];
  for (const delta of [-1, 0, 1]) {
    let y = t.y;
    let m = t.m + delta;
    if (m < 1) { m = 12; y -= 1; }
    if (m > 12) { m = 1; y += 1; }
    if (d <= daysInMonth(y, m)) occ.push(toDayNumber(y, m, d));
  }
  if (occ.includes(today)) return [today];
  const sorted = [...occ].sort((a, b) => Math.abs(a - today) - Math.abs(b - today)).slice(0, 2);
  if (sorted.length === 0) return [];
  if (tense !== undefined) return byTense(sorted, today, tense);
  if (sorted.length === 1 || Math.abs(sorted[1] - today) - Math.abs(sorted[0] - today) > CLEAR_MARGIN) return [sorted[0]];
  return sorted;
}

const DAY_ONLY_RE = /\b(?:am|den|dem|vom|zum|ab|bis|seit|on the|the)\s(?:dem\s|den\s|zum\s)?(\d{1,2})(?:\.|ten|ter|te|st|nd|rd|th)(?!\s?\d|\d|[.,]\d|\s?(?:uhr|h\b|euro|eur\b|€|%|jahre|hund|kind|mal\b|stock|klasse|lebensjahr|geburtstag|minute|platz|versuch|tag\b|termin))(?!\s?(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mar|apr|jun|jul|aug|sep|okt|oct|nov|dez|dec)\b)/g;
const DAY_WORD_RE = /\b(?:am|den|dem|vom|zum|ab|bis|seit)\s(?:dem\s|den\s|zum\s)?([a-z]+(?:ten|sten))\b(?!\s(?:mal|tag|termin|arbeitstag|schultag|woche|monat|januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember))/g;
const BARE_DAY_RE = /^(?:am\s|den\s)?(\d{1,2})\.$/;

function dayOnlyCandidates(f: string, today: number, tense: Tense): DateCand[] {
  const out: DateCand[] = [];
  const push = (d: number | undefined, start: number, end: number) => {
    if (d === undefined || d < 1 || d > 31) return;
    const days = dayOnly(d, today, tense);
    if (days.length > 0) out.push(cand(start, end, days));
  };
  for (const re of [DAY_ONLY_RE, DAY_WORD_RE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) {
      const raw = m[1];
      push(/^\d/.test(raw) ? Number(raw) : parseOrdinalWord(raw), m.index, m.index + m[0].length);
    }
  }
  const bare = BARE_DAY_RE.exec(f);
  if (bare) push(Number(bare[1]), 0, f.length);
  return out;
}

const COUNT = '(\\d{1,2}|[a-z]+)';
const SPAN_RE = new RegExp(`\\b(in|vor|nach|binnen|within)\\s(?:(?:genau|ca\\.?|etwa|ungefaehr)\\s)?${COUNT}\\s(tag|tagen|tage|woche|wochen|monat|monaten|jahr|jahren|day|days|week|weeks|month|months)\\b(?!\\s(?:am|on)\\s(?:${WEEKDAY_PATTERN}))`, 'g');

function countOf(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  if (/^(?:einer|einem|einen|ein|eine|a|an|one)$/.test(word)) return 1;
  if (word === 'paar') return undefined;
  return parseCardinalWord(word);
}

function addMonths(day: number, months: number): number | undefined {
  const t = parseIsoDate(dayNumberToIso(day));
  if (!t) return undefined;
  const total = t.y * 12 + (t.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  // "in einem Monat" on 31 January: the last day of February, not 3 March.
  return toDayNumber(y, m, Math.min(t.d, daysInMonth(y, m)));
}

function spanCandidates(f: string, today: number): DateCand[] {
  const out: DateCand[] = [];
  SPAN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPAN_RE.exec(f)) !== null) {
    const n = countOf(m[2]);
    if (n === undefined || n > 60) continue;
    const sign = m[1] === 'vor' ? -1 : 1;
    // "nach drei Wochen" is a duration, not a day: no date.
    if (m[1] === 'nach') continue;
    const unit = m[3];
    let day: number | undefined;
    if (/^(tag|day)/.test(unit)) day = today + sign * n;
    else if (/^(woche|week)/.test(unit)) day = today + sign * 7 * n;
    else if (/^(monat|month)/.test(unit)) day = addMonths(today, sign * n);
    else day = addMonths(today, sign * 12 * n);
    if (day !== undefined) out.push(cand(m.index, m.index + m[0].length, [day]));
  }
  return out;
}

function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

const WEEK_WORD = `(?:(uebernaechste|naechste|kommende|letzte|vorige|vergangene|diese)[nrs]?\\swoche|in\\s${COUNT}\\swochen|(next|last|this)\\sweek|the\\sweek\\safter\\snext|in\\s${COUNT}\\sweeks)`;
const WEEK_THEN_DAY = new RegExp(`\\b${WEEK_WORD}\\s(?:am\\s|on\\s)?(${WEEKDAY_PATTERN})(?![a-z])`, 'g');
const DAY_THEN_WEEK = new RegExp(`\\b(?:am\\s|on\\s)?(${WEEKDAY_PATTERN})(?![a-z]),?\\s${WEEK_WORD}`, 'g');

/** Weeks from the current calendar week a week phrase names, or undefined. */
function weekOffset(mod: string | undefined, count: string | undefined, en: string | undefined, count2: string | undefined, whole: string): number | undefined {
  if (/week after next/.test(whole)) return 2;
  if (mod) return ({ uebernaechste: 2, naechste: 1, kommende: 1, letzte: -1, vorige: -1, vergangene: -1, diese: 0 } as Record<string, number>)[mod];
  if (en) return ({ next: 1, last: -1, this: 0 } as Record<string, number>)[en];
  const n = countOf(count ?? count2 ?? '');
  return n !== undefined && n <= 52 ? n : undefined;
}

function weekCandidates(f: string, today: number): DateCand[] {
  const out: DateCand[] = [];
  for (const [re, dayFirst] of [[WEEK_THEN_DAY, false], [DAY_THEN_WEEK, true]] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) {
      const g = dayFirst ? [m[2], m[3], m[4], m[5]] : [m[1], m[2], m[3], m[4]];
      const weekday = WEEKDAYS[dayFirst ? m[1] : m[5]];
      const offset = weekOffset(g[0], g[1], g[2], g[3], m[0]);
      if (offset === undefined || weekday === undefined) continue;
      out.push(cand(m.index, m.index + m[0].length, [mondayOf(today) + 7 * offset + weekday - 1]));
    }
  }
  return out;
}

const MONTH_NAMES = Object.keys(MONTHS).filter((k) => k.length > 3 || k === 'mai' || k === 'may').sort((a, b) => b.length - a.length).join('|');
const MONTH_ONLY_RE = new RegExp(`\\b(?:(naechste[nrs]?|kommende[nrs]?|uebernaechste[nrs]?|diese[nrs]?|next|this)\\s(monat|monats|month)|(?:im|in|ab|anfang|mitte|ende|ab anfang|ab mitte|ab ende|seit|bis|from|since)\\s(${MONTH_NAMES}))(?![a-z])`, 'g');

function monthOnlyCandidates(f: string, today: number): DateCand[] {
  const t = parseIsoDate(dayNumberToIso(today));
  if (!t) return [];
  const out: DateCand[] = [];
  MONTH_ONLY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_ONLY_RE.exec(f)) !== null) {
    let y = t.y;
    let month: number;
    if (m[2]) {
      const ahead = /^(?:uebernaechste)/.test(m[1]) ? 2 : /^(?:diese|this)/.test(m[1]) ? 0 : 1;
      month = t.m + ahead;
      if (month > 12) { month -= 12; y += 1; }
    } else {
      month = MONTHS[m[3]];
      if (month < t.m) y += 1;
    }
    // A month is not a day: the citizen is asked for the day, nothing is guessed.
    if (Number.isFinite(toDayNumber(y, month, 1))) out.push({ start: m.index, end: m.index + m[0].length, invalid: 'day_missing' });
  }
  return out;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as a day number. */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toDayNumber(y, month, day);
}

/** Named days: each gives the day numbers it names in year y (several → ask). */
const HOLIDAYS: { re: string; days: (y: number) => number[] }[] = [
  { re: 'neujahr(?:stag)?|new year\'?s day', days: (y) => [toDayNumber(y, 1, 1)] },
  { re: 'rosenmontag', days: (y) => [easterSunday(y) - 48] },
  { re: 'gruendonnerstag', days: (y) => [easterSunday(y) - 3] },
  { re: 'karfreitag|good friday', days: (y) => [easterSunday(y) - 2] },
  { re: 'ostersonntag|easter sunday', days: (y) => [easterSunday(y)] },
  { re: 'ostermontag|easter monday', days: (y) => [easterSunday(y) + 1] },
  { re: 'ostern|easter', days: (y) => [easterSunday(y), easterSunday(y) + 1] },
  { re: 'tag der arbeit|erste[nr]? mai|1\\. mai', days: (y) => [toDayNumber(y, 5, 1)] },
  { re: '(?:christi )?himmelfahrt|vatertag', days: (y) => [easterSunday(y) + 39] },
  { re: 'pfingstsonntag', days: (y) => [easterSunday(y) + 49] },
  { re: 'pfingstmontag', days: (y) => [easterSunday(y) + 50] },
  { re: 'pfingsten', days: (y) => [easterSunday(y) + 49, easterSunday(y) + 50] },
  { re: 'fronleichnam', days: (y) => [easterSunday(y) + 60] },
  { re: 'tag der deutschen einheit', days: (y) => [toDayNumber(y, 10, 3)] },
  { re: 'allerheiligen', days: (y) => [toDayNumber(y, 11, 1)] },
  { re: 'nikolaus(?:tag)?', days: (y) => [toDayNumber(y, 12, 6)] },
  { re: 'heiligabend|heiligen abend|christmas eve', days: (y) => [toDayNumber(y, 12, 24)] },
  { re: '(?:ersten|1\\.) weihnachtstag|christmas day', days: (y) => [toDayNumber(y, 12, 25)] },
  { re: '(?:zweiten|2\\.) weihnachtstag|boxing day', days: (y) => [toDayNumber(y, 12, 26)] },
  { re: 'weihnachten|christmas', days: (y) => [toDayNumber(y, 12, 24), toDayNumber(y, 12, 25), toDayNumber(y, 12, 26)] },
  { re: 'silvester|new year\'?s eve', days: (y) => [toDayNumber(y, 12, 31)] },
];
const HOLIDAY_RE = new RegExp(`(\\b(?:kurz\\s)?(?:vor|nach|um|rund um|zwischen|ueber|before|after|around|over)\\s(?:dem\\s|den\\s)?)?\\b(${HOLIDAYS.map((h) => h.re).join('|')})(?![a-z])(\\s(?:19|20)\\d{2})?`, 'g');

function holidayCandidates(f: string, today: number, tense: Tense): DateCand[] {
  const t = parseIsoDate(dayNumberToIso(today));
  if (!t) return [];
  const out: DateCand[] = [];
  HOLIDAY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOLIDAY_RE.exec(f)) !== null) {
    const name = m[2];
    const spec = HOLIDAYS.find((h) => new RegExp(`^(?:${h.re})$`).test(name));
    if (!spec) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    // "nach Weihnachten" names a stretch of time around the day, not a day.
    if (m[1]) { out.push({ start, end, invalid: 'day_missing' }); continue; }
    let days: number[];
    if (m[3]) days = spec.days(Number(m[3].trim()));
    else {
      const thisYear = spec.days(t.y);
      const pick = tense === 'past'
        ? (thisYear.every((d) => d <= today) ? thisYear : spec.days(t.y - 1))
        : (thisYear.every((d) => d >= today) ? thisYear : spec.days(t.y + 1));
      days = pick;
    }
    out.push(cand(start, end, days));
  }
  return out;
}

/**
 * Phrase candidates of a folded message: `days` name days; `vague` name no single day ("im
 * Dezember", "nach Weihnachten") and count only when nothing else in the message is a date.
 */
export function phraseDateCandidates(f: string, todayIso: string, correcting = false): { days: DateCand[]; vague: DateCand[] } {
  const today = isoToDayNumber(todayIso);
  if (today === undefined) return { days: [], vague: [] };
  const tense = tenseOf(f);
  const holidays = holidayCandidates(f, today, tense);
  return {
    days: [...weekCandidates(f, today), ...spanCandidates(f, today), ...holidays.filter((c) => !c.invalid),
      // When correcting, "den 5." replaces the day of the old value instead (dates.ts).
      ...(correcting ? [] : dayOnlyCandidates(f, today, tense))],
    vague: [...holidays.filter((c) => c.invalid), ...monthOnlyCandidates(f, today)],
  };
}
