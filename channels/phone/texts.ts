/**
 * The phone channel's own phrases in the languages of the city, written by people. Every locale
 * with built-in messages has them (tsc checks the keys); other locales fall back to German.
 */
import type { Locale } from '../../core/definition/schema';
import { VOICE_AR, VOICE_PL, VOICE_RU, VOICE_TR, VOICE_UK } from './locales';

export type VoiceKey = 'humanHint' | 'notHeard' | 'silenceBye' | 'unknownCall' | 'busy' | 'failure' | 'messageWaiting'
  | 'transfer' | 'transferFailed' | 'noTransfer' | 'officeNumber' | 'officeHours' | 'yesNoKeys';

/** Locales a call can run in. */
export const VOICE_LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const satisfies readonly Locale[];
export type VoiceLocale = (typeof VOICE_LOCALES)[number];

const DE: Record<VoiceKey, string> = {
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
};

const EN: Record<VoiceKey, string> = {
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
};

export const VOICE_TEXTS: Record<VoiceLocale, Record<VoiceKey, string>> = {
  de: DE, en: EN, tr: VOICE_TR, ar: VOICE_AR, uk: VOICE_UK, ru: VOICE_RU, pl: VOICE_PL,
};

export type VoiceTexts = Record<VoiceKey, string>;

/** A locale a call can run in, or German. */
export const voiceLocale = (locale: string): VoiceLocale =>
  ((VOICE_LOCALES as readonly string[]).includes(locale) ? locale : 'de') as VoiceLocale;

/** Texts for a locale (German when there are none for it). */
export function voiceTexts(locale: string): VoiceTexts {
  return VOICE_TEXTS[voiceLocale(locale)];
}

/** The recognizer language jambonz listens in, per locale. */
export const RECOGNIZER_LANGUAGE: Record<VoiceLocale, string> = {
  de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-SY', uk: 'uk-UA', ru: 'ru-RU', pl: 'pl-PL',
};
