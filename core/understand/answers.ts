/**
 * Questions citizens ask mid-conversation ("was kostet das?", "welche Unterlagen brauche
 * ich?"): matched against the definition's authored `answers:` by their keywords. The text of
 * an answer is always the designer's; nothing here writes one. A question with no authored
 * answer is said to have none (the session offers a person).
 */
import type { Answer, ServiceDefinition } from '../definition/schema';
import { foldText, normalizeText } from '../extract';
import { stem } from './cues';

const QUESTION_START = /^(?:und |aber |also |aeh |hm |ok |ja |nein )?(?:was|wie|wieviel|wieso|weshalb|warum|wann|wo|woher|wohin|welche[rsnm]?|wer|wen|wem|muss|muessen|kann|koennen|darf|duerfen|brauche|brauchen|gibt es|gibt|ist das|sind|bekomme|kriege|what|how|when|where|which|why|who|do i|does|can i|is it|is there|are there|must i|should i)\b/;

/**
 * Question words of the city's other languages, folded (й → и, ü → ue). Cyrillic and Arabic ones
 * cannot be German words, so they count in every session; the Latin-script Turkish and Polish
 * ones only in a session of that language ("ne" is also German for "nein").
 */
const SCRIPT_QUESTION_START = /^(?:а |и |но )?(?:что|как|сколько|где|когда|каки[ехм]?|почему|зачем|можно|нужно|нужны|надо|кто|що|як|скільки|де|коли|які|яки|чому|навіщо|чи|можна|потрібно|треба|хто|ما|ماذا|كم|كيف|أين|اين|متى|هل|لماذا|أي|اي|من)(?:\s|$)/u;
const LATIN_QUESTION_START: Record<string, RegExp> = {
  tr: /^(?:ne|nasil|nerede|nereye|neden|nicin|hangi|kac|kim|kime)(?:\s|$)|\s(?:mi|mı|mu|mue|misiniz|miyim|mıyım|mıdır|midir)(?:\s|$)/u,
  pl: /^(?:a |i )?(?:co|jak|ile|gdzie|kiedy|jaki[ea]?|jakich|czy|dlaczego|po co|kto|ktore|ktory|moge|musze|trzeba)(?:\s|$)/u,
};

/**
 * Whether a message is a question: a question mark (also Arabic ؟), or it starts with a question
 * word of German, English, a script that is not German, or the session's language.
 */
export function isQuestion(text: string, locale?: string): boolean {
  const source = normalizeText(text);
  if (/[?؟]\s*$/.test(source) || /[?؟]\s/.test(source)) return true;
  const folded = fold(source);
  if (QUESTION_START.test(folded) || SCRIPT_QUESTION_START.test(folded)) return true;
  const latin = locale ? LATIN_QUESTION_START[locale] : undefined;
  return latin !== undefined && latin.test(folded);
}

/** Lower case, umlauts and accents folded, every run of non-letters one space; any script. */
function fold(text: string): string {
  return foldText(text.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function keywordsOf(answer: Answer, locale: string): string[] {
  const words = answer.keywords as Record<string, string[] | undefined>;
  return [...new Set([...(words.de ?? []), ...(words[locale] ?? []), ...(words.en ?? [])])].map(fold).filter((k) => k.length >= 3);
}

/**
 * A keyword in another word form: each of its words, by stem ("Unterlage" ~ "Unterlagen",
 * "Gebühren" ~ "Gebühr"), in order in the message with at most one other word between.
 */
function stemHit(message: readonly string[], keyword: string): boolean {
  const want = keyword.split(' ').map(stem);
  if (want.some((w) => w.length < 4)) return false;
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== want[0]) continue;
    let at = i;
    let ok = true;
    for (let k = 1; k < want.length && ok; k++) {
      const next = message.slice(at + 1, at + 3).indexOf(want[k]);
      ok = next >= 0;
      at += next + 1;
    }
    if (ok) return true;
  }
  return false;
}

/**
 * The authored answer a question is about: the one whose keywords cover the most words of the
 * message (a phrase counts by its length); a tie between two answers is no match.
 */
export function matchAnswer(def: ServiceDefinition, text: string, locale: string): { id: string; answer: Answer; matched: string } | null {
  const answers = def.answers ?? {};
  const padded = ` ${fold(normalizeText(text))} `;
  const stems = padded.trim().split(' ').map(stem);
  const scored: { id: string; answer: Answer; score: number; matched: string }[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    let best = 0;
    let matched = '';
    for (const k of keywordsOf(answer, locale)) {
      const hit = padded.includes(` ${k} `) || (!k.includes(' ') && k.length >= 6 && padded.includes(` ${k}`)) || stemHit(stems, k);
      if (hit && k.length > best) { best = k.length; matched = k; }
    }
    if (best > 0) scored.push({ id, answer, score: best, matched });
  }
  scored.sort((a, b) => b.score - a.score);
  if (scored.length === 0) return null;
  if (scored.length > 1 && scored[1].score === scored[0].score) return null;
  return { id: scored[0].id, answer: scored[0].answer, matched: scored[0].matched };
}

/** Names an answer template inserts ({gebuehr}, {termin.beginn} → termin). */
export function templateNames(text: string): string[] {
  return [...text.matchAll(/\{([a-z][a-z0-9_]*)(?:\.[A-Za-z0-9_]+)*\}/g)].map((m) => m[1]);
}
