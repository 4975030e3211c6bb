/**
 * The e-mail attack tests' set-up: the embedded stack, a loopback SMTP sink as relay and the
 * e-mail channel trusting the city's receiving server (`mx.stadt.example`), plus mail helpers.
 */
import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { startEmailChannel, type EmailChannel } from '../../channels/email';
import { startStack, type Stack } from './harness';
import { startSink, type Sink } from './smtp-sink';

export const SERVICE = 'buergerservice@stadt.example';

export interface EmailStack {
  stack: Stack; sink: Sink; channel: EmailChannel;
  /** Sends one mail to the service over SMTP; resolves with its Message-ID. */
  send(mail: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startEmailStack(): Promise<EmailStack> {
  const sink = await startSink();
  const stack = await startStack({});
  const channel = await startEmailChannel({
    engine: stack.engine, smtp: { port: 0, host: '127.0.0.1' },
    relay: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
    address: SERVICE, defaultService: 'terminvereinbarung', dataDir: stack.dir,
    trustedAuthservIds: ['mx.stadt.example'], log: () => {},
  });
  return {
    stack, sink, channel,
    async send(mail) {
      const t = createTransport({ host: '127.0.0.1', port: channel.port, secure: false, ignoreTLS: true });
      try {
        return (await t.sendMail({ to: SERVICE, ...mail })).messageId;
      } finally {
        t.close();
      }
    },
    async stop() {
      await channel.stop();
      await stack.stop();
      await sink.close();
    },
  };
}

/** Whether a mail goes to `addr`. */
export const toAddr = (addr: string) => (m: ParsedMail): boolean => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === addr));
/** The References a reply to `m` carries. */
export const refsOf = (m: ParsedMail): string[] => [...(Array.isArray(m.references) ? m.references : m.references ? [m.references] : []), m.messageId!];
