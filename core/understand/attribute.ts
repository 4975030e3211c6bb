/**
 * Attribution: which slot each value in a message belongs to. Dates and numbers are found as
 * separate candidates, each with its span and the words around it, and given to a slot by
 * type, units and cue words; the asked (pending) slot takes a value that names no other slot.
 * A span fills at most one slot; a value two slots could take is left open (the citizen is
 * asked), because a wrong value is worse than a question.
 *
 * - Numbers: "2 Jahre (alt)" is an age and goes only to an age slot; "2 Hunde" goes to a count
 *   slot whose cues name dogs, never to an age; "8 Wochen" (an age, but not in years) and
 *   "2 Katzen" go nowhere; a bare number only to the asked slot.
 * - Dates: the words of the clause around a date (up to five before, four after) pick the
 *   slot whose cues they hold ("geboren", "seit", "beginnt"); a death or an expiry ("am 10.
 *   gestorben", "läuft am 3. ab") places it outside every slot; when no date was asked, the
 *   only open date slot takes a date without cues (a birth date only a full date with year).
 */
import type { ServiceDefinition } from '../definition/schema';
import { foldText, normalizeText, parseCardinalWord } from '../extract';
import { reviseCandidates } from '../extract/revision';
import { findDateCandidates } from '../extract/dates';
import { findNumberCandidates } from '../extract/numbers';
import type { Candidate } from '../extract/result';
import type { Extraction } from '../extract/types';
import { FOREIGN_CUES, hasCue, matchesStem, slotCues, stem, words, type SlotCues } from './cues';

export interface Located<T = unknown> extends Candidate<T> {
  evidence: string;
  /** Folded words before and after, inside the clause. */
  before: string[];
  after: string[];
}

export interface Attribution {
  /** Slot → the candidates given to it. */
  bySlot: Map<string, Located[]>;
  /** Candidates of this type that belong to no slot (foreign, unclear, two slots). */
  unassigned: Located[];
}

const CLAUSE_BREAK = /[.;!?]\s|,\s(?:und|aber|der|die|das|den|er|sie|es|ich|wir)\s|\s(?:und|aber|sondern|weil)\s/g;

/** Adds span text and the clause words around each candidate. */
function locate<T>(source: string, cands: Candidate<T>[]): Located<T>[] {
  const breaks: number[] = [];
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(source)) !== null) breaks.push(m.index);
  return cands.map((c) => {
    const from = Math.max(0, ...breaks.filter((b) => b < c.start));
    const toList = breaks.filter((b) => b >= c.end);
    const to = toList.length > 0 ? Math.min(...toList) : source.length;
    const before = words(source.slice(from, c.start)).slice(-5);
    const after = words(source.slice(c.end, to)).slice(0, 4);
    return { ...c, evidence: source.slice(c.start, c.end), before, after };
  });
}

const AGE_UNITS = ['jahre', 'jahr', 'jahren', 'jaehrig', 'jahrig', 'jaehrige', 'jaehrigen', 'jaehriger', 'jaehriges', 'jahrige', 'jahrigen', 'jahriger', 'years', 'year', 'yrs', 'yo'];
const OTHER_TIME_UNITS = ['woche', 'wochen', 'monat', 'monate', 'monaten', 'tag', 'tage', 'tagen', 'weeks', 'week', 'months', 'month', 'days', 'day'];
const NEUTRAL_NOUNS = [
  'stueck', 'insgesamt', 'total', 'all', 'zusammen', 'davon', 'bitte', 'oder', 'und', 'hier', 'im', 'in', 'aus', 'von', 'seit', 'jetzt',
  // Function words: "drei mit dem neuen" names no noun.
  'mit', 'ohne', 'dem', 'den', 'der', 'die', 'das', 'des', 'ein', 'eine', 'einen', 'aber', 'ne', 'nee', 'nein', 'doch', 'noch', 'schon',
  'auch', 'nur', 'etwa', 'circa', 'ungefaehr', 'danke', 'sind', 'ist', 'hab', 'habe', 'haben', 'hat', 'wir', 'ich', 'wenn', 'dann', 'denn',
  'weil', 'glaube', 'glaub', 'vielleicht', 'nicht', 'sorry', 'also', 'bis', 'the', 'and', 'with', 'now', 'please', 'maybe', 'not',
];
/** Nouns that count a part of a household, never its total ("die zwei Kinder" are not the number of persons). */
const PART_NOUNS = ['kind', 'kinder', 'kindern', 'erwachsene', 'erwachsenen', 'erwachsener', 'child', 'children', 'kids', 'kid', 'adults', 'adult', 'baby', 'babys'];
/** Words that join two numbers into alternatives or a range sharing the unit after the second ("2 oder 3 Jahre"). */
const ALTERNATIVE_GAP = /^\s*(?:oder|bis|or|to|-|–|\/|,)\s*$/i;
/** Ages below a year in the units citizens use, converted to whole years ("12 Wochen" alt → 0). */
const SUB_YEAR: Record<string, number> = { woche: 52, wochen: 52, weeks: 52, week: 52, monat: 12, monate: 12, monaten: 12, months: 12, month: 12, tage: 365, tagen: 365, days: 365 };
/** A young animal is 0 years old ("Welpe"; the hundesteuer question says so). */
const YOUNG_WORDS = ['welpe', 'welpen', 'welpchen', 'junghund', 'puppy', 'puppies'];
/** Words before a duration that make it a time since or until, not an age ("seit 12 Wochen"). */
const DURATION_BEFORE = ['seit', 'vor', 'in', 'since', 'ago', 'for', 'fuer', 'nach', 'alle', 'every', 'within', 'innerhalb'];
const MEASURES = ['kg', 'kilo', 'cm', 'meter', 'm', 'euro', 'eur', 'prozent', 'mal', 'uhr', 'minuten', 'stunden', 'km', 'qm'];

/** Words right before a number that make it a number of something else: "Hausnummer 12", "Musterstraße 5", "Zimmer 3". */
const NUMBER_OF = /(?:nummer|nr|str|strasse|weg|allee|platz|ring|gasse|damm|zimmer|etage|stock|seite|aktenzeichen|az|tel|telefon|linie|gleis|bus|raum|wohnung|haus|room|flat|street|road|number|no)$/;
/** "der ist 5", "sie wird 3": a pronoun and "ist" before a number without a unit tell an age. */
const PRONOUN_IS = ['der', 'die', 'er', 'sie', 'es', 'dat', 'et', 'he', 'she', 'it', 'neue', 'neuer', 'kleine', 'kleiner'];

type NumberKind = { kind: 'age' } | { kind: 'foreign' } | { kind: 'noun'; noun: string } | { kind: 'bare' } | { kind: 'young'; years: number };

function numberKind(c: Located, ageAsked: boolean): NumberKind {
  const [a1, a2] = c.after;
  // "seit 3 Jahren", "vor 2 Jahren", "3 Jahre lang", "2 Jahre gewartet": a time span, no age.
  const span = DURATION_BEFORE.includes(c.before[c.before.length - 1] ?? '') || a2 === 'lang' || a2 === 'long' || (a2 !== undefined && a2 !== 'geworden' && /^ge[a-z]{3,}(?:t|en)$/.test(a2));
  if (a1 !== undefined && AGE_UNITS.includes(a1)) return span ? { kind: 'foreign' } : { kind: 'age' };
  // "ein halbes Jahr (alt)" is not yet a year.
  if (c.value === 1 && (a1 === 'halbes' || a1 === 'halbe') && a2 !== undefined && AGE_UNITS.includes(a2)) return { kind: 'young', years: 0 };
  // "12 Wochen (alt)" to an asked age in years is 0; "seit 12 Wochen" is no age.
  const per = a1 === undefined ? undefined : SUB_YEAR[a1];
  if (per !== undefined && typeof c.value === 'number' && (a2 === 'alt' || a2 === 'old' || ageAsked) && !DURATION_BEFORE.includes(c.before[c.before.length - 1] ?? '')) {
    const years = Math.floor(c.value / per);
    return years < 1 ? { kind: 'young', years } : { kind: 'foreign' };
  }
  if (a1 !== undefined && (OTHER_TIME_UNITS.includes(a1) || MEASURES.includes(a1))) return { kind: 'foreign' };
  const last = c.before[c.before.length - 1] ?? '';
  if (c.before.length > 0 && ['alt', 'alter', 'age', 'aged'].includes(last)) return { kind: 'age' };
  if (last && NUMBER_OF.test(last)) return { kind: 'foreign' };
  // "der ist 5 (alt)": "alt" right after marks an age even without "Jahre".
  if (a1 === 'alt' || a1 === 'old') return { kind: 'age' };
  if (a1 !== undefined && !NEUTRAL_NOUNS.includes(a1) && /^[a-z]{3,}$/.test(a1) && parseCardinalWord(a1) === undefined) {
    // An adjective between: "zwei kleine Hunde".
    const noun = a2 !== undefined && /(?:e|en|es)$/.test(a1) && /^[a-z]{3,}$/.test(a2) && !NEUTRAL_NOUNS.includes(a2) ? [a1, a2] : [a1];
    return { kind: 'noun', noun: noun.join(' ') };
  }
  if (['ist', 'is', 'wird', 'turns', 'isch'].includes(last) && PRONOUN_IS.includes(c.before[c.before.length - 2] ?? '')) return { kind: 'age' };
  return { kind: 'bare' };
}

function isNumeric(def: ServiceDefinition, name: string): boolean {
  return ['integer', 'number'].includes(def.slots[name]?.type ?? '');
}

function nounMatches(cues: SlotCues, noun: string): boolean {
  return noun.split(' ').some((w) => cues.stems.some((c) => matchesStem(w, c)));
}

/** Kinds of all candidates; a number joined to the next by "oder"/"bis" shares its unit ("2 oder 3 Jahre"). */
function kindsOf(source: string, cands: Located[], ageAsked: boolean): NumberKind[] {
  const kinds = cands.map((c) => numberKind(c, ageAsked));
  for (let i = cands.length - 2; i >= 0; i--) {
    const next = cands[i + 1];
    if (kinds[i].kind === 'bare' && kinds[i + 1].kind !== 'bare' && ALTERNATIVE_GAP.test(source.slice(cands[i].end, next.start))) kinds[i] = kinds[i + 1];
  }
  return kinds;
}

function isPartNoun(noun: string, cues: SlotCues): boolean {
  return noun.split(' ').some((w) => PART_NOUNS.includes(w) && !cues.subject.some((s) => matchesStem(w, s)));
}

function assignNumbers(def: ServiceDefinition, pending: string, open: string[], cands: Located[], locale: string, out: Attribution, source: string): void {
  const slots = [pending, ...open].filter((n) => isNumeric(def, n));
  const cues = new Map(slots.map((n) => [n, slotCues(def, n, locale)]));
  const ageAsked = cues.get(pending)?.concept === 'age';
  const kinds = kindsOf(source, cands, ageAsked);
  cands.forEach((found, i) => {
    const k = kinds[i];
    let c = found;
    let target: string[] = [];
    if (k.kind === 'age') target = slots.filter((n) => cues.get(n)?.concept === 'age');
    else if (k.kind === 'young') {
      target = slots.filter((n) => cues.get(n)?.concept === 'age');
      c = { ...c, value: k.years };
    } else if (k.kind === 'noun') {
      target = slots.filter((n) => cues.get(n)?.concept !== 'age' && nounMatches(cues.get(n) as SlotCues, k.noun) && !(cues.get(n)?.concept === 'count' && isPartNoun(k.noun, cues.get(n) as SlotCues)));
      // A noun no slot names ("2 Katzen") leaves the number open; a word that is no noun
      // ("zwei bitte") counts as bare for the asked slot.
      if (target.length === 0 && !/^[a-z]+(?:e|en|er|s|n)?$/.test(k.noun)) target = isNumeric(def, pending) ? [pending] : [];
    } else if (k.kind === 'bare') target = isNumeric(def, pending) ? [pending] : [];
    if (target.length === 1) push(out, target[0], c);
    else out.unassigned.push(c);
  });
  // A puppy is 0: to the age slot, when no number went there.
  const young = words(source).find((w) => YOUNG_WORDS.includes(w));
  const ageSlots = slots.filter((n) => cues.get(n)?.concept === 'age');
  if (young && ageSlots.length === 1 && !out.bySlot.has(ageSlots[0])) {
    const at = foldText(source.toLowerCase()).indexOf(young);
    if (at >= 0) push(out, ageSlots[0], { start: at, end: at + young.length, value: 0, evidence: source.slice(at, at + young.length), before: [], after: [] });
  }
  // A cue-matched value wins over a bare one for the same slot ("zwei Hunde, der neue ist 5").
  const kindOf = new Map(cands.map((c, i) => [c.start, kinds[i].kind]));
  for (const [slot, list] of out.bySlot) {
    if (list.length < 2 || !isNumeric(def, slot)) continue;
    const strong = list.filter((c) => (kindOf.get(c.start) ?? 'bare') !== 'bare');
    if (strong.length > 0 && strong.length < list.length) {
      out.bySlot.set(slot, strong);
      out.unassigned.push(...list.filter((c) => !strong.includes(c)));
    }
  }
}

function push(out: Attribution, slot: string, c: Located): void {
  const list = out.bySlot.get(slot) ?? [];
  list.push(c);
  out.bySlot.set(slot, list);
}

const FOREIGN = FOREIGN_CUES.map(stem);

function assignDates(def: ServiceDefinition, pending: string, open: string[], cands: Located[], locale: string, out: Attribution): void {
  const slots = [pending, ...open].filter((n) => def.slots[n]?.type === 'date');
  const cues = new Map(slots.map((n) => [n, slotCues(def, n, locale)]));
  for (const c of cands) {
    const around = [...c.before, ...c.after];
    const named = slots.filter((n) => hasCue(cues.get(n) as SlotCues, around));
    const foreign = around.some((w) => FOREIGN.some((f) => matchesStem(w, f)));
    let target: string[];
    if (named.length > 0) target = foreign ? named.filter((n) => hasCue({ ...(cues.get(n) as SlotCues), stems: (cues.get(n) as SlotCues).stems.filter((s) => FOREIGN.includes(s)) }, around)) : named;
    else if (foreign) target = [];
    else if (def.slots[pending]?.type === 'date') target = [pending];
    else {
      // Nothing asked of this type: the only open date slot may take it; a birth date only
      // from a full written date with its year ("13.05.1990"), never from "am 3." or "morgen".
      const fullDate = /\d{4}|\d{1,2}\.\d{1,2}\.\d{2}(?!\d)/.test(c.evidence);
      const plain = slots.filter((n) => n !== pending && (cues.get(n)?.concept !== 'birth' || fullDate));
      target = slots.length === 1 && plain.length === 1 ? plain : [];
    }
    if (target.length === 1) push(out, target[0], c);
    else if (target.length > 1 && target.includes(pending) && named.length === 0) push(out, pending, c);
    else out.unassigned.push(c);
  }
}

/** Finds date and number candidates in `text` and gives each to at most one slot. */
export function attribute(def: ServiceDefinition, pending: string, open: readonly string[], text: string, ctx: { locale: string; today: string }): Attribution {
  const source = normalizeText(text);
  const out: Attribution = { bySlot: new Map(), unassigned: [] };
  if (!source) return out;
  const others = open.filter((n) => n !== pending && def.slots[n]);
  const wantsDates = [pending, ...others].some((n) => def.slots[n]?.type === 'date');
  const wantsNumbers = [pending, ...others].some((n) => isNumeric(def, n));
  if (wantsDates) assignDates(def, pending, others, locate(source, findDateCandidates(source, { locale: ctx.locale, today: ctx.today })), ctx.locale, out);
  if (wantsNumbers) assignNumbers(def, pending, others, locate(source, findNumberCandidates(source, { locale: ctx.locale, today: ctx.today })), ctx.locale, out, source);
  return out;
}

/** The candidates given to one slot as one extraction (several different values → ambiguous). */
export function asExtraction(source: string, given: Located[] | undefined): Extraction {
  if (!given || given.length === 0) return { kind: 'none' };
  // "zwei, ne, drei": the citizen's own correction decides.
  const list = reviseCandidates(source, given);
  const bad = list.find((c) => c.invalid !== undefined);
  if (bad) return { kind: 'invalid', reason: bad.invalid as string, evidence: bad.evidence };
  const seen = new Map<string, unknown>();
  for (const c of list) for (const v of c.options ?? (c.value !== undefined ? [c.value] : [])) seen.set(JSON.stringify(v), v);
  const options = [...seen.values()];
  const start = Math.min(...list.map((c) => c.start));
  const end = Math.max(...list.map((c) => c.end));
  const evidence = list.length === 1 ? list[0].evidence : source.slice(start, end);
  if (options.length === 0) return { kind: 'none' };
  if (options.length === 1 && !list.some((c) => c.options !== undefined && c.options.length > 1)) return { kind: 'value', value: options[0], evidence };
  return { kind: 'ambiguous', options, evidence };
}
