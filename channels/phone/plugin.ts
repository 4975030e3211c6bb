import { join } from 'node:path';
import { sqliteNonceStore } from './nonce-sqlite';
import { defaultServiceId, logLine, type ChannelPluginLike } from '../security';
import { mountVoice } from './voice';
import { voiceLocale } from './texts';

/**
 * The jambonz voice webhook for `amtsweg serve`, at /voice/call, /voice/action, /voice/status.
 * On when AMTSWEG_VOICE_SECRET (≥ 16 characters, the webhook secret set in jambonz) is set;
 * AMTSWEG_VOICE_SERVICE picks the service, AMTSWEG_VOICE_TRANSFER the number for handoffs,
 * AMTSWEG_VOICE_OFFICE_PHONE / AMTSWEG_VOICE_OFFICE_HOURS what a caller hears when no transfer is
 * possible, AMTSWEG_VOICE_LOCALE de|en|tr|ar|uk|ru|pl
 * (a call webhook's `?locale=` overrides it).
 */
export const voicePlugin: ChannelPluginLike = {
  name: 'phone',
  mount(app, { engine, env, dataDir, store }) {
    if (!env.AMTSWEG_VOICE_SECRET) {
      logLine({ level: 'info', msg: 'voice webhook off (set AMTSWEG_VOICE_SECRET to turn it on)' });
      return;
    }
    mountVoice(app, {
      engine, secret: env.AMTSWEG_VOICE_SECRET, service: defaultServiceId(engine, env.AMTSWEG_VOICE_SERVICE),
      transferNumber: env.AMTSWEG_VOICE_TRANSFER || undefined,
      officePhone: env.AMTSWEG_VOICE_OFFICE_PHONE || undefined, officeHours: env.AMTSWEG_VOICE_OFFICE_HOURS || undefined, locale: voiceLocale(env.AMTSWEG_VOICE_LOCALE ?? 'de'), log: logLine,
      // The shared store's nonces when serve has one (every process sees every request id), else a file of our own.
      nonces: store?.nonces ?? sqliteNonceStore(join(dataDir, 'voice-nonces.db')),
      acceptJambonzSignature: env.AMTSWEG_VOICE_JAMBONZ_SIGNATURE === '1',
    });
  },
};
