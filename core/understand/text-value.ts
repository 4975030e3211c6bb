/**
 * The value of a free-text slot from a message. The pieces another open slot takes (an e-mail
 * address, a phone number, a postcode) are cut out, so "Max Mustermann, max@example.org" gives
 * the name and the address, each to its slot. For a name slot the words around the name go too
 * ("Ich heiße …", "Mein Name ist …", "Sie heißt …", "… bitte"); what still reads like a sentence
 * (digits, many words) is not taken as a name: the question comes again, because a wrong name
 * on a notice is worse than a question. A slot whose `pattern` asks for a piece inside a sentence
 * (`.*GE-?[A-Z0-9]{8}\b.*`) takes that piece: "Ich möchte absagen, Nummer GE-AB12CD34" gives
 * "GE-AB12CD34".
 */
import type { ServiceDefinition, Slot } from '../definition/schema';
import { extractEmail, extractPhone, extractPostcode, extractYesNo, foldText, normalizeText } from '../extract';
import type { Extraction } from '../extract/types';

const CONTACT: Record<string, (text: string) => Extraction<string>> = {
  email: (t) => extractEmail(t),
  phone: (t) => extractPhone(t),
  postcode: (t) => extractPostcode(t),
};

/** Words that only introduce a contact detail ("meine E-Mail ist", "Tel.:"). */
const CONTACT_LEAD = /(?:^|[\s,;])(?:und\s+|and\s+)?(?:meine\s+|my\s+|die\s+)?(?:e-?mail(?:-?adresse)?|mail(?:adresse)?|email address|e-mail address|telefon(?:nummer)?|tel\.?|handy(?:nummer)?|phone(?: number)?|plz|postleitzahl)(?:\s+(?:ist|lautet|is))?\s*:?\s*$/i;

const NAME_LEAD = new RegExp([
  '^(?:(?:also|ja|ok|okay|gern|gerne|hallo|hi|hello|yes)[,.!]?\\s+)*',
  '(?:ich\\s+hei(?:ß|ss)e|ich\\s+bin|mein\\s+(?:voller\\s+|vollständiger\\s+|vollstaendiger\\s+)?name\\s+(?:ist|lautet|wäre|waere)',
  '|(?:der\\s+)?name\\s+(?:ist\\s+)?(?:falsch|nicht\\s+richtig)\\s*[,:.]?\\s*(?:(?:richtig|korrekt)\\s+ist|es\\s+ist)?\\s*:?',
  '|der\\s+name\\s+(?:ist|lautet)|name\\s*:|(?:sie|er|es|der|die|das)\\s+hei(?:ß|ss)t',
  '|(?:meine\\s+tochter|mein\\s+sohn|das\\s+kind|mein\\s+kind)\\s+hei(?:ß|ss)t',
  '|my\\s+(?:full\\s+)?name\\s+is|(?:her|his)\\s+name\\s+is|i\\s*(?:\'|’)?m|i\\s+am|it(?:\'|’)?s|this\\s+is|she\\s+is|he\\s+is',
  '|(?:der\\s+|mein\\s+)?name\\s+(?:ist|lautet)|auf\\s+(?:den|meinen|ihren|seinen)\\s+namen[,:]?|auf\\s+|(?:für|fuer|for)\\s+)\\s*',
].join(''), 'i');
const NAME_TAIL = /[\s,]*(?:bitte|danke(?:\s+schön)?|thanks|thank you|please)?[\s.!]*$/i;
const NAME_LIKE_MAX_WORDS = 5;
/** Lower-case words a name may hold ("von der Heide", "van Dijk", "bin Laden"). */
const NAME_PARTICLES = new Set(['von', 'van', 'vom', 'der', 'den', 'de', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'zu', 'zum', 'zur', 'ter', 'ten', 'te', 'al', 'el', 'bin', 'ibn', 'la', 'le', 'y', 'e']);
/** Words that show a sentence, not a name, when the citizen writes everything in lower case. */
const NOT_NAME_WORDS = new Set(['ich', 'bin', 'die', 'das', 'und', 'ist', 'mein', 'meine', 'meiner', 'mutter', 'vater', 'sohn', 'tochter', 'kind', 'frau', 'mann', 'herr',
  'bitte', 'name', 'heisse', 'heiße', 'nicht', 'weiss', 'weiß', 'ja', 'nein', 'the', 'my', 'is', 'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'not', 'know']);

/**
 * A name as a clerk writes it, or undefined when the words are no name: code-like punctuation,
 * lower-case words
 * beside capitalised ones ("die Mutter von Tim") that are no name particle; a name written all
 * in lower case is capitalised word by word ("max mustermann" → "Max Mustermann").
 */
function asName(value: string): string | undefined {
  // Code-like punctuation or a web address is no name ("Robert'); DROP TABLE …", "http://…").
  if (/[()\[\]{};=<>`|\\]|--|:\/\/|\bwww\./.test(value)) return undefined;
  const words = value.split(/\s+/).filter((w) => w.length > 0);
  const lowerInitial = (w: string) => /^\p{Ll}/u.test(w);
  if (words.every(lowerInitial)) {
    if (words.some((w) => NOT_NAME_WORDS.has(w.replace(/[,.]$/, '')))) return undefined;
    return words.map((w, i) => (i > 0 && NAME_PARTICLES.has(w) ? w : w.replace(/(^|-)(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('de')))).join(' ');
  }
  // An e-mail address no open slot takes stays in the text (it is not thrown away).
  if (words.some((w) => lowerInitial(w) && !w.includes('@') && !NAME_PARTICLES.has(w.replace(/,$/, '')))) return undefined;
  return value;
}

/** "Zweck: Waffenschein", "Anschrift: …": a short label before a colon is no part of the value. */
function withoutLabel(value: string, slotName: string, slot: Slot): string {
  const m = /^([^:]{1,40}):\s*(\S.*)$/s.exec(value);
  if (!m) return value;
  const lead = foldText(m[1].toLowerCase()).split(/[^a-z]+/).filter((w) => w.length > 0);
  const label = typeof slot.label === 'string' ? slot.label : Object.values(slot.label ?? {}).join(' ');
  const own = foldText(`${label} ${slotName.replace(/_/g, ' ')}`.toLowerCase()).split(/[^a-z]+/).filter((w) => w.length >= 4);
  const generic = ['name', 'zweck', 'anschrift', 'adresse', 'address', 'purpose', 'behoerde', 'nummer', 'buchungsnummer'];
  const isLabel = lead.length <= 3 && lead.some((w) => generic.includes(w) || own.some((o) => o.startsWith(w.slice(0, 5)) || w.startsWith(o.slice(0, 5))));
  return isLabel ? m[2].trim() : value;
}

function isNameSlot(name: string, slot: Slot): boolean {
  const label = typeof slot.label === 'string' ? slot.label : Object.values(slot.label ?? {}).join(' ');
  return /(?:^|_)name(?:$|_)/.test(name) || /\bname\b/i.test(foldText(label));
}

function cutContacts(source: string, types: ReadonlySet<string>): string {
  let out = source;
  for (const [type, extract] of Object.entries(CONTACT)) {
    if (!types.has(type)) continue;
    const ex = extract(out);
    if (ex.kind !== 'value' && ex.kind !== 'ambiguous') continue;
    const at = out.indexOf(ex.evidence);
    if (at < 0) continue;
    const before = out.slice(0, at).replace(CONTACT_LEAD, '');
    out = `${before} ${out.slice(at + ex.evidence.length)}`;
  }
  return out.replace(/\s+/g, ' ').replace(/^[\s,;:/-]+|[\s,;:/-]+$/g, '').replace(/\s+(?:und|and)$/i, '').trim();
}

/**
 * The text value of `slotName` in `text`; `otherTypes` are the types of the other slots this
 * message may fill (their values are cut out of the text).
 */
/**
 * The piece a `.*X.*` pattern asks for, found in the text (undefined when the pattern is not of
 * that form; `none` when it is and the text has no such piece). A code is written the way the
 * pattern's canonical form shows it: an optional separator (`-?`) typed as a space, as spaces
 * around a hyphen or left out is written as `-` ("ge ab12cd34" → "GE-AB12CD34"), and letters are
 * upper-cased when the pattern accepts both cases. Two different pieces in one message are no
 * value (`ambiguous`): which booking is meant is asked, not guessed.
 */
function patternPiece(pattern: string | undefined, source: string): Extraction<string> | undefined {
  const core = pattern === undefined ? undefined : /^\.\*(.+?)\.\*$/.exec(pattern)?.[1];
  if (core === undefined) return undefined;
  let exact: RegExp;
  let tolerant: RegExp;
  try {
    exact = new RegExp(`^(?:${core})$`, 'u');
    const parts = core.split('-?');
    // A separator the pattern allows may be typed as spaces, a dash with spaces, or nothing.
    tolerant = new RegExp(`(?<![\\p{L}\\p{N}])${parts.length === 2 ? `(?<pre>${parts[0]})(?<sep>\\s*[-–]\\s*|\\s+)?(?<post>${parts[1]})` : `(?:${core})`}`, 'gu');
  } catch {
    return undefined;
  }
  const found = new Map<string, string>();
  for (const m of source.matchAll(tolerant)) {
    const raw = m[0].trim();
    if (!raw) continue;
    const g = m.groups;
    // Run together with no separator, a word is no code ("Generation"): only with a digit or in capitals.
    if (g && g.sep === undefined && !/\d/.test(raw) && raw !== raw.toUpperCase()) continue;
    const joined = g ? `${g.pre}-${g.post}` : raw;
    const canonical = [joined.toUpperCase(), joined].find((c) => exact.test(c)) ?? raw;
    found.set(canonical, raw);
  }
  if (found.size === 0) return { kind: 'none' };
  const values = [...found.keys()];
  if (values.length > 1) return { kind: 'ambiguous', options: values, evidence: [...found.values()].join(' ') };
  return { kind: 'value', value: values[0], evidence: found.get(values[0]) as string };
}

export function textValue(def: ServiceDefinition, slotName: string, text: string, otherTypes: ReadonlySet<string>): Extraction<string> {
  const slot = def.slots[slotName];
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const piece = patternPiece(slot?.pattern, source);
  if (piece !== undefined) return piece.kind === 'none' ? { kind: 'invalid', reason: 'pattern_mismatch', evidence: source } : piece;
  // "hab ich grad nicht da", "nein": a refusal or a bare yes/no is no text to write down.
  const yn = extractYesNo(source);
  if (yn.kind === 'value' && (!yn.value || yn.evidence.length >= source.replace(/[\s.!,]+$/, '').length - 2)) return { kind: 'none' };
  let value = cutContacts(source, otherTypes);
  if (slot) value = withoutLabel(value, slotName, slot);
  if (slot && isNameSlot(slotName, slot)) {
    value = value.replace(NAME_LEAD, '').replace(NAME_TAIL, '').replace(/^["'„“»]+|["'“”«]+$/g, '').trim();
    const words = value.split(/\s+/).filter((w) => w.length > 0);
    if (/\d/.test(value) || words.length > NAME_LIKE_MAX_WORDS) return { kind: 'none' };
    const name = asName(value);
    if (name === undefined) return { kind: 'none' };
    value = name;
  }
  if (!value) return { kind: 'none' };
  return { kind: 'value', value, evidence: value };
}
