/**
 * Service routing from a first message by the keywords and examples of each definition's
 * `routing` block, pure. A clear winner is chosen; a tie or nothing leads to a clarifying
 * question. The LLM step (llm/routing.ts) may only choose among the same catalogue ids.
 */
import type { LocalizedText, ServiceDefinition } from '../definition/schema';
import { damerauLevenshtein, detectCommands, foldText, normalizeText } from '../extract';
import { classifyInput } from '../understand/bad-input';

export interface RoutableService { id: string; title: string; keywords: string[] }

export type RouteDecision =
  | { service: string; by: 'keywords' | 'llm'; matched?: string[] }
  | { candidates: { id: string; title: string }[]; question: string }
  | { none: true; reason: 'not_offered' | 'off_topic'; message: string; referral?: string; unmatched?: true }
  | { handoff: true; message: string };

/** Referrals, extra words per service and off-topic words (catalog.yaml; see catalog/routing-catalogue.ts). */
export interface RoutingCatalogue {
  aliases: Record<string, string[]>;
  referrals: Record<string, { keywords: string[]; say: LocalizedText; service?: string }>;
  offTopic: string[];
}

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
 * Edits allowed for a typo: none below 7 letters, 1 from 7, 2 from 13 ("Fürungszeugnis");
 * "anmelden" is no typo of "anmeldung", and a typo keeps the first two letters: "abmelden" is
 * the opposite of "anmelden", not a misspelling of it.
 */
function typoBudget(k: string): number {
  return k.length >= 13 ? 2 : k.length >= 7 ? 1 : 0;
}

/** Words several services share ("anmelden", "Termin"): they count half, so "Hundesteuer anmelden" is the dog tax. */
const GENERIC = new Set(['anmelden', 'anmeldung', 'termin', 'appointment', 'booking', 'beantragen', 'antrag', 'registration', 'register']);

/**
 * Score of one service: each matched keyword counts by its length in words (a phrase beats a
 * single word); single words also match as a word prefix of at least 5 letters ("Ausweises")
 * and with a typo or two in a long word.
 */
function score(text: string, words: string[], svc: RoutableService): { score: number; matched: string[]; strong: number } {
  const padded = ` ${text} `;
  let total = 0;
  let strong = 0;
  const matched: string[] = [];
  for (const k of svc.keywords) {
    const multi = k.includes(' ');
    const budget = typoBudget(k);
    const hit = multi
      ? padded.includes(` ${k} `)
      : words.some((w) => w === k || (k.length >= 5 && w.startsWith(k) && w.length - k.length <= 3) || (k.length >= 8 && w.includes(k))
        || (budget > 0 && Math.abs(w.length - k.length) <= budget && w.slice(0, 2) === k.slice(0, 2) && damerauLevenshtein(w, k) <= budget));
    if (hit) {
      const weight = multi ? k.split(' ').length + 1 : GENERIC.has(k) ? 0.5 : 1;
      total += weight;
      if (!GENERIC.has(k)) strong += weight;
      matched.push(k);
    }
  }
  return { score: total, matched, strong };
}

const QUESTION: Record<string, string> = {
  de: 'Welches Anliegen meinen Sie?',
  en: 'Which service do you mean?',
  tr: 'Hangi işlemi kastediyorsunuz?',
  ar: 'أي خدمة تقصد؟',
  uk: 'Яку послугу ви маєте на увазі?',
  ru: 'Какую услугу вы имеете в виду?',
  pl: 'O którą sprawę chodzi?',
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

// Written by people in the seven languages of the built-in texts; the word for a person is the
// one each language's commands understand (core/extract/commands.ts).
const TEXTS: Record<string, Record<'de' | 'en' | 'tr' | 'ar' | 'uk' | 'ru' | 'pl', string>> = {
  off_topic: {
    de: 'Dabei kann ich leider nicht helfen. Ich bin der Assistent der Stadtverwaltung und helfe bei: {titles}.',
    en: 'I am afraid I cannot help with that. I am the city administration\'s assistant and help with: {titles}.',
    tr: 'Bu konuda maalesef yardımcı olamıyorum. Ben belediyenin asistanıyım ve şu konularda yardımcı oluyorum: {titles}.',
    ar: 'للأسف لا يمكنني المساعدة في ذلك. أنا مساعد إدارة المدينة وأساعد في: {titles}.',
    uk: 'На жаль, із цим я допомогти не можу. Я асистент міської адміністрації й допомагаю з: {titles}.',
    ru: 'К сожалению, с этим я помочь не могу. Я ассистент городской администрации и помогаю с: {titles}.',
    pl: 'Niestety nie mogę w tym pomóc. Jestem asystentem urzędu miasta i pomagam w sprawach: {titles}.',
  },
  not_offered: {
    de: 'Das kann ich hier leider nicht erledigen. Ich helfe bei: {titles}. Wenn Sie möchten, verbinde ich Sie mit einem Menschen: Schreiben Sie „Mitarbeiter“.',
    en: 'I am afraid I cannot handle that here. I help with: {titles}. If you like, I will put you through to a person: write “staff”.',
    tr: 'Bunu burada maalesef halledemem. Şu konularda yardımcı oluyorum: {titles}. İsterseniz sizi bir insana bağlarım: “personel” yazın.',
    ar: 'للأسف لا يمكنني إنجاز ذلك هنا. أساعد في: {titles}. إذا أردت أوصلك بإنسان: اكتب «موظف».',
    uk: 'На жаль, тут я цього не вирішу. Я допомагаю з: {titles}. Якщо хочете, я з’єднаю вас із людиною: напишіть «працівник».',
    ru: 'К сожалению, здесь я этого не решу. Я помогаю с: {titles}. Если хотите, я соединю вас с человеком: напишите «сотрудник».',
    pl: 'Niestety nie załatwię tego tutaj. Pomagam w sprawach: {titles}. Jeśli chcesz, połączę Cię z człowiekiem: napisz „pracownik”.',
  },
  handoff: {
    de: 'Gern verbinde ich Sie mit einer Mitarbeiterin oder einem Mitarbeiter.',
    en: 'I will gladly put you through to a member of staff.',
    tr: 'Sizi memnuniyetle bir personele bağlıyorum.',
    ar: 'يسعدني أن أوصلك بأحد الموظفين.',
    uk: 'Охоче з’єдную вас із працівником.',
    ru: 'С удовольствием соединю вас с сотрудником.',
    pl: 'Chętnie połączę Cię z pracownikiem.',
  },
  person: {
    de: 'Wenn Sie möchten, verbinde ich Sie mit einem Menschen: Schreiben Sie „Mitarbeiter“.',
    en: 'If you like, I will put you through to a person: write “staff”.',
    tr: 'İsterseniz sizi bir insana bağlarım: “personel” yazın.',
    ar: 'إذا أردت أوصلك بإنسان: اكتب «موظف».',
    uk: 'Якщо хочете, я з’єднаю вас із людиною: напишіть «працівник».',
    ru: 'Если хотите, я соединю вас с человеком: напишите «сотрудник».',
    pl: 'Jeśli chcesz, połączę Cię z człowiekiem: napisz „pracownik”.',
  },
};

function text(key: keyof typeof TEXTS, locale: string, titles = ''): string {
  const texts = TEXTS[key] as Record<string, string | undefined>;
  return (texts[locale] ?? texts.de as string).replace('{titles}', titles);
}

function wordHits(folded: string, words: string[], keywords: string[]): { score: number; matched: string[]; strong: number } {
  return score(folded, words, { id: '', title: '', keywords: keywords.map(fold).filter((k) => k.length > 1) });
}

/** Words of a message that only greets or asks for help ("Hallo, ich habe eine Frage"): nothing to route yet. */
const OPENING = new Set([
  'hallo', 'hi', 'hey', 'moin', 'servus', 'guten', 'tag', 'morgen', 'abend', 'gruess', 'gott', 'frage', 'fragen', 'hilfe', 'helfen', 'anliegen', 'info',
  'infos', 'information', 'informationen', 'auskunft', 'hello', 'good', 'morning', 'afternoon', 'evening', 'question', 'questions', 'help', 'please',
  'bitte', 'danke', 'thanks', 'problem', 'ich', 'habe', 'hab', 'haette', 'eine', 'einen', 'ein', 'mal', 'kurze', 'kurz', 'sie', 'mir', 'koennen',
  'konnen', 'kann', 'koennten', 'wer', 'kann', 'brauche', 'i', 'have', 'a', 'need', 'can', 'you', 'me', 'could', 'some', 'und', 'es', 'geht', 'um',
]);
/** Words of public administration: a concern this assistant has no service or referral for is "not offered", not off topic. */
const OFFICE_WORDS = /(?:beantrag|antrag|antraege|bescheinig|urkunde|genehmig|erlaubnis|gebuehr|formular|behoerde|amt\b|aemter|stadtverwaltung|zustaendig|anmeld|abmeld|ummeld|meldestelle|schein\b|ausstellen|verlaenger|permit|licen[cs]e|certificate|apply|application|authority|registration|register)/;

/** Nothing routes it: a greeting or a call for help is asked what it is about; a concern of public administration is not offered; anything else is off topic. */
function unrouted(services: RoutableService[], folded: string, words: string[], locale: string, titles: string): RouteDecision {
  if (words.length <= 3 || words.every((w) => OPENING.has(w))) return clarify(services, locale);
  // `unmatched`: no word of the catalogue matched, so a model (llm/routing.ts) may still know the service.
  if (OFFICE_WORDS.test(folded)) return { none: true, reason: 'not_offered', message: text('not_offered', locale, titles), unmatched: true };
  return { none: true, reason: 'off_topic', message: text('off_topic', locale, titles), unmatched: true };
}

/**
 * The one router for every channel (pure): a wish for a person → handoff; an injection or
 * unreadable text → a polite decline; a referral of the catalogue that no service of its own
 * covers better → `not_offered` with where to turn; one clear service → it; a tie → a
 * question between the tied ones; off-topic words → a decline; a statement about something
 * none of this covers → `not_offered`; anything vaguer → a question over the catalogue.
 */
export function routeMessage(services: RoutableService[], catalogue: RoutingCatalogue, raw: string, locale = 'de'): RouteDecision & { scores?: Record<string, number> } {
  const source = typeof raw === 'string' ? raw : '';
  const folded = fold(source);
  const words = folded.split(' ').filter((w) => w.length > 0);
  const titles = services.map((s) => s.title).join(', ');
  const kind = classifyInput(source);
  if (kind !== 'ok') return { none: true, reason: 'off_topic', message: text('off_topic', locale, titles) };
  if (detectCommands(source, locale).some((c) => c.command === 'handoff')) return { handoff: true, message: text('handoff', locale) };
  const withAliases = services.map((s) => ({ ...s, keywords: [...s.keywords, ...(catalogue.aliases[s.id] ?? []).map(fold).filter((k) => k.length > 1)] }));
  const scored = withAliases.map((s) => ({ s, ...score(folded, words, s) })).filter((x) => x.score > 0).sort((a, b) => b.score - a.score);
  const referral = Object.entries(catalogue.referrals)
    .map(([id, r]) => ({ id, r, ...wordHits(folded, words, r.keywords) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)[0];
  const best = scored[0];
  if (referral && (!best || referral.score >= best.score)) {
    // "Termin für den Reisepass": the referral names the service that books it, and it matched.
    const helper = referral.r.service ? scored.find((x) => x.s.id === referral.r.service) : undefined;
    if (helper) return { service: helper.s.id, by: 'keywords', matched: helper.matched };
    const say = typeof referral.r.say === 'string' ? referral.r.say : ((referral.r.say as Record<string, string | undefined>)[locale] ?? referral.r.say.de);
    return { none: true, reason: 'not_offered', message: `${say} ${text('person', locale)}`, referral: referral.id };
  }
  if (best) {
    const second = scored[1];
    // Two concerns in one message ("Führungszeugnis und Hund anmelden", "Termin verschieben"):
    // each service named by a word of its own, not only by words several share, is offered.
    const named = scored.filter((x) => x.strong >= 1 && !x.matched.every((k) => scored.some((o) => o !== x && o.matched.some((p) => p !== k && p.includes(k)))));
    if (named.length >= 2 && named.includes(best)) {
      return clarify(named.slice(0, 3).map((x) => services.find((s) => s.id === x.s.id) as RoutableService), locale);
    }
    if (!second || best.score > second.score) return { service: best.s.id, by: 'keywords', matched: best.matched };
    return clarify(scored.filter((x) => x.score === best.score).map((x) => services.find((s) => s.id === x.s.id) as RoutableService), locale);
  }
  if (wordHits(folded, words, catalogue.offTopic).score > 0) return { none: true, reason: 'off_topic', message: text('off_topic', locale, titles) };
  return unrouted(services, folded, words, locale, titles);
}
