/**
 * Cue words of a slot: the words near a value that show it belongs to this slot. Taken from
 * the slot's `cues`, its label and, by what the slot is about (a birth date, an age, a count),
 * a few built-in words. The question text is not used: "Seit wann haben Sie den Hund?" would
 * make "Hund" a cue of a date.
 */
import type { LocalizedText, ServiceDefinition, Slot } from '../definition/schema';
import { foldText } from '../extract';

export type Concept = 'birth' | 'age' | 'count' | 'plain';

export interface SlotCues {
  concept: Concept;
  /** Folded word stems. */
  stems: string[];
  /** Folded multi-word cues ("faengt an"), matched as phrases. */
  phrases: string[];
  /** Stems of the slot's own label and name: what it counts ("Personen"), as opposed to cue words. */
  subject: string[];
}

const STOP = new Set([
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'und', 'oder', 'mit', 'von', 'vom', 'fuer', 'im', 'in', 'am',
  'an', 'auf', 'zu', 'zum', 'zur', 'ab', 'bis', 'ist', 'sind', 'ihr', 'ihre', 'ihres', 'sie', 'wie', 'was', 'wann', 'welche',
  'welcher', 'welches', 'the', 'of', 'a', 'an', 'to', 'for', 'your', 'is', 'and', 'or', 'e', 'z', 'b', 'oder', 'cm', 'kg',
  'gross', 'grosser', 'nr', 'date', 'datum', 'tag',
]);

const BUILTIN: Record<Concept, string[]> = {
  birth: ['geboren', 'geb', 'geburtsdatum', 'geburtstag', 'jahrgang', 'born', 'birth', 'birthday', 'dob'],
  age: ['alt', 'alter', 'jahre', 'jahr', 'jahren', 'jaehrig', 'old', 'age', 'years', 'year', 'aged'],
  count: ['anzahl', 'stueck', 'insgesamt', 'number', 'total'],
  plain: [],
};

/** Words that place a value outside every slot unless a slot names them: a death, an expiry. */
export const FOREIGN_CUES = ['gestorben', 'verstorben', 'tot', 'eingeschlaefert', 'died', 'dead', 'laeuft', 'ablauf', 'abgelaufen', 'gueltig', 'expires', 'expired'];

/** Lower-case, folded, and the common German/English endings cut off, for matching word forms. */
export function stem(word: string): string {
  const w = foldText(word.toLowerCase());
  if (w.length <= 4) return w;
  return w.replace(/(?:en|er|es|em|e|n|s)$/, '');
}

function texts(t: LocalizedText | undefined, locale: string): string[] {
  if (t === undefined) return [];
  if (typeof t === 'string') return [t];
  const rec = t as Record<string, string | undefined>;
  return [rec.de, rec[locale], rec.en].filter((x): x is string => typeof x === 'string');
}

export function words(text: string): string[] {
  return foldText(text.toLowerCase()).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

function conceptOf(name: string, slot: Slot, label: string): Concept {
  const n = `${name} ${label}`.toLowerCase();
  if (slot.type === 'date' && /geburt|birth/.test(foldText(n))) return 'birth';
  if (slot.type === 'integer' || slot.type === 'number') {
    if (/(?:^|[_\s])alter(?:$|[_\s])|(?:^|\s)age(?:$|\s)|wie alt|how old/.test(foldText(n))) return 'age';
    if (/anzahl|number of|wie viele|how many|personen|people/.test(foldText(n))) return 'count';
  }
  return 'plain';
}

const cache = new WeakMap<ServiceDefinition, Map<string, SlotCues>>();

/** The cues of one slot (cached per definition and locale). */
export function slotCues(def: ServiceDefinition, name: string, locale: string): SlotCues {
  let byDef = cache.get(def);
  if (!byDef) { byDef = new Map(); cache.set(def, byDef); }
  const key = `${name}\u0000${locale}`;
  const hit = byDef.get(key);
  if (hit) return hit;
  const slot = def.slots[name];
  const label = texts(slot.label, locale).join(' ');
  const concept = conceptOf(name, slot, label);
  const own = [...(slot.cues?.de ?? []), ...((slot.cues as Record<string, string[] | undefined> | undefined)?.[locale] ?? []), ...(slot.cues?.en ?? [])];
  const single = new Set<string>();
  const phrases = new Set<string>();
  for (const c of own) {
    const ws = words(c);
    if (ws.length > 1) phrases.add(ws.join(' '));
    else if (ws.length === 1) single.add(stem(ws[0]));
  }
  const subject = words(`${label} ${name.replace(/_/g, ' ')}`).filter((w) => !STOP.has(w) && w.length >= 3).map(stem);
  for (const w of subject) single.add(w);
  for (const w of BUILTIN[concept]) single.add(stem(w));
  const out: SlotCues = { concept, stems: [...single], phrases: [...phrases], subject };
  byDef.set(key, out);
  return out;
}

/** True when a folded word is a form of the cue stem ("hunde" ~ "hund", "beginnt" ~ "beginn"). */
export function matchesStem(word: string, cueStem: string): boolean {
  const s = stem(word);
  if (s === cueStem) return true;
  return cueStem.length >= 5 && word.startsWith(cueStem) && word.length - cueStem.length <= 4;
}

/** Whether the words (folded) hold a cue of the slot. */
export function hasCue(cues: SlotCues, ws: readonly string[]): boolean {
  if (ws.some((w) => cues.stems.some((c) => matchesStem(w, c)))) return true;
  const joined = ` ${ws.join(' ')} `;
  return cues.phrases.some((p) => joined.includes(` ${p} `));
}
