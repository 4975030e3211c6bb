/** Errors of the phone channel. */

/** The voice webhook was mounted without a secret: every call would be accepted from anyone. */
export class VoiceConfigError extends Error {
  readonly code = 'voice_config';
  constructor(message: string) {
    super(`${message} Set AMTSWEG_VOICE_SECRET to the webhook secret configured in jambonz (at least 16 characters).`);
    this.name = 'VoiceConfigError';
  }
}
