/**
 * Turns a German speech transcript into the written form the extractors read:
 * "dritter Mai neunzehnhundertneunzig" → "3. Mai 1990", "vier fünf acht sieben neun" → "45879".
 * Telephony ASR writes numbers as words about as often as as digits; this evens that out.
 */

const UNITS: Record<string, number> = {
  null: 0, ein: 1, eins: 1, eine: 1, einen: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
  zehn: 10, elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
};
const TENS: Record<string, number> = {
  zwanzig: 20, dreißig: 30, dreissig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
};
const ORDINAL_STEMS: Record<string, number> = { er: 1, ers: 1, drit: 3, sieb: 7, ach: 8 };
const DIGIT_WORDS = new Set(['null', 'eins', 'ein', 'zwei', 'zwo', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun']);

function below100(s: string): number | undefined {
  if (s in UNITS) return UNITS[s];
  if (s in TENS) return TENS[s];
  const m = /^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)$/.exec(s);
  return m ? UNITS[m[1]] + TENS[m[2]] : undefined;
}

function below1000(s: string): number | undefined {
  const at = s.indexOf('hundert');
  if (at < 0) return below100(s);
  const head = s.slice(0, at);
  const h = head === '' ? 1 : below100(head);
  const rest = s.slice(at + 'hundert'.length).replace(/^und/, '');
  const r = rest === '' ? 0 : below100(rest);
  return h === undefined || r === undefined || h > 99 ? undefined : h * 100 + r;
}

/** A German cardinal written as one word ("neunzehnhundertneunzig" → 1990), else undefined. */
export function spokenCardinal(word: string): number | undefined {
  const s = word.toLowerCase();
  if (!/^[a-zäöüß]+$/.test(s)) return undefined;
  const at = s.indexOf('tausend');
  if (at < 0) return below1000(s);
  const head = s.slice(0, at);
  const t = head === '' ? 1 : below1000(head);
  const rest = s.slice(at + 'tausend'.length).replace(/^und/, '');
  const r = rest === '' ? 0 : below1000(rest);
  return t === undefined || r === undefined ? undefined : t * 1000 + r;
}

/** A German ordinal ("dritter", "einundzwanzigsten") → its number, else undefined. */
export function spokenOrdinal(word: string): number | undefined {
  const s = word.toLowerCase();
  const m = /^([a-zäöüß]+?)(ste|te)(r|n|m|s)?$/.exec(s);
  if (!m) return undefined;
  for (const stem of [m[1], m[1] + (m[2] === 'ste' ? 's' : '')]) {
    if (stem in ORDINAL_STEMS) return ORDINAL_STEMS[stem];
    const n = spokenCardinal(stem);
    if (n !== undefined && n > 0) return n;
  }
  // "sechste": the lazy match took "sech" + "ste"; try the other split.
  const alt = /^([a-zäöüß]+)(te)(r|n|m|s)?$/.exec(s);
  if (alt) {
    const n = spokenCardinal(alt[1]);
    if (n !== undefined && n > 0) return n;
  }
  return undefined;
}

const SPOKEN_EMAIL = /([\p{L}\p{N}_-]+(?:\s+(?:punkt|dot|minus|bindestrich|unterstrich)\s+[\p{L}\p{N}_-]+)*)\s+(?:at|ät|et)\s+([\p{L}\p{N}-]+(?:\s+(?:punkt|dot|minus|bindestrich)\s+[\p{L}\p{N}-]+)+)/iu;

/** "erika punkt mustermann at example punkt org" → "erika.mustermann@example.org". */
export function spokenEmail(text: string): string {
  return text.replace(SPOKEN_EMAIL, (_m, local: string, domain: string) => {
    const join = (s: string) => s.replace(/\s+(punkt|dot)\s+/gi, '.').replace(/\s+(minus|bindestrich)\s+/gi, '-').replace(/\s+unterstrich\s+/gi, '_');
    return `${join(local)}@${join(domain)}`.toLowerCase();
  });
}

/** Normalises a speech transcript for extraction (see module comment). Other words stay as they are. */
export function normalizeSpoken(transcript: string): string {
  const tokens = spokenEmail(transcript.trim()).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { core, tail } = splitPunctuation(tokens[i]);
    const lower = core.toLowerCase();
    // A run of single digits, spoken or written ("vier fünf acht" / "4 5 8"), is one number.
    if (isDigitToken(lower)) {
      let j = i;
      const digits: string[] = [];
      let lastTail = '';
      while (j < tokens.length) {
        const part = splitPunctuation(tokens[j]);
        const l = part.core.toLowerCase();
        if (!isDigitToken(l)) break;
        digits.push(String(/^\d$/.test(l) ? l : UNITS[l]));
        lastTail = part.tail;
        j++;
        if (part.tail) break;
      }
      const spokenRun = tokens.slice(i, j).some((tk) => !/^\d/.test(tk));
      if (digits.length >= 2 && (spokenRun || digits.length >= 3)) {
        out.push(digits.join('') + lastTail);
        i = j - 1;
        continue;
      }
    }
    const ord = spokenOrdinal(lower);
    if (ord !== undefined) { out.push(`${ord}.${tail}`); continue; }
    const card = spokenCardinal(lower);
    if (card !== undefined && lower !== 'ein' && lower !== 'eine' && lower !== 'einen') { out.push(`${card}${tail}`); continue; }
    out.push(tokens[i]);
  }
  return out.join(' ');
}

function isDigitToken(lower: string): boolean {
  return /^\d$/.test(lower) || (DIGIT_WORDS.has(lower) && lower !== 'ein');
}

function splitPunctuation(token: string): { core: string; tail: string } {
  const m = /^(.*?)([.,;:!?]*)$/.exec(token);
  return { core: m ? m[1] : token, tail: m ? m[2] : '' };
}
