/**
 * Number words as spoken on the phone channel: German compounds ("einundzwanzig",
 * "neunzehnhundertneunzig", "zweitausendvier"), ordinals ("dritter", "dreizehnten") and the
 * English counterparts. Input is folded (lower case, ä→ae, ß→ss).
 */

const DE_BASE: Record<string, number> = {
  null: 0, ein: 1, eins: 1, eine: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7,
  acht: 8, neun: 9, zehn: 10, elf: 11, zwoelf: 12, dreizehn: 13, vierzehn: 14, fuenfzehn: 15,
  sechzehn: 16, sechszehn: 16, siebzehn: 17, siebenzehn: 17, achtzehn: 18, neunzehn: 19,
  zwanzig: 20, dreissig: 30, vierzig: 40, fuenfzig: 50, sechzig: 60, sechszig: 60, siebzig: 70,
  siebenzig: 70, achtzig: 80, neunzig: 90,
};
const DE_UNITS_IN_COMPOUND: Record<string, number> = {
  ein: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
};
const DE_TENS: Record<string, number> = {
  zwanzig: 20, dreissig: 30, vierzig: 40, fuenfzig: 50, sechzig: 60, sechszig: 60, siebzig: 70,
  siebenzig: 70, achtzig: 80, neunzig: 90,
};

/** Inflected forms of "ein" that count as 1 only where an article is plausible. */
export const DE_ARTICLE_ONE = new Set(['ein', 'eine', 'einen']);

function parseDeBelow100(s: string): number | undefined {
  if (s in DE_BASE) return DE_BASE[s];
  const i = s.indexOf('und');
  if (i > 0) {
    const unit = DE_UNITS_IN_COMPOUND[s.slice(0, i)];
    const tens = DE_TENS[s.slice(i + 3)];
    if (unit !== undefined && tens !== undefined) return tens + unit;
  }
  return undefined;
}

function parseDeBelow1000(s: string): number | undefined {
  const i = s.indexOf('hundert');
  if (i < 0) return parseDeBelow100(s);
  const pre = s.slice(0, i);
  let post = s.slice(i + 7);
  const mult = pre === '' || pre === 'ein' ? 1 : parseDeBelow100(pre);
  if (mult === undefined || mult < 1) return undefined;
  if (post.startsWith('und')) post = post.slice(3);
  const rest = post === '' ? 0 : parseDeBelow100(post);
  if (rest === undefined) return undefined;
  return mult * 100 + rest;
}

/** A German cardinal number word up to 999 999, or undefined. "eins" → 1, "zweitausendvier" → 2004. */
export function parseGermanCardinal(word: string): number | undefined {
  if (!/^[a-z]+$/.test(word) || word.length > 80) return undefined;
  const i = word.indexOf('tausend');
  if (i < 0) return parseDeBelow1000(word);
  const pre = word.slice(0, i);
  let post = word.slice(i + 7);
  const mult = pre === '' || pre === 'ein' ? 1 : parseDeBelow1000(pre);
  if (mult === undefined || mult < 1) return undefined;
  if (post.startsWith('und')) post = post.slice(3);
  const rest = post === '' ? 0 : parseDeBelow1000(post);
  if (rest === undefined) return undefined;
  return mult * 1000 + rest;
}

const DE_ORDINAL_IRREGULAR: Record<string, number> = { er: 1, ers: 1, erst: 1, drit: 3, dritt: 3, sieb: 7, ach: 8 };
const ORDINAL_SUFFIXES = ['sten', 'ster', 'stem', 'stes', 'ste', 'ten', 'ter', 'tem', 'tes', 'te'];

/** A German ordinal word ("dritter", "dreizehnten", "einunddreißigste") → its number. */
export function parseGermanOrdinal(word: string): number | undefined {
  for (const suffix of ORDINAL_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length <= suffix.length) continue;
    const stem = word.slice(0, -suffix.length);
    const irregular = DE_ORDINAL_IRREGULAR[stem];
    if (irregular !== undefined) return irregular;
    if (stem === 'ein' || stem === 'eins' || stem === 'drei' || stem === 'null') continue; // "einte", "dreite" are no words
    const n = parseGermanCardinal(stem);
    if (n === undefined || n < 1) continue;
    // 1–19 take -te, 20 and more take -ste ("zwanzigste"); "sechste" is "sechs" + "te".
    const isSte = suffix.startsWith('s');
    if (isSte && n < 20 && !stem.endsWith('s')) continue;
    if (!isSte && n >= 20) continue;
    return n;
  }
  return undefined;
}

const EN_BASE: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_ORDINAL: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** An English cardinal word, also hyphen-joined ("twenty-one" given as "twenty-one" or "twentyone"). */
export function parseEnglishCardinal(word: string): number | undefined {
  const w = word.replace(/-/g, '');
  if (w in EN_BASE && w !== 'oh') return EN_BASE[w];
  for (const tens of ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']) {
    if (w.startsWith(tens)) {
      const unit = EN_BASE[w.slice(tens.length)];
      if (unit !== undefined && unit >= 1 && unit <= 9) return EN_BASE[tens] + unit;
    }
  }
  return undefined;
}

/** An English ordinal word ("third", "twenty-first"). */
export function parseEnglishOrdinal(word: string): number | undefined {
  const w = word.replace(/-/g, '');
  if (w in EN_ORDINAL) return EN_ORDINAL[w];
  for (const tens of ['twenty', 'thirty']) {
    if (w.startsWith(tens)) {
      const unit = EN_ORDINAL[w.slice(tens.length)];
      if (unit !== undefined && unit <= 9) return EN_BASE[tens] + unit;
    }
  }
  return undefined;
}

/** Any cardinal number word, German or English. */
export function parseCardinalWord(word: string): number | undefined {
  return parseGermanCardinal(word) ?? parseEnglishCardinal(word);
}

/** Any ordinal number word, German or English. */
export function parseOrdinalWord(word: string): number | undefined {
  return parseGermanOrdinal(word) ?? parseEnglishOrdinal(word);
}

/** Words that stand for one digit when digits are spoken one by one (phone numbers, postcodes). */
const DIGIT_WORDS: Record<string, number> = {
  null: 0, eins: 1, ein: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7, acht: 8,
  neun: 9, zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

/** The digit a word stands for when digits are read one by one, or undefined. */
export function digitWord(word: string): number | undefined {
  if (/^\d$/.test(word)) return Number(word);
  return DIGIT_WORDS[word];
}

/**
 * A run of number-word tokens as one number: joined German compounds ("neunzehn hundert
 * neunzig") or a spoken year in two halves ("neunzehn neunzig", "nineteen ninety").
 */
export function parseNumberWordRun(words: string[]): number | undefined {
  if (words.length === 0) return undefined;
  const joined = parseGermanCardinal(words.join(''));
  if (joined !== undefined) return joined;
  if (words.length === 2) {
    const a = parseCardinalWord(words[0]);
    const b = parseCardinalWord(words[1]);
    if (a !== undefined && b !== undefined && a >= 10 && a <= 99 && b >= 10 && b <= 99) return a * 100 + b;
  }
  // English: "two thousand four", "nineteen hundred ninety"
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of words) {
    if (w === 'and') continue;
    const n = parseEnglishCardinal(w);
    if (n !== undefined) { current += n; seen = true; continue; }
    if (w === 'hundred' && seen) { current = (current || 1) * 100; continue; }
    if (w === 'thousand' && seen) { total += (current || 1) * 1000; current = 0; continue; }
    return undefined;
  }
  return seen ? total + current : undefined;
}
