/** The phone channel: a jambonz voice webhook speaking amtsweg sessions. */
export { mountVoice, type VoiceOptions } from './voice';
export { normalizeSpoken, spokenCardinal, spokenOrdinal, spokenEmail } from './spoken';
export { toSsml, spellDigits, escapeXml, messageSsml, speakDates, speakTimes, speakMoney, speakEmail } from './ssml';
export { voiceTexts, voiceLocale, VOICE_TEXTS, VOICE_LOCALES, RECOGNIZER_LANGUAGE, type VoiceLocale } from './texts';
export { forVoice, WRITE_WORDS } from './for-voice';
export { turnVerbs, type JambonzVerb } from './verbs';
export { verifyWebhook, signWebhook, signVoiceRequest, signedText, memoryNonceStore, type NonceStore, type WebhookVerdict } from './webhook-auth';
export { sqliteNonceStore } from './nonce-sqlite';
export { VoiceConfigError } from './errors';
export { voicePlugin } from './plugin';
