/**
 * Messages that hold no answer at all: only emoji or punctuation, one word repeated many
 * times, a JSON or markup fragment, or text that tries to instruct the assistant ("SYSTEM:",
 * "Ignoriere alle Regeln"). Nothing is taken from them; the citizen gets a friendly reply and
 * the question again. Mixed scripts are not bad input: they go through the extractors as usual.
 */
import { looksLikeInjection, normalizeText } from '../extract';

export type InputClass = 'ok' | 'noise' | 'repeated' | 'injection';

/** How a message should be treated before anything is read from it. */
export function classifyInput(text: string): InputClass {
  const source = normalizeText(text);
  if (!/[\p{L}\p{N}]/u.test(source)) return 'noise';
  if (looksLikeInjection(source)) return 'injection';
  if (/^\s*[[{]/.test(source) && /[:"]/.test(source)) return 'injection';
  const words = source.toLowerCase().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length >= 20 && new Set(words).size <= 2) return 'repeated';
  // One "word" of hundreds of letters is no answer either.
  if (words.length <= 2 && source.length >= 200) return 'repeated';
  return 'ok';
}
