/**
 * Enum extractor: matches the labels and synonyms of the allowed values, as whole words or whole
 * phrases (up to two other words may stand between a phrase's words, for German separable
 * verbs like "läuft bald ab"), case-insensitive and umlaut-folded (ä→ae), with German/English plural endings and
 * small typos (Damerau-Levenshtein ≤ 1 for words of ≥ 5 letters, ≤ 2 for ≥ 9). A phrase
 * inside a longer matched phrase of another value does not count ("Staffordshire Bullterrier"
 * is not also "Bullterrier"); a negated mention ("kein Rottweiler") does not count.
 */
import type { z } from 'zod';
import type { EnumValue } from '../definition/schema';
import { foldWithMap, normalizeText, tokenize, type Token } from './normalize';
import { combine, type Candidate } from './result';
import { reviseCandidates } from './revision';
import type { ExtractContext, Extraction } from './types';

type EnumValues = Record<string, z.infer<typeof EnumValue>>;

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function damerauLevenshtein(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
    }
  }
  return rows[a.length][b.length];
}

const PLURAL_ENDINGS = ['e', 'n', 'en', 's', 'er', 'es', 'nen', 'ern'];

function exactOrPlural(said: string, wanted: string): boolean {
  if (said === wanted) return true;
  if (/^\d+$/.test(wanted) || /^\d+$/.test(said)) return false;
  if (said.startsWith(wanted) && PLURAL_ENDINGS.includes(said.slice(wanted.length))) return true;
  return wanted.startsWith(said) && PLURAL_ENDINGS.includes(wanted.slice(said.length)) && said.length >= 4;
}

/**
 * Does a word of the message stand for a word of a phrase? `fuzzy: false` for words that some
 * value names exactly: "Ummeldung" must not count as a typo of "Anmeldung".
 */
export function wordMatches(said: string, wanted: string, fuzzy = true): boolean {
  if (exactOrPlural(said, wanted)) return true;
  if (!fuzzy || /^\d+$/.test(wanted) || /^\d+$/.test(said)) return false;
  const tolerance = wanted.length >= 9 ? 2 : wanted.length >= 5 ? 1 : 0;
  return tolerance > 0 && damerauLevenshtein(said, wanted, tolerance) <= tolerance;
}

function labelTexts(label: unknown, locale: string): string[] {
  if (typeof label === 'string') return [label];
  if (label && typeof label === 'object') {
    const l = label as Record<string, string | undefined>;
    return [l.de, l[locale]].filter((x): x is string => typeof x === 'string');
  }
  return [];
}

/** All phrases (as folded word lists) that name a value. */
function phrasesOf(id: string, value: z.infer<typeof EnumValue>, locale: string): string[][] {
  const words = value.synonyms as Record<string, string[] | undefined> | undefined;
  const texts = [
    ...labelTexts(value.label, locale),
    ...(words?.de ?? []),
    ...(locale !== 'de' ? words?.[locale] ?? [] : []),
    id.replace(/_/g, ' '),
  ];
  const out: string[][] = [];
  for (const t of texts) {
    const ws = tokenize(foldWithMap(normalizeText(t)).text, true).map((x) => x.word);
    if (ws.length > 0 && !out.some((o) => o.join(' ') === ws.join(' '))) out.push(ws);
  }
  return out;
}

const NEGATORS = new Set(['kein', 'keine', 'keinen', 'keiner', 'nicht', 'not', 'no', 'kein', 'ohne', 'without', 'не', 'ні', 'нет', 'без', 'nie', 'bez', 'لا', 'ليس', 'بدون']);

interface Hit { id: string; from: number; to: number } // token indices, `to` exclusive

/** Words a phrase may have between its own words ("läuft bald ab" for "läuft ab"). */
const MAX_GAP = 2;

function findHits(tokens: Token[], id: string, phrases: string[][], known: boolean[]): Hit[] {
  const hits: Hit[] = [];
  for (const p of phrases) {
    for (let i = 0; i < tokens.length; i++) {
      if (!wordMatches(tokens[i].word, p[0], !known[i])) continue;
      let pos = i;
      let ok = true;
      for (let k = 1; k < p.length && ok; k++) {
        ok = false;
        for (let j = pos + 1; j <= pos + 1 + MAX_GAP && j < tokens.length; j++) {
          if (wordMatches(tokens[j].word, p[k], !known[j])) { pos = j; ok = true; break; }
        }
      }
      if (ok) hits.push({ id, from: i, to: pos + 1 });
    }
  }
  return hits;
}

/** Extracts one enum value id from a message. Two different values named → ambiguous. */
export function extractEnum(text: string, values: EnumValues | undefined, ctx: ExtractContext): Extraction<string> {
  const found = enumCandidates(text, values, ctx);
  // "Buer, nee warte, lieber Erle": the citizen's own correction decides.
  return found ? combine(found.source, reviseCandidates(found.source, found.cands)) : { kind: 'none' };
}

/** Words that choose every value of a list-valued slot ("beides" only when there are two). */
const ALL_WORDS = new Set(['alle', 'alles', 'all', 'both', 'beide', 'beides', 'beiden']);

/**
 * Extracts several enum values for a `many: true` slot: every value named ("Perso und Reisepass",
 * "Reisepass, Perso"), or all of them for "beides"/"both" (two values) and "alle"/"all". The
 * value is the list of ids in the order the definition declares them.
 */
export function extractEnumList(text: string, values: EnumValues | undefined, ctx: ExtractContext): Extraction<string[]> {
  if (!values) return { kind: 'none' };
  const ids = Object.keys(values);
  const source = normalizeText(text);
  const words = tokenize(foldWithMap(source).text).map((t) => t.word);
  const all = words.find((w) => ALL_WORDS.has(w));
  const found = enumCandidates(text, values, ctx);
  const named = new Set((found?.cands ?? []).map((c) => c.value as string));
  if (all && (ids.length === 2 || !/^beid/.test(all) && all !== 'both')) {
    if (named.size === 0 || named.size === ids.length) return { kind: 'value', value: ids, evidence: all };
  }
  if (!found || named.size === 0) return { kind: 'none' };
  const start = Math.min(...found.cands.map((c) => c.start));
  const end = Math.max(...found.cands.map((c) => c.end));
  return { kind: 'value', value: ids.filter((id) => named.has(id)), evidence: found.source.slice(start, end) };
}

function enumCandidates(text: string, values: EnumValues | undefined, ctx: ExtractContext): { source: string; cands: Candidate<string>[] } | null {
  const source = normalizeText(text);
  if (!source || !values) return null;
  const folded = foldWithMap(source);
  // Any script: a value's Ukrainian, Russian or Arabic synonyms are found inside a sentence too.
  const tokens = tokenize(folded.text, true);
  const phrases = Object.entries(values).map(([id, value]) => ({ id, phrases: phrasesOf(id, value, ctx.locale) }));
  const vocabulary = phrases.flatMap((p) => p.phrases.flat());
  const known = tokens.map((t) => vocabulary.some((w) => exactOrPlural(t.word, w)));
  let hits: Hit[] = [];
  for (const p of phrases) hits.push(...findHits(tokens, p.id, p.phrases, known));
  // A hit strictly inside a longer hit of another value is part of that value's name.
  hits = hits.filter((h) => !hits.some((o) => o.id !== h.id && o.from <= h.from && o.to >= h.to && o.to - o.from > h.to - h.from));
  // "kein Rottweiler", "nicht Abholung" exclude that value.
  hits = hits.filter((h) => !NEGATORS.has(tokens[h.from - 1]?.word ?? '') && !NEGATORS.has(tokens[h.from - 2]?.word ?? '_'));
  const cands: Candidate<string>[] = hits.map((h) => ({
    start: folded.map[tokens[h.from].start],
    end: folded.map[tokens[h.to - 1].end - 1] + 1,
    value: h.id,
  }));
  return { source, cands };
}
