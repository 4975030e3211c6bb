/**
 * The phone channel's own phrases, and the rewrite that makes every other text (built-in
 * messages, the definition's questions) fit a call: a caller says or presses, never writes.
 */
type Key = 'humanHint' | 'notHeard' | 'silenceBye' | 'unknownCall' | 'busy' | 'failure' | 'messageWaiting'
  | 'transfer' | 'transferFailed' | 'noTransfer' | 'officeNumber' | 'officeHours' | 'yesNoKeys';

export const VOICE_TEXTS: Record<'de' | 'en', Record<Key, string>> = {
  de: {
    humanHint: 'Mit der Taste 0 erreichen Sie jederzeit einen Menschen.',
    notHeard: 'Ich habe Sie nicht verstanden. Bitte noch einmal.',
    silenceBye: 'Ich höre leider nichts. Bitte rufen Sie noch einmal an. Auf Wiederhören.',
    unknownCall: 'Dieses Gespräch ist mir nicht bekannt. Bitte rufen Sie neu an. Auf Wiederhören.',
    busy: 'Einen Moment bitte, ich bin noch bei Ihrer letzten Antwort.',
    failure: 'Es gibt gerade ein technisches Problem. Bitte versuchen Sie es später noch einmal. Auf Wiederhören.',
    messageWaiting: 'Sie haben eine Nachricht vom Bürgerservice zu Ihrem letzten Anruf.',
    transfer: 'Ich verbinde Sie jetzt mit einer Mitarbeiterin oder einem Mitarbeiter. Ihre bisherigen Angaben liegen dort vor.',
    transferFailed: 'Leider ist gerade niemand erreichbar. Ihr Anliegen ist mit Ihren Angaben beim Bürgerservice notiert; wenn Sie wieder von dieser Nummer anrufen, hören Sie die Antwort.',
    noTransfer: 'Ich kann Sie von hier aus nicht direkt verbinden. Ihr Anliegen ist mit Ihren Angaben beim Bürgerservice notiert; wenn Sie wieder von dieser Nummer anrufen, hören Sie die Antwort.',
    officeNumber: 'Sie erreichen den Bürgerservice auch direkt unter {phone}.',
    officeHours: 'Wir sind für Sie da: {hours}.',
    yesNoKeys: 'Sagen Sie Ja oder Nein, oder drücken Sie 1 für Ja und 2 für Nein.',
  },
  en: {
    humanHint: 'Press 0 at any time to reach a person.',
    notHeard: 'I did not catch that. Please say it again.',
    silenceBye: 'I cannot hear you. Please call again. Goodbye.',
    unknownCall: 'I do not know this call. Please call again. Goodbye.',
    busy: 'One moment please, I am still working on your last answer.',
    failure: 'There is a technical problem. Please try again later. Goodbye.',
    messageWaiting: 'You have a message from the citizen service about your last call.',
    transfer: 'I am putting you through to a member of staff now. They can see what you have told me.',
    transferFailed: 'Unfortunately nobody is available right now. Your request and your details are noted; when you call again from this number, you will hear the answer.',
    noTransfer: 'I cannot put you through from here. Your request and your details are noted; when you call again from this number, you will hear the answer.',
    officeNumber: 'You can also reach the citizen service directly on {phone}.',
    officeHours: 'We are there for you: {hours}.',
    yesNoKeys: 'Say yes or no, or press 1 for yes and 2 for no.',
  },
};

export type VoiceTexts = (typeof VOICE_TEXTS)['de'];

/** Texts for a locale (German when there are none for it). */
export function voiceTexts(locale: string): VoiceTexts {
  return locale === 'en' ? VOICE_TEXTS.en : VOICE_TEXTS.de;
}

// Written-channel wording → what a caller does. Order matters: longer phrases first.
const DE_RULES: [RegExp, string][] = [
  [/schreiben Sie jederzeit „Mitarbeiter“/g, 'sagen Sie jederzeit „Mitarbeiter“ oder drücken Sie die 0'],
  [/[Ss]chreiben Sie dazu „Mitarbeiter“/g, 'sagen Sie dazu „Mitarbeiter“ oder drücken Sie die 0'],
  [/Bitte antworten Sie mit der Nummer\./g, 'Bitte sagen Sie die Nummer oder drücken Sie die Taste.'],
  [/Sie können jederzeit schreiben:/g, 'Sie können jederzeit sagen:'],
  [/\bSchreiben Sie\b/g, 'Sagen Sie'],
  [/\bschreiben Sie\b/g, 'sagen Sie'],
  [/\bschreiben\b/g, 'sagen'],
  [/\bgeschrieben\b/g, 'gesagt'],
  [/\bIhre Nachricht\b/g, 'Ihre Antwort'],
  [/\bhier bei Ihnen\b/g, 'bei Ihnen'],
];
const EN_RULES: [RegExp, string][] = [
  [/write “staff” at any time/g, 'say “staff” or press 0 at any time'],
  [/just write “staff”/g, 'just say “staff” or press 0'],
  [/Please answer with the number\./g, 'Please say the number or press the key.'],
  [/\bwrite\b/g, 'say'],
  [/\bWrite\b/g, 'Say'],
  [/\bwriting\b/g, 'speaking'],
  [/\bby writing\b/g, 'by saying'],
];

/** A text of any channel, worded for a call ("sagen Sie" / "drücken Sie", never "schreiben"). */
export function forVoice(text: string, locale: string): string {
  let out = text;
  for (const [re, to] of locale === 'en' ? EN_RULES : DE_RULES) out = out.replace(re, to);
  return out;
}
