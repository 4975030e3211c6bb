/**
 * Dates relative to the reference date: heute, morgen, übermorgen, gestern, and weekday names
 * with their modifiers. Rules (all relative to `ctx.today`, never to a clock):
 * - "Freitag", "am Freitag": the next Friday after today; on a Friday itself this is ambiguous
 *   (today or in a week), so both are offered.
 * - "diesen Freitag", "this Friday": the coming Friday, today included.
 * - "kommenden Freitag", "coming Friday": the next Friday after today.
 * - "nächsten Freitag", "next Friday": the next Friday after today when it falls in next
 *   calendar week; when it still falls in the current week the phrase is used both ways in
 *   German and English, so that Friday and the one a week later are offered.
 * - "übernächsten Freitag": the readings of "nächsten Freitag", one week later.
 * - "Freitag nächste Woche", "nächste Woche Freitag", "next week Friday": Friday of next calendar week.
 * - "letzten Freitag", "vergangenen Freitag", "last Friday": the latest Friday before today.
 */
import { dayNumberToIso, isoToDayNumber, isoWeekday } from './calendar';
import { WEEKDAYS, WEEKDAY_PATTERN } from './date-words';
import type { Candidate } from './result';

const RELATIVE: { re: RegExp; offset: number }[] = [
  { re: /\b(?:uebermorgen|day after tomorrow)\b/g, offset: 2 },
  { re: /\bvorgestern\b|\bday before yesterday\b/g, offset: -2 },
  { re: /\b(?:heute|today)\b/g, offset: 0 },
  // "Guten Morgen", "am Morgen", "heute Morgen" name a time of day, not tomorrow.
  { re: /(?<!\b(?:guten|am|jeden|den|diesen|heute|gestern|vom|bis|zum|vormittag|morgen|one|good|this) )\b(?:morgen|tomorrow)\b(?!s)/g, offset: 1 },
  { re: /\b(?:gestern|yesterday)\b/g, offset: -1 },
];

const WEEKDAY_RE = new RegExp(
  `\\b(?:(uebernaechste[nrs]?|naechste[nrs]?|kommende[nrs]?|diese[nrs]?|letzte[nrs]?|vergangene[nrs]?|next|this|coming|last)\\s)?(?:am\\s)?(${WEEKDAY_PATTERN})(?![a-z])`,
  'g',
);
const NEXT_WEEK_RE = /\b(?:(?:naechste|kommende)[nr]?\s+woche|next week)\b/;

function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** Readings (ISO dates) of a weekday phrase. */
function weekdayReadings(modifier: string | undefined, target: number, today: number, nextWeek: boolean): string[] {
  const todayWd = isoWeekday(today);
  const ahead = (target - todayWd + 7) % 7; // 0 … 6
  const strictNext = today + (ahead === 0 ? 7 : ahead);
  const mod = modifier ?? '';
  let days: number[];
  if (nextWeek && !/^(letzte|vergangene|last|uebernaechste)/.test(mod)) {
    days = [mondayOf(today) + 7 + (target - 1)];
  } else if (/^(diese|this)/.test(mod)) {
    days = [today + ahead];
  } else if (/^(kommende|coming)/.test(mod)) {
    days = [strictNext];
  } else if (/^(naechste|next|uebernaechste)/.test(mod)) {
    days = mondayOf(strictNext) === mondayOf(today) ? [strictNext, strictNext + 7] : [strictNext];
    if (mod.startsWith('uebernaechste')) days = days.map((d) => d + 7);
  } else if (/^(letzte|vergangene|last)/.test(mod)) {
    days = [today - (((todayWd - target + 7) % 7) || 7)];
  } else {
    days = ahead === 0 ? [today, today + 7] : [strictNext];
  }
  return days.map(dayNumberToIso);
}

/** Candidates for heute/morgen/… and weekday phrases in a folded text. */
export function relativeDateCandidates(folded: string, today: string): (Candidate<string> & { weekday?: number })[] {
  const todayNum = isoToDayNumber(today);
  if (todayNum === undefined) return [];
  const out: (Candidate<string> & { weekday?: number })[] = [];
  for (const { re, offset } of RELATIVE) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      out.push({ start: m.index, end: m.index + m[0].length, value: dayNumberToIso(todayNum + offset) });
    }
  }
  const nextWeek = NEXT_WEEK_RE.test(folded);
  WEEKDAY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WEEKDAY_RE.exec(folded)) !== null) {
    const target = WEEKDAYS[m[2]];
    const readings = weekdayReadings(m[1], target, todayNum, nextWeek);
    const cand = readings.length === 1 ? { value: readings[0] } : { options: readings };
    out.push({ start: m.index, end: m.index + m[0].length, weekday: target, ...cand });
  }
  return out;
}
