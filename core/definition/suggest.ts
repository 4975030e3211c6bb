/** "Did you mean" suggestions for misspelt keys and names. */

/** Edit distance (insert, delete, substitute, swap of neighbours count 1 each). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      // A swap of two neighbours ("tpye") is one typo, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate if it is close enough to be a plausible typo, else undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const distance = editDistance(w, c.toLowerCase());
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, best.length) / 3)));
  if (bestDistance <= limit) return best;
  return byPrefix(w, candidates);
}

/** A longer slip ("geburtstag" for "geburtsdatum"): the one candidate sharing a long beginning with the word. */
function byPrefix(word: string, candidates: Iterable<string>): string | undefined {
  const need = Math.max(5, Math.ceil(word.length * 0.6));
  const common = (a: string, b: string): number => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const hits = [...candidates].filter((c) => common(word, c.toLowerCase()) >= need);
  return hits.length === 1 ? hits[0] : undefined;
}
