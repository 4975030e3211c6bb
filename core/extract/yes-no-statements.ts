/**
 * Yes and no said as a short statement instead of a yes-word: the answer echoes the question's
 * verb ("Haben Sie …?" – "hab ich bekommen", "liegt vor", "hab keine", "noch nicht"; "Möchten
 * Sie …?" – "möchte ich nicht"; "Ist der Hund …?" – "ist kein Listenhund", "nicht gefährlich").
 * Only whole short answers count (a clause after a comma may follow), never a verb inside a
 * longer story, and never a question: "brauche ich das?" is no answer.
 */

/** Folded (a–z) answer openings; the rest of the message after a comma is not read. */
const STATEMENTS: { re: RegExp; polarity: boolean }[] = [
  // "hab ich (schon) bekommen/gemeldet", "die hab ich hier liegen", "ich habe eine", "haben wir da"
  { re: /^(?:(?:die|der|das|den|sie|er|es|ihn|dat|et) )?(?:hab|habe|haben|hat|hab's|habs) (?:ich|wir|er|sie|es)(?: (?:schon|bereits|auch|jetzt|doch|hier|da))*(?: (?:bekommen|erhalten|gekriegt|gekricht|gemacht|gemeldet|angezeigt|liegen|da|hier|dabei|vorliegen|zuhause|zu hause|vom vermieter|vom verein))?$/, polarity: true },
  { re: /^(?:ja )?(?:ich|wir) (?:hab|habe|haben) (?:eine|einen|ein|die|sie|ihn|es|das|den)(?: (?:schon|bereits|hier|da))?$/, polarity: true },
  // "hab ich noch nicht gemacht", "hab keine", "ich habe keine", "haben wir noch nicht"
  { re: /^(?:(?:die|der|das|den|sie|er|es|ihn) )?(?:(?:hab|habe|haben|hat) (?:ich|wir|er|sie)|(?:ich|wir) (?:hab|habe|haben)|hab|habe) (?:noch |leider |auch |grad |gerade |grade |jetzt )*(?:nicht|nich|net|keine|keinen|kein|keins)(?: (?:bekommen|erhalten|gemacht|gemeldet|angezeigt|da|hier|dabei|zur hand))?$/, polarity: false },
  // "liegt vor", "die liegt mir vor", "ist da", "ist vorhanden"
  { re: /^(?:(?:die|der|das|sie|er|es) )?(?:liegt|liegen|ist|sind) (?:mir |uns )?(?:schon |bereits |jetzt )?(?:vor|da|vorhanden)$/, polarity: true },
  { re: /^(?:(?:die|der|das|sie|er|es) )?(?:liegt|liegen|ist|sind) (?:mir |uns )?(?:noch |leider )*(?:nicht|nich|net) (?:vor|da|vorhanden)$/, polarity: false },
  { re: /^(?:(?:die|der|das|sie|er|es) )?fehlt (?:mir |uns )?(?:noch|leider)?$/, polarity: false },
  // "noch nicht", "eher nicht", "nicht wirklich", "nicht gefährlich", "gar nicht"
  { re: /^(?:(?:noch|eher|eigentlich|wohl|gar|ueberhaupt|absolut|leider|also) )?(?:nicht|nich|net)(?: (?:wirklich|so|mehr|noetig|notwendig|[a-z]{4,}))?$/, polarity: false },
  // "ist kein Listenhund", "der ist nicht gefährlich", "is er nich"
  { re: /^(?:(?:der|die|das|er|sie|es|dat|et) )?(?:ist|is|isch) (?:er |sie |es )?(?:kein|keine|keiner|nicht|nich|net)\b/, polarity: false },
  // "möchte ich (nicht)", "brauch ich nicht", "will ich nicht"
  { re: /^(?:(?:das|es|den|die|ihn) )?(?:moechte|moecht|will|brauch|brauche|wuensche|mag) (?:ich|wir)(?: (?:gerne|gern|schon))?$/, polarity: true },
  { re: /^(?:(?:das|es|den|die|ihn) )?(?:moechte|moecht|will|brauch|brauche|wuensche|mag) (?:ich|wir) (?:nicht|nich|net|kein|keine|keinen)\b/, polarity: false },
  // English: "I do", "I don't", "I have", "I haven't", "not yet", "not really", "I don't think so"
  { re: /^(?:i|we) (?:do|have|did|have it|have one|do have it|already have it|have got it)$/, polarity: true },
  { re: /^(?:i|we) (?:don t|do not|haven t|have not|didn t|did not|don t think so)\b/, polarity: false },
  { re: /^not (?:yet|really|at all|so far)$/, polarity: false },
];

/** Words that join a yes-word to a stronger yes, so "aber" before them is no reservation ("aber sicher"). */
export const AFFIRMING_ABER = /^\W*aber (?:ja|klar|sicher|gerne?|natuerlich|sowieso|selbstverstaendlich)\b/;

/** The polarity of a short statement answer, or undefined. `folded` is lower-case a–z text. */
export function statementYesNo(folded: string): { polarity: boolean; start: number; end: number } | undefined {
  if (/\?/.test(folded)) return undefined;
  const clause = folded.split(/[,;.!]/)[0];
  const head = clause.replace(/[’']/g, ' ').replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!head || head.split(' ').length > 8) return undefined;
  const hit = STATEMENTS.find(({ re }) => re.test(head.replace(/\bhab s\b/, 'habs')));
  if (!hit) return undefined;
  const start = clause.search(/\S/);
  return { polarity: hit.polarity, start, end: clause.trimEnd().length };
}
