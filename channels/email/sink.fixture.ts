/**
 * A loopback SMTP relay for the delivery tests (not a test file): collects what amtsweg sends,
 * parsed, and can listen on a port chosen before it starts, so a test can take the relay down
 * and bring it back on the same address.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../platform/net';

export { freePort };

export interface TestRelay {
  port: number;
  mails: ParsedMail[];
  waitFor(pred: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}


/** Starts the relay on `port` (0 = any free port). `refuseRcpt` answers RCPT TO with a 550 for matching addresses. */
export async function startTestRelay(port = 0, opts: { refuseRcpt?: (address: string) => boolean } = {}): Promise<TestRelay> {
  const mails: ParsedMail[] = [];
  const waiters: { pred: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuseRcpt?.(address.address)) return cb(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => {
        mails.push(m);
        for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
        cb();
      }, cb);
    },
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server as unknown as { server: { address(): { port: number } } }).server.address().port));
  });
  return {
    port: bound, mails,
    waitFor(pred, timeoutMs = 15_000) {
      const found = mails.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching mail within ${timeoutMs} ms (got ${mails.length})`)), timeoutMs);
        waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** True when the parsed mail is addressed to `address`. */
export function isTo(address: string) {
  return (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === address));
}
