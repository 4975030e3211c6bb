/**
 * Pseudonymisation before a call to an external provider: names, e-mail addresses, phone
 * numbers, IBANs, ID and tax numbers, street addresses and full dates with a year (a birth date
 * is personal data; the deterministic extractors read dates locally) are replaced by placeholders such as
 * [EMAIL_1]; the map stays in the process and restores them in the reply. Detection is
 * deliberately greedy: a false positive costs one extraction, a false negative leaks data.
 */

export type PiiKind = 'NAME' | 'EMAIL' | 'PHONE' | 'IBAN' | 'ID' | 'TAXID' | 'ADDRESS' | 'DATE';

export interface Pseudonymised {
  text: string;
  /** Placeholder → original. */
  map: Map<string, string>;
}

const STREET_WORDS = '(?:stra(?:ß|ss)e|str\\.?|weg|allee|platz|gasse|ring|damm|ufer|chaussee|pfad|steig|markt|hof|berg|feld|garten)';
const NAME_WORD = "[A-ZÄÖÜŞÇĞİ][a-zäöüßéèáàçğış']+(?:-[A-ZÄÖÜŞÇĞİ][a-zäöüßéèáàçğış']+)*";
const NAME_SEQ = `${NAME_WORD}(?:\\s+(?:von|van|de|zu|al|el|bin)\\s+)?(?:\\s+${NAME_WORD}){0,3}`;

const MONTHS = 'Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|July|October|December';
const FULL_DATE = `\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?(?:\\d{4}|\\d{2})\\b|\\d{4}-\\d{1,2}-\\d{1,2}\\b|\\d{1,2}\\.?\\s+(?:${MONTHS})\\s+\\d{4}\\b`;

/**
 * A full date in any spelling the extractors read: day-month-year with dots, slashes or dashes
 * (2- or 4-digit year), ISO year-month-day, and a day with a month word of any language before a
 * 4-digit year ("5. März 2012", "12 Mart 2005", "3 травня 2010"), or an English "May 13, 2009".
 * Groups: 1–3 d/m/y numeric; 4–6 ISO y/m/d; 7 year after a month word; 8 year of "Month d, yyyy".
 */
const DIGIT = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const ANY_FULL_DATE = new RegExp([
  `(?<![\\p{L}\\p{N}\\[_])(?:(D{1,2})\\s?[./-]\\s?(D{1,2})\\s?[./-]\\s?(D{4}|D{2})`,
  `(D{4})[-/.](D{1,2})[-/.](D{1,2})`,
  `D{1,2}\\.?\\s+\\p{L}{3,12}\\.?\\s+(D{4})`,
  `\\p{L}{3,12}\\.?\\s+D{1,2},?\\s+(D{4}))(?![\\p{L}\\p{N}])`,
].join('|').replace(/D\{/g, `${DIGIT}{`), 'gu');

/** Arabic-Indic and Persian digits as ASCII digits. */
const ascii = (s: string): string => s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String((c.codePointAt(0) as number) & 0xf));

/** True when the date the groups of {@link ANY_FULL_DATE} spell lies before `today` (any date when there is no today). */
function isPastDate(g: (string | undefined)[], today: string | undefined): boolean {
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return true;
  const [ty, tm, td] = today.split('-').map(Number);
  const fullYear = (y: string): number => (y.length === 4 ? Number(y) : 2000 + Number(y) > ty ? 1900 + Number(y) : 2000 + Number(y));
  let y: number; let m: number; let d: number;
  const n = (x: string | undefined): number => Number(ascii(x ?? ''));
  if (g[0] !== undefined) { d = n(g[0]); m = n(g[1]); y = fullYear(ascii(g[2] as string)); }
  else if (g[3] !== undefined) { y = n(g[3]); m = n(g[4]); d = n(g[5]); }
  else { y = n(g[6] ?? g[7]); return y < ty; } // a month word: by its year (a date later this year still goes out)
  return y * 10_000 + m * 100 + d < ty * 10_000 + tm * 100 + td;
}

/** Ordered: longer, more specific patterns first, so an IBAN is not taken for a phone number. */
const PATTERNS: { kind: PiiKind; re: RegExp; group?: number }[] = [
  { kind: 'EMAIL', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu },
  { kind: 'IBAN', re: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi },
  // Birth dates: a full date after a birth cue ("geboren am …", "geb. …", "date of birth …"),
  // and any full date of the 1900s (no appointment or start date lies there). Dates the
  // extraction needs (an appointment, a start date) still go out.
  { kind: 'DATE', re: new RegExp(`(?:geboren|geb\\.|geburtsdatum|geburtstag|born|birth)[^0-9\\n]{0,25}(${FULL_DATE})`, 'giu'), group: 1 },
  { kind: 'DATE', re: new RegExp(`(${FULL_DATE})[^0-9\\n]{0,12}(?:geboren|born)`, 'giu'), group: 1 },
  { kind: 'DATE', re: /\b\d{1,2}\.\s?\d{1,2}\.\s?19\d{2}\b|\b19\d{2}-\d{1,2}-\d{1,2}\b|\b\d{1,2}\.?\s+[A-Za-zä]{3,9}\s+19\d{2}\b/gu },
  // Steuer-ID: 11 digits, often grouped 2-3-3-3; Steuernummer: 12/345/67890.
  { kind: 'TAXID', re: /\b\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}\b/g },
  { kind: 'TAXID', re: /\b\d{2,3}\/\d{3,4}\/\d{4,5}\b/g },
  { kind: 'PHONE', re: /(?:\+|\b00)\d{1,3}[\s/-]?(?:\(0\)[\s]?)?\d[\d\s/-]{5,}\d\b/g },
  { kind: 'PHONE', re: /\b0\d{2,5}[\s/-]?\d[\d\s-]{3,}\d\b/g },
  // ID card / passport numbers: 9–10 characters of the ICAO alphabet with at least one digit and one letter.
  { kind: 'ID', re: /\b(?=[A-Z0-9]{9,10}\b)(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[CFGHJKLMNPRTVWXYZ0-9][A-Z0-9]{8,9}\b/g },
  { kind: 'ADDRESS', re: new RegExp(`\\b[\\p{L}-]*${STREET_WORDS}\\s*\\d{1,4}\\s?[a-zA-Z]?\\b`, 'giu') },
  { kind: 'ADDRESS', re: new RegExp(`\\b(?:Am|An der|Auf der|Im|In der|Zum|Zur)\\s+${NAME_WORD}\\s+\\d{1,4}\\s?[a-z]?\\b`, 'gu') },
  {
    kind: 'NAME',
    re: new RegExp(`(?:[Ii]ch\\s+hei(?:ß|ss)e|[Mm]ein\\s+Name\\s+ist|[Nn]ame\\s*:|[Hh]ei(?:ß|ss)t|[Mm]y\\s+name\\s+is|[Nn]amens|[Aa]dım|[Ii]smim|Herr|Frau|Hr\\.|Fr\\.|[Ss]ohn|[Tt]ochter|[Kk]ind|[Vv]ermieter(?:in)?|[Ff]amilie)\\s+(${NAME_SEQ})`, 'gu'),
    group: 1,
  },
];

/** Words after "Herr"/"Sohn" etc. that are not names. */
const NOT_NAMES = new Set(['Ich', 'Er', 'Sie', 'Es', 'Der', 'Die', 'Das', 'Den', 'Dem', 'Ein', 'Eine', 'Einen', 'Und', 'Oder', 'Aber', 'Mein', 'Meine', 'Hat', 'Ist', 'Braucht']);

function trimName(name: string): string {
  const words = name.split(/\s+/);
  while (words.length > 0 && NOT_NAMES.has(words[words.length - 1])) words.pop();
  return NOT_NAMES.has(words[0] ?? '') ? '' : words.join(' ');
}

/**
 * Capitalised words that start sentences, greet, or belong to dates and places a citizen names
 * on purpose; a run of two or more other capitalised words ("Max Mustermann") counts as a name.
 */
const COMMON_CAPITALISED = new Set([
  'ich', 'mein', 'meine', 'meinen', 'meinem', 'meiner', 'wir', 'sie', 'er', 'es', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen',
  'und', 'oder', 'aber', 'auf', 'am', 'an', 'im', 'in', 'ab', 'bis', 'von', 'vom', 'zum', 'zur', 'für', 'mit', 'bei', 'nach', 'seit', 'wie', 'was',
  'hallo', 'guten', 'tag', 'morgen', 'abend', 'moin', 'servus', 'hi', 'hey', 'liebe', 'lieber', 'sehr', 'geehrte', 'geehrter', 'danke', 'bitte',
  'ja', 'nein', 'nee', 'doch', 'ok', 'okay', 'also', 'naja', 'egal', 'herr', 'frau', 'familie', 'name', 'mail', 'tel', 'telefon', 'handy',
  'januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'ende', 'anfang', 'mitte', 'heute', 'gestern', 'übermorgen',
  'the', 'my', 'i', 'and', 'is', 'on', 'at', 'for', 'gelsenkirchen', 'deutschland', 'germany', 'bürgerbüro', 'bürgercenter', 'rathaus',
]);

const CAP_WORD = /^[A-ZÄÖÜŞÇĞİ][a-zäöüßéèáàçğış']+(?:-[A-ZÄÖÜŞÇĞİ][a-zäöüßéèáàçğış']+)*$/;

/** Replaces runs of two to four capitalised words that are neither common nor in `keep`. */
function bareNames(text: string, keep: Set<string>, replace: (name: string) => string): string {
  const tokens = text.split(/(\s+|[,;:.!?()"]+)/);
  const isName = (w: string | undefined): boolean => w !== undefined && CAP_WORD.test(w)
    && !COMMON_CAPITALISED.has(w.toLowerCase()) && !w.toLowerCase().split('-').some((p) => keep.has(p));
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    // A run: name word, (single space, name word)*
    if (isName(tokens[i])) {
      let j = i;
      const words = [tokens[i]];
      while (tokens[j + 1] !== undefined && /^ $/.test(tokens[j + 1]) && isName(tokens[j + 2]) && words.length < 4) {
        words.push(tokens[j + 2]);
        j += 2;
      }
      if (words.length >= 2) {
        out.push(replace(words.join(' ')));
        i = j + 1;
        continue;
      }
    }
    out.push(tokens[i]);
    i += 1;
  }
  return out.join('');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces personal data in `text` by placeholders. `known` are values the session already
 * holds (a name, an e-mail): they are replaced wherever they occur, whatever the patterns find.
 * `keep` are lower-case words the extraction needs (enum value words such as "buer"): a
 * capitalised run containing one is not taken for a name.
 */
export function pseudonymise(text: string, known: string[] = [], keep: string[] = [], opts: { today?: string } = {}): Pseudonymised {
  const map = new Map<string, string>();
  const byValue = new Map<string, string>();
  const counters: Record<string, number> = {};
  const placeholder = (kind: PiiKind, value: string): string => {
    const existing = byValue.get(value);
    if (existing) return existing;
    counters[kind] = (counters[kind] ?? 0) + 1;
    const p = `[${kind}_${counters[kind]}]`;
    map.set(p, value);
    byValue.set(value, p);
    return p;
  };
  let out = text;
  for (const value of [...new Set(known.filter((k) => typeof k === 'string' && k.trim().length >= 3))].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRe(value.trim()), 'gi'), (m) => placeholder(value.includes('@') ? 'EMAIL' : /^\+?\d/.test(value) ? 'PHONE' : 'NAME', m));
  }
  for (const { kind, re, group } of PATTERNS) {
    out = out.replace(re, (...args: unknown[]) => {
      const whole = args[0] as string;
      if (/\[[A-Z]+_\d+\]/.test(whole)) return whole;
      if (group === undefined) return placeholder(kind, whole);
      const part = trimName(args[group] as string);
      if (!part) return whole;
      const at = whole.lastIndexOf(part);
      return whole.slice(0, at) + placeholder(kind, part) + whole.slice(at + part.length);
    });
  }
  // Any full date before today (or any at all without a today) is held back, in every spelling:
  // a birth date needs no cue word to be one, and the extractors read dates without the model.
  out = out.replace(ANY_FULL_DATE, (whole: string, ...groups: unknown[]) => (isPastDate(groups as (string | undefined)[], opts.today) ? placeholder('DATE', whole) : whole));
  const keepSet = new Set(keep.map((k) => k.toLowerCase()));
  out = bareNames(out, keepSet, (name) => placeholder('NAME', name));
  return { text: out, map };
}

/** Puts the originals back into every string inside `value` (proposals, evidence, unmapped). */
export function restore<T>(value: T, map: Map<string, string>): T {
  if (map.size === 0) return value;
  if (typeof value === 'string') {
    return value.replace(/\[(?:NAME|EMAIL|PHONE|IBAN|ID|TAXID|ADDRESS|DATE)_\d+\]/g, (p) => map.get(p) ?? p) as T;
  }
  if (Array.isArray(value)) return value.map((v) => restore(v, map)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restore(v, map);
    return out as T;
  }
  return value;
}
