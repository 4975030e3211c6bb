import type { Engine } from '../../host/types';
import { defaultServiceId, logLine, type ChannelPluginLike } from '../security';
import { startEmailChannel, type EmailChannel } from './channel';
import { EmailConfigError } from './errors';
import { parseImapUrl, startImapPoller } from './imap';

const running = new WeakMap<Engine, EmailChannel>();

/** Attachments the running e-mail channel of `engine` stored for a session (empty when e-mail is off). */
export async function emailAttachmentsFor(engine: Engine, sessionId: string) {
  return (await running.get(engine)?.attachmentsFor(sessionId)) ?? [];
}

/** Decrypted content of an attachment stored by the running e-mail channel of `engine`. */
export async function emailAttachmentContent(engine: Engine, attachmentId: string): Promise<Buffer | undefined> {
  return running.get(engine)?.attachmentContent(attachmentId);
}

/**
 * The e-mail channel for `amtsweg serve`. On when AMTSWEG_SMTP_RELAY is set:
 * AMTSWEG_SMTP_RELAY (smtp://user:pass@host:port of the outgoing relay), AMTSWEG_EMAIL_ADDRESS
 * (the service's address), AMTSWEG_SMTP_PORT / AMTSWEG_SMTP_HOST (receiver, default
 * 127.0.0.1:2525), AMTSWEG_EMAIL_SERVICE (service of new threads), AMTSWEG_EMAIL_LOCALE (de|en).
 * Through the same relay it delivers the engine's notification outbox (`notify.send` to an e-mail
 * address: booking confirmations and the like), and every reply is queued durably in the shared
 * store's outbox first, so a relay outage or a restart delays mail but loses none. Threads,
 * confirmations and attachments live in the shared store too (any serve continues any thread);
 * every serve needs the same AMTSWEG_EMAIL_KEY (or AMTSWEG_MASTER_KEY). An older `email.db` is
 * imported once on start.
 * IMAP (the service address lives in an existing mailbox): AMTSWEG_IMAP_URL
 * (imap[s]://user:password@host:port/INBOX), AMTSWEG_IMAP_DONE_FOLDER, AMTSWEG_IMAP_REFUSED_FOLDER,
 * AMTSWEG_IMAP_POLL_SECONDS (default 60; IDLE pushes new mail at once where the server offers it).
 * Staff answers are signed by AMTSWEG_EMAIL_OFFICE (default "Bürgerservice").
 */
export const emailPlugin: ChannelPluginLike = {
  name: 'email',
  async start({ engine, dataDir, env, router }) {
    if (!env.AMTSWEG_SMTP_RELAY) {
      logLine({ level: 'info', msg: 'email channel off (set AMTSWEG_SMTP_RELAY and AMTSWEG_EMAIL_ADDRESS to turn it on)' });
      return async () => {};
    }
    if (!env.AMTSWEG_EMAIL_ADDRESS) throw new EmailConfigError('AMTSWEG_SMTP_RELAY is set but AMTSWEG_EMAIL_ADDRESS is not.');
    const port = env.AMTSWEG_SMTP_PORT ? Number(env.AMTSWEG_SMTP_PORT) : 2525;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmailConfigError(`AMTSWEG_SMTP_PORT "${env.AMTSWEG_SMTP_PORT}" is not a port number.`);
    const channel = await startEmailChannel({
      engine, dataDir, relay: env.AMTSWEG_SMTP_RELAY, address: env.AMTSWEG_EMAIL_ADDRESS,
      smtp: { port, host: env.AMTSWEG_SMTP_HOST || '127.0.0.1' },
      defaultService: defaultServiceId(engine, env.AMTSWEG_EMAIL_SERVICE),
      router,
      locale: env.AMTSWEG_EMAIL_LOCALE === 'en' ? 'en' : 'de',
      trustedAuthservIds: (env.AMTSWEG_EMAIL_AUTHSERV_ID ?? '').split(',').map((x) => x.trim()).filter(Boolean),
      office: env.AMTSWEG_EMAIL_OFFICE || undefined,
      log: logLine,
    });
    running.set(engine, channel);
    let poller: Awaited<ReturnType<typeof startImapPoller>> | undefined;
    if (env.AMTSWEG_IMAP_URL) {
      const poll = env.AMTSWEG_IMAP_POLL_SECONDS ? Number(env.AMTSWEG_IMAP_POLL_SECONDS) : 60;
      if (!Number.isFinite(poll) || poll < 5) throw new EmailConfigError('AMTSWEG_IMAP_POLL_SECONDS must be a number of seconds, at least 5.');
      try {
        poller = await startImapPoller(channel, {
          ...parseImapUrl(env.AMTSWEG_IMAP_URL), pollMs: poll * 1000, log: logLine,
          doneFolder: env.AMTSWEG_IMAP_DONE_FOLDER || undefined, refusedFolder: env.AMTSWEG_IMAP_REFUSED_FOLDER || undefined,
        });
      } catch (err) {
        running.delete(engine);
        await channel.stop();
        throw err;
      }
    }
    return async () => { await poller?.stop(); running.delete(engine); await channel.stop(); };
  },
};
