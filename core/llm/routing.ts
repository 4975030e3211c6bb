/**
 * Service routing from a first message by the keywords and examples of each definition's
 * `routing` block, pure. A clear winner is chosen; a tie or nothing leads to a clarifying
 * question. The LLM step (llm/routing.ts) may only choose among the same catalogue ids.
 */
import type { LocalizedText, ServiceDefinition } from '../definition/schema';
import { foldText, normalizeText } from '../extract';

export interface RoutableService { id: string; title: string; keywords: string[] }

export type RouteDecision =
  | { service: string; by: 'keywords' | 'llm'; matched?: string[] }
  | { candidates: { id: string; title: string }[]; question: string };

function titleOf(t: LocalizedText, locale: string): string {
  if (typeof t === 'string') return t;
  return (t as Record<string, string | undefined>)[locale] ?? t.de;
}

/** Keywords of every locale plus the title, folded; for matching any language a citizen uses. */
export function routableService(def: ServiceDefinition, locale = 'de'): RoutableService {
  const words = def.routing?.keywords ?? {};
  const all = [...Object.values(words).flat(), def.service.replace(/[-_]/g, ' ')];
  return { id: def.service, title: titleOf(def.title, locale), keywords: [...new Set(all.map((w) => fold(w)).filter((w) => w.length > 1))] };
}

function fold(text: string): string {
  return foldText(normalizeText(text)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Score of one service: each matched keyword counts by its length in words (a phrase beats a
 * single word); single words also match as a word prefix of at least 5 letters ("Ausweises").
 */
function score(text: string, words: string[], svc: RoutableService): { score: number; matched: string[] } {
  const padded = ` ${text} `;
  let total = 0;
  const matched: string[] = [];
  for (const k of svc.keywords) {
    const multi = k.includes(' ');
    const hit = multi
      ? padded.includes(` ${k} `)
      : words.some((w) => w === k || (k.length >= 5 && w.startsWith(k) && w.length - k.length <= 3) || (k.length >= 8 && w.includes(k)));
    if (hit) {
      total += multi ? k.split(' ').length + 1 : 1;
      matched.push(k);
    }
  }
  return { score: total, matched };
}

const QUESTION: Record<string, string> = {
  de: 'Welches Anliegen meinen Sie?',
  en: 'Which service do you mean?',
};

/** The clarifying question, listing candidates (or the whole catalogue when nothing matched). */
export function clarify(candidates: RoutableService[], locale: string): RouteDecision {
  const list = candidates.map((c) => ({ id: c.id, title: c.title }));
  const lead = QUESTION[locale] ?? QUESTION.de;
  return { candidates: list, question: `${lead} ${list.map((c, i) => `${i + 1}) ${c.title}`).join(', ')}` };
}

/**
 * Routes by keywords. Returns the service when one scores highest by a clear margin, otherwise
 * a clarifying question with the tied candidates (or the whole catalogue). Never invents an id.
 */
export function routeByKeywords(services: RoutableService[], text: string, locale = 'de'): RouteDecision & { scores?: Record<string, number> } {
  const folded = fold(typeof text === 'string' ? text : '');
  const words = folded.split(' ').filter((w) => w.length > 0);
  const scored = services.map((s) => ({ s, ...score(folded, words, s) })).filter((x) => x.score > 0).sort((a, b) => b.score - a.score);
  if (scored.length === 0) return clarify(services, locale);
  const [best, second] = scored;
  if (!second || best.score > second.score) return { service: best.s.id, by: 'keywords', matched: best.matched };
  return clarify(scored.filter((x) => x.score === best.score).map((x) => x.s), locale);
}
