/**
 * Yes/no extractor. Only clear answers count:
 * - signal words count at the start of a message (after fillers like "äh", "also") or anywhere
 *   in a short message (≤ 5 words); a "ja" in the middle of a sentence is a German particle;
 * - "nicht richtig", "stimmt nicht", "not correct" are no; other negated yes-words ("nicht klar")
 *   are unclear;
 * - yes and no together, "naja", "jein", or a yes with a reservation ("ja, aber …") → none.
 */
import { foldWithMap, normalizeText, tokenize, type Token } from './normalize';
import type { ExtractContext, Extraction } from './types';
import { cityYesNo } from './city-words';
import { AFFIRMING_ABER, statementYesNo } from './yes-no-statements';

const YES = new Set([
  'ja', 'jo', 'joa', 'jou', 'jup', 'jep', 'jap', 'jawohl', 'jawoll', 'klar', 'genau', 'richtig', 'stimmt', 'passt',
  'gerne', 'gern', 'okay', 'ok', 'okey', 'oki', 'yes', 'yep', 'yeah', 'yup', 'sure', 'correct', 'right',
  'einverstanden', 'korrekt', 'exakt', 'absolut', 'selbstverstaendlich', 'natuerlich', 'freilich', 'logo',
  'bestaetigt', 'zutreffend', 'yess', 'jau', 'jupp', 'jepp', 'japp', 'joo', 'yo', 'klaro', 'sicher', 'definitiv',
  'absolutely', 'definitely', 'certainly', 'yea', 'ya',
]);
/** Yes-words whose negation is a clear no ("stimmt nicht"). */
const NEGATABLE = new Set(['sicher', 'definitiv', 'absolutely', 'definitely', 'certainly', 'richtig', 'stimmt', 'passt', 'korrekt', 'correct', 'right', 'okay', 'ok', 'einverstanden', 'zutreffend', 'exakt']);
const NO = new Set(['nein', 'nee', 'neee', 'noe', 'nae', 'naa', 'neh', 'noee', 'nope', 'nah', 'falsch', 'keineswegs', 'niemals', 'incorrect', 'wrong', 'nienicht', 'noo']);
/** Words that are "no" only as the first word ("ne" is also short for "eine"). */
const NO_FIRST = new Set(['ne', 'no', 'nö']);
const NEGATORS = new Set(['nicht', 'nich', 'net', 'not', 'kein', 'keine', 'nie', 'never', 'isnt', 'doesnt', 'dont', 'aint']);
const FILLERS = new Set(['aeh', 'aehm', 'aeh', 'hm', 'hmm', 'aeh', 'also', 'oh', 'ach', 'na', 'well', 'uh', 'um', 'aehm', 'oeh', 'hallo', 'hi']);
/** "hab ich doch schon gesagt, ja": the reproach carries no answer, the rest does. */
const ALREADY_SAID = /\b(?:hab(?:e)? ich (?:doch |ja |dir |ihnen |euch )*(?:schon |bereits |eben |grad |gerade )*(?:gesagt|geschrieben)|wie (?:schon |bereits )?gesagt|sag(?:e)? ich doch|i (?:already |just )?(?:said|told you)(?: that)?)\b/g;
const RESERVATION = /\b(?:aber|but|jedoch|allerdings|ausser|except)\b/;
const UNCLEAR = /\b(?:naja|na ja|jein|vielleicht|maybe|weiss nicht|weiss ich nicht|keine ahnung|not sure|nicht sicher)\b/;
const PHRASES: { re: RegExp; polarity: boolean }[] = [
  { re: /\b(?:in ordnung|auf jeden(?: fall)?|of course(?! not)|das passt so)\b/, polarity: true },
  { re: /\b(?:auf (?:gar )?keinen fall|no way|ganz und gar nicht|ueberhaupt nicht|of course not|(?:absolutely|definitely|certainly) not|(?:sicher|bestimmt|natuerlich|definitiv) nicht)\b/, polarity: false },
  // "Haben Sie …?" – "hab ich (schon)" as the whole answer; "hab ich nicht" is no.
  { re: /^\W*(?:hab|habe|hat|haben) (?:ich|er|sie|wir)(?: schon| bereits| auch)?\W*$/, polarity: true },
  { re: /^\W*(?:hab|habe|hat|haben) (?:ich|er|sie|wir) (?:noch )?(?:nicht|keine)\W*$/, polarity: false },
];

function isNegator(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t) return false;
  if (NEGATORS.has(t.word)) return true;
  // "isn't", "doesn't" split into "isn" + "t"
  return t.word === 't' && /n$/.test(tokens[i - 1]?.word ?? '');
}

function negatedAround(tokens: Token[], i: number, before: number, after: number): boolean {
  for (let k = i - before; k <= i + after; k++) if (k !== i && isNegator(tokens, k)) return true;
  return false;
}

interface Signal { polarity: boolean; token: Token }

function signalAt(tokens: Token[], i: number, first: boolean): Signal | 'unclear' | undefined {
  const t = tokens[i];
  const w = t.word.replace(/(.)\1{2,}$/, '$1$1'); // "jaaaa" → "jaa"
  const word = w === 'jaa' ? 'ja' : w;
  if (YES.has(word)) {
    if (negatedAround(tokens, i, 2, 2)) return NEGATABLE.has(word) ? { polarity: false, token: t } : 'unclear';
    return { polarity: true, token: t };
  }
  if (NO.has(word) || (first && NO_FIRST.has(word))) {
    if (word !== 'nein' && isNegator(tokens, i - 1)) return 'unclear';
    return { polarity: false, token: t };
  }
  return undefined;
}

/** Extracts a clear yes (true) or no (false). */
export function extractYesNo(text: string, _ctx?: ExtractContext): Extraction<boolean> {
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const city = cityYesNo(source);
  if (city) return city;
  const folded = foldWithMap(source);
  const f = folded.text;
  if (UNCLEAR.test(f)) return { kind: 'none' };
  const said: [number, number][] = [];
  ALREADY_SAID.lastIndex = 0;
  let sm: RegExpExecArray | null;
  while ((sm = ALREADY_SAID.exec(f)) !== null) said.push([sm.index, sm.index + sm[0].length]);
  const tokens = tokenize(f).filter((t) => !said.some(([a, b]) => t.start >= a && t.end <= b));
  let first = 0;
  while (first < tokens.length && FILLERS.has(tokens[first].word) && !(tokens[first].word === 'na' && tokens[first + 1]?.word === 'klar')) first++;
  const short = tokens.length - first <= 5;
  const signals: Signal[] = [];
  for (let i = first; i < tokens.length; i++) {
    const lead = short || i < first + 2;
    const s = signalAt(tokens, i, i === first);
    if (s === 'unclear') { if (lead) return { kind: 'none' }; continue; }
    if (!s) continue;
    // Beyond the lead only contradictions count ("ok, aber das ist falsch").
    if (lead || !s.polarity) signals.push(s);
  }
  for (const p of PHRASES) {
    const m = p.re.exec(f);
    if (m) signals.push({ polarity: p.polarity, token: { word: m[0], start: m.index, end: m.index + m[0].length } });
  }
  if (signals.length === 0) {
    const said = statementYesNo(f);
    if (!said) return { kind: 'none' };
    return { kind: 'value', value: said.polarity, evidence: source.slice(folded.map[said.start], folded.map[said.end - 1] + 1) };
  }
  const polarity = signals[0].polarity;
  if (signals.some((s) => s.polarity !== polarity)) return { kind: 'none' };
  if (polarity && RESERVATION.test(f.replace(AFFIRMING_ABER, ''))) return { kind: 'none' };
  // A no that only shows up late in a long message is not an answer.
  if (!polarity && !signals.some((s) => short || s.token.start <= (tokens[first + 1]?.end ?? 0))) return { kind: 'none' };
  const start = Math.min(...signals.map((s) => s.token.start));
  const end = Math.max(...signals.map((s) => s.token.end));
  return { kind: 'value', value: polarity, evidence: source.slice(folded.map[start], folded.map[end - 1] + 1) };
}
