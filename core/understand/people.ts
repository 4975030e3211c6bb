/**
 * How many people a citizen lists for a count of persons ("Wie viele Personen …?"): "nur ich"
 * is 1, "ich und meine Frau" 2, "meine Frau, ich und die zwei Kinder" 4, "2 Erwachsene, 2
 * Kinder" 4, "wir beide" 2; without the citizen or a number of persons ("die zwei Kinder",
 * "meine Frau") it is unclear whether the citizen is counted, so it is no total. Every part of the list must be a person or a number of persons;
 * anything else ("Familie mit drei Kindern": how many adults?) is no count, and the question
 * comes again.
 */
import { foldText, parseCardinalWord } from '../extract';
import type { Extraction } from '../extract/types';

const SELF = /^(?:(?:nur|bloss|blos|just|only) )?(?:ich|mich|me|myself|i)(?: (?:allein|alleine|selbst|selber|alone))?$/;
const ONE_PERSON = /^(?:(?:meine?[nmrs]?|unsere?[nmrs]?|my|our|die|der|das|den|the|ein|eine|einen|1) )?(?:frau|ehefrau|mann|ehemann|partner|partnerin|freund|freundin|lebensgefaehrte|lebensgefaehrtin|verlobte|verlobter|sohn|tochter|kind|baby|mutter|vater|mama|papa|oma|opa|schwester|bruder|schwiegermutter|schwiegervater|nichte|neffe|enkel|enkelin|erwachsener|erwachsene|wife|husband|son|daughter|child|kid|baby|mother|father|mum|mom|dad|sister|brother|girlfriend|boyfriend|adult)$/;
const SOME_PEOPLE = /^(?:(?:meine|unsere|die|my|our|the) )?(\d{1,2}|[a-z]+) (?:kinder|kids|children|soehne|toechter|erwachsene|erwachsenen|personen|leute|menschen|adults|people|persons|sons|daughters|enkel|enkelkinder)$/;
/** Words that count everyone: "4 Personen" is a total, "2 Kinder" a part. */
const TOTAL = /\b(?:personen|leute|menschen|people|persons)$/;
const PAIR = /^(?:wir (?:beide|zwei|zu zweit)|we two|the two of us|both of us|us two)$/;
const GROUP = /^(?:the|all) (\d{1,2}|[a-z]+) of us$/;

function cardinal(word: string): number | undefined {
  const n = /^\d{1,2}$/.test(word) ? Number(word) : parseCardinalWord(word);
  return n !== undefined && n >= 1 && n <= 20 ? n : undefined;
}

/** Children alone are no total: "die zwei Kinder" may or may not include the citizen. */
const CHILDREN = /\b(?:kind|kinder|kids?|children|child|sohn|soehne|tochter|toechter|baby|babys|sons?|daughters?|enkel|enkelin|enkelkinder|nichte|neffe)$/;

function partCount(part: string): number | undefined {
  if (SELF.test(part) || ONE_PERSON.test(part)) return 1;
  if (PAIR.test(part)) return 2;
  const some = SOME_PEOPLE.exec(part) ?? GROUP.exec(part);
  return some ? cardinal(some[1]) : undefined;
}

/** The number of persons a message lists, or none. */
export function peopleCount(text: string): Extraction<number> {
  const folded = foldText(text.toLowerCase()).replace(/[.!]+\s*$/, '').trim().replace(/^(?:wir sind|es sind|das sind|we are|there are|insgesamt|zusammen)\s+/, '');
  if (!folded || /\?/.test(folded)) return { kind: 'none' };
  const parts = folded.split(/\s*(?:,|\bund\b|\band\b|&|\+|\bplus\b|\bmit\b|\bwith\b)\s*/).map((p) => p.replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
  if (parts.length === 0 || parts.length > 8) return { kind: 'none' };
  const counts: number[] = [];
  for (const p of parts) {
    const n = partCount(p);
    if (n === undefined) return { kind: 'none' };
    counts.push(n);
  }
  // "2 Personen, ich und meine Frau": a stated total explains itself; it is not added to.
  const totals = parts.map((p, i) => (TOTAL.test(p) || PAIR.test(p) || GROUP.test(p) ? i : -1)).filter((i) => i >= 0);
  if (totals.length > 0 && parts.length > 1) {
    const stated = counts[totals[0]];
    const rest = counts.reduce((a, n, i) => (totals.includes(i) ? a : a + n), 0);
    const agree = totals.every((i) => counts[i] === stated) && (rest === 0 || rest === stated);
    return agree ? { kind: 'value', value: stated, evidence: text.trim() } : { kind: 'none' };
  }
  const total = counts.reduce((a, n) => a + n, 0);
  // The citizen must be among them ("ich", "wir beide"), or persons be counted as such ("2
  // Erwachsene"): "meine Frau" alone may mean her only or her and the citizen.
  const anchored = parts.some((p) => SELF.test(p) || PAIR.test(p) || GROUP.test(p) || (SOME_PEOPLE.test(p) && !CHILDREN.test(p)));
  if (!anchored) return { kind: 'none' };
  return { kind: 'value', value: total, evidence: text.trim() };
}
