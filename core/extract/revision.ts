/**
 * A citizen correcting themselves inside one message: "zwei, ne, drei", "13.05.1990, nein, ich
 * meinte 15.05.1990", "Buer, nee warte, lieber Erle" mean the later value; "4, nicht 3" means
 * the earlier one. Only an explicit correction word between two readings decides; "2 oder 3"
 * stays two options (the citizen is asked).
 */
import { foldText } from './normalize';
import type { Candidate } from './result';

/** Words that take back what came before. */
const REVISE = new Set(['nein', 'ne', 'nee', 'noe', 'doch', 'sorry', 'quatsch', 'korrektur', 'meinte', 'lieber', 'eher', 'no', 'actually', 'mean', 'meant', 'sorry']);
/** Words that may stand around them ("nein, ich meinte am", "ne warte, lieber den"). */
const FILLER = new Set(['ich', 'i', 'warte', 'wait', 'moment', 'aeh', 'aehm', 'oh', 'also', 'mal', 'am', 'den', 'der', 'dem', 'die', 'das', 'es', 'ist', 'sind', 'war', 'waren', 'in', 'im', 'nach', 'um', 'auf', 'the', 'it', 'is', 'was', 'on', 'oder', 'besser', 'natuerlich', 'richtig', 'korrekt', 'bitte', 'so', 'gegen']);
/** "4, nicht 3": the value after "nicht" is the one taken back. */
const NOT = new Set(['nicht', 'not', 'statt', 'anstatt', 'instead']);

function gapWords(source: string, from: number, to: number): string[] {
  return foldText(source.slice(from, to).toLowerCase()).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/**
 * Of candidates sorted by position, the ones left after the citizen's own corrections between
 * neighbours. Candidates with the same reading are left alone (they agree anyway).
 */
export function reviseCandidates<C extends Candidate<unknown>>(source: string, cands: readonly C[]): C[] {
  const sorted = [...cands].sort((a, b) => a.start - b.start);
  const out: C[] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (!prev) { out.push(c); continue; }
    const gap = gapWords(source, prev.end, c.start);
    if (gap.length > 0 && NOT.has(gap[0]) && gap.slice(1).every((w) => FILLER.has(w))) continue; // "4, nicht 3"
    if (gap.some((w) => REVISE.has(w)) && gap.every((w) => REVISE.has(w) || FILLER.has(w))) {
      out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}
