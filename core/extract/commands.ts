/**
 * Conversation commands recognised in any state. Only strong signals: words that are short for
 * a command anywhere ("abbrechen", "Mitarbeiter"), phrases that count in a short message only
 * ("weiß ich nicht"), and words that count only as the whole message ("stop", "ende"). Yes and
 * no come from the yes/no extractor.
 */
import { foldWithMap, normalizeText, tokenize } from './normalize';
import type { Command } from './types';
import { extractYesNo } from './yes-no';
import { cityCommands } from './city-words';

const ANYWHERE: { command: Command; re: RegExp }[] = [
  { command: 'cancel', re: /\b(?:abbrechen|abbruch|brechen sie ab|ich (?:will|moechte|mag) (?:das )?nicht mehr|vergiss es|vergessen sie es|cancel(?!\s+(?:(?:my|the|this|our|that|an?)\s+)?(?:appointment|booking|reservation|termin)s?\b)|i (?:want to|wanna) (?:stop|quit|cancel)|forget it)\b/ },
  { command: 'handoff', re: /\b(?:mitarbeiter(?:in|innen)?|sachbearbeiter(?:in)?|mit (?:einem|einer) (?:menschen|person)|einen menschen|echten? (?:person|menschen)|echter mensch|reale[nr]? (?:person|mensch)|mensch sprechen|human|agent|real person|a person|representative|someone real|member of staff|staff member)\b/ },
  { command: 'skip', re: /\b(?:ueberspringen|ueberspring|keine angabe|moechte ich nicht (?:sagen|angeben)|skip|prefer not to say)\b/ },
  { command: 'correction', re: /^(?:nein|nee|ne|no|noe|falsch|stimmt nicht)\b[,.!:]?\s*(?:ich meinte|ich meine|es ist|es war|es sind|das ist|das war|richtig ist|sondern|eigentlich|der|die|das|den|am|im|es|i meant|it'?s|it is)\b/ },
  { command: 'correction', re: /\b(?:korrektur|korrigieren|ich meinte|ich habe mich vertan|vertippt|verschrieben|actually,? it'?s|i meant|correction)\b/ },
  { command: 'help', re: /\b(?:hilfe|hilf mir|was muss ich tun|was soll ich (?:tun|machen|sagen|schreiben)|wie geht das|ich verstehe (?:das )?nicht|help|what do i do|what should i do|i don'?t understand)\b/ },
];

/** "weiß ich nicht" answers the question only in a short message, not inside a long story. */
const SHORT_MESSAGE: { command: Command; re: RegExp }[] = [
  { command: 'skip', re: /\b(?:weiss ich nicht|weiss nicht|keine ahnung|i don'?t know|no idea)\b/ },
  // "egal" is what the questions themselves suggest for "no preference".
  // Not when a wish follows: "egal, Hauptsache früh", "any time after lunch".
  { command: 'skip', re: /\b(?:egal|ist mir (?:gleich|wurscht|wurst|schnuppe)|mir (?:gleich|wurscht)|wie sie wollen|doesn'?t matter|no preference|whatever|any time|anytime)\b(?!.*\b(?:hauptsache|aber|nur|lieber|nach|vor|ab|bis|after|before|but|only|from|until)\b)/ },
];

/** Text that tries to instruct the assistant: its role words ("Sachbearbeiter") are no wish for a person. */
const INJECTION = /\b(?:ignoriere|ignorier|ignore|vergiss (?:alle|deine)|systemprompt|system prompt|anweisungen|instructions|du bist (?:jetzt|nun|ab sofort)|you are now|act as|jailbreak|developer mode)\b|\b(?:system|assistant|developer) ?:|<\/?[a-z]+>|\{\s*"|\b(?:drop|truncate|delete from|insert into|alter) table\b|\bunion (?:all )?select\b|;\s*--|'\s*or\s*'?1'?\s*=\s*'?1/;

/** Commands that count only as the whole message (up to three words, e.g. "Stopp!", "ende bitte"). */
const WHOLE_MESSAGE: { command: Command; re: RegExp }[] = [
  { command: 'cancel', re: /^(?:stopp?|ende|schluss|beenden|aufhoeren|exit|quit|tschuess|bye)\b/ },
  { command: 'handoff', re: /^(?:(?:ein |einen |zum |an |bitte )?(?:mensch|menschen)|staff|person|people|operator|(?:a |the )?person please)(?:\s?(?:bitte|please))?[.!]?$/ },
  { command: 'help', re: /^(?:\?+|was\?|hae\?*)$/ },
];

/** Whether a message tries to instruct the assistant ("SYSTEM:", "ignoriere alle Regeln"): nothing in it is taken as an answer. */
export function looksLikeInjection(text: string): boolean {
  return INJECTION.test(foldWithMap(normalizeText(text)).text);
}

/** Finds conversation commands in a message, each with the text that triggered it. */
export function detectCommands(text: string, _locale: string): { command: Command; evidence: string }[] {
  const source = normalizeText(text);
  if (!source) return [];
  const folded = foldWithMap(source);
  const f = folded.text;
  const evidence = (start: number, end: number) => source.slice(folded.map[start], folded.map[end - 1] + 1);
  const found = new Map<Command, string>();
  const words = tokenize(f).length;
  const lists = [...ANYWHERE, ...(words <= 6 ? SHORT_MESSAGE : []), ...(words <= 3 ? WHOLE_MESSAGE : [])];
  const injected = INJECTION.test(f);
  for (const { command, re } of lists) {
    const m = re.exec(f);
    // An injection attempt is answered as what it is, never taken as a command with effect.
    if (injected && command !== 'help') continue;
    if (m && !found.has(command)) found.set(command, evidence(m.index, m.index + m[0].length));
  }
  if (injected) return [...found].map(([command, ev]) => ({ command, evidence: ev }));
  for (const c of cityCommands(source)) if (!found.has(c.command)) found.set(c.command, c.evidence);
  const yn = extractYesNo(source);
  if (yn.kind === 'value') found.set(yn.value ? 'yes' : 'no', yn.evidence);
  return [...found].map(([command, ev]) => ({ command, evidence: ev }));
}
