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
import { extractEmail, extractPhone, extractPostcode, foldText, normalizeText } from '../extract';
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
  '|der\\s+name\\s+(?:ist|lautet)|name\\s*:|(?:sie|er|es)\\s+hei(?:ß|ss)t',
  '|(?:meine\\s+tochter|mein\\s+sohn|das\\s+kind|mein\\s+kind)\\s+hei(?:ß|ss)t',
  '|my\\s+(?:full\\s+)?name\\s+is|(?:her|his)\\s+name\\s+is|i\\s*(?:\'|’)?m|i\\s+am|it(?:\'|’)?s|this\\s+is|she\\s+is|he\\s+is',
  '|(?:der\\s+|mein\\s+)?name\\s+(?:ist|lautet)|auf\\s+(?:den|meinen|ihren|seinen)\\s+namen[,:]?|auf\\s+|(?:für|fuer|for)\\s+)\\s*',
].join(''), 'i');
const NAME_TAIL = /[\s,]*(?:bitte|danke(?:\s+schön)?|thanks|thank you|please)?[\s.!]*$/i;
const NAME_LIKE_MAX_WORDS = 5;

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
/** The piece a `.*X.*` pattern asks for, found in the text (undefined when the pattern is not of that form). */
function patternPiece(pattern: string | undefined, source: string): string | null | undefined {
  const core = pattern === undefined ? undefined : /^\.\*(.+?)\.\*$/.exec(pattern)?.[1];
  if (core === undefined) return undefined;
  try {
    const found = new RegExp(core, 'u').exec(source);
    return found && found[0].trim().length > 0 ? found[0].trim() : null;
  } catch {
    return undefined;
  }
}

export function textValue(def: ServiceDefinition, slotName: string, text: string, otherTypes: ReadonlySet<string>): Extraction<string> {
  const slot = def.slots[slotName];
  const source = normalizeText(text);
  if (!source) return { kind: 'none' };
  const piece = patternPiece(slot?.pattern, source);
  if (typeof piece === 'string') return { kind: 'value', value: piece, evidence: piece };
  let value = cutContacts(source, otherTypes);
  if (slot && isNameSlot(slotName, slot)) {
    value = value.replace(NAME_LEAD, '').replace(NAME_TAIL, '').replace(/^["'„“»]+|["'“”«]+$/g, '').trim();
    const words = value.split(/\s+/).filter((w) => w.length > 0);
    if (/\d/.test(value) || words.length > NAME_LIKE_MAX_WORDS) return { kind: 'none' };
  }
  if (!value) return { kind: 'none' };
  return { kind: 'value', value, evidence: value };
}
