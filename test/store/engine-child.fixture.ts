/**
 * An embedded engine in a process of its own (test only), with its OWN data folder and the shared
 * store at DATABASE_URL, as on a second machine. Reads JSON commands from stdin, one per line,
 * and answers each with one JSON line: { book: { n, prefix, location, date } } books n at once,
 * { cancel: booking }, { notify: { key, to, data } } queues a booking confirmation.
 * Env: DATA_DIR, DATABASE_URL, AMTSWEG_MASTER_KEY (shared with the delivering serve), TODAY.
 */
import { createInterface } from 'node:readline';
import { createEmbeddedEngine } from '../../host/embedded';
import { fixtureService } from '../../host/embedded/test-fixture';

type Command =
  | { book: { n: number; prefix: string; location: string; date: string } }
  | { cancel: string }
  | { notify: { key: string; to: string; data: Record<string, unknown> } };

async function main(): Promise<void> {
  const env = process.env;
  const engine = await createEmbeddedEngine({
    dataDir: env.DATA_DIR as string, databaseUrl: env.DATABASE_URL, today: env.TODAY, scheduler: false, services: [fixtureService()],
  });
  const ctx = (key: string) => ({ idempotencyKey: key, sessionId: `s_${key}`, now: new Date().toISOString() });
  const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  say({ ready: engine.shared.location });
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const cmd = JSON.parse(line) as Command;
    try {
      if ('book' in cmd) {
        const { n, prefix, location, date } = cmd.book;
        const all = await Promise.all(Array.from({ length: n }, (_, i) =>
          engine.actions.run('calendar.book', { location, concerns: 'fuehrungszeugnis', date }, ctx(`${prefix}-${i}`))));
        say({ booked: all });
      } else if ('cancel' in cmd) {
        say({ cancelled: await engine.actions.run('calendar.cancel', { booking: cmd.cancel }, ctx(`cancel-${cmd.cancel}`)) });
      } else {
        say({ queued: await engine.actions.run('notify.send', { to: cmd.notify.to, template: 'termin_bestaetigung', data: cmd.notify.data }, ctx(cmd.notify.key)) });
      }
    } catch (err) {
      say({ error: (err as { code?: string }).code ?? (err as Error).name, message: (err as Error).message });
    }
  }
  await engine.close();
}

main().catch((e) => { process.stderr.write(`engine-child: ${(e as Error).stack}\n`); process.exit(1); });
