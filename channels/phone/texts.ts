/** The few fixed phrases of the phone channel; everything else comes from the definition. */
export const VOICE_TEXTS: Record<'de' | 'en', Record<'humanHint' | 'notHeard' | 'silenceBye' | 'unknownCall' | 'busy' | 'failure' | 'messageWaiting', string>> = {
  de: {
    humanHint: 'Mit der Taste 0 erreichen Sie jederzeit einen Menschen.',
    notHeard: 'Ich habe Sie nicht verstanden. Bitte noch einmal.',
    silenceBye: 'Ich höre leider nichts. Bitte rufen Sie noch einmal an. Auf Wiederhören.',
    unknownCall: 'Dieses Gespräch ist mir nicht bekannt. Bitte rufen Sie neu an. Auf Wiederhören.',
    busy: 'Einen Moment bitte, ich bin noch bei Ihrer letzten Antwort.',
    failure: 'Es gibt gerade ein technisches Problem. Bitte versuchen Sie es später noch einmal. Auf Wiederhören.',
    messageWaiting: 'Sie haben eine Nachricht vom Bürgerservice zu Ihrem letzten Anruf.',
  },
  en: {
    humanHint: 'Press 0 at any time to reach a person.',
    notHeard: 'I did not catch that. Please say it again.',
    silenceBye: 'I cannot hear you. Please call again. Goodbye.',
    unknownCall: 'I do not know this call. Please call again. Goodbye.',
    busy: 'One moment please, I am still working on your last answer.',
    failure: 'There is a technical problem. Please try again later. Goodbye.',
    messageWaiting: 'You have a message from the citizen service about your last call.',
  },
};

export type VoiceTexts = (typeof VOICE_TEXTS)['de'];

/** Texts for a locale (German when there are none for it). */
export function voiceTexts(locale: string): VoiceTexts {
  return locale === 'en' ? VOICE_TEXTS.en : VOICE_TEXTS.de;
}
