/**
 * Child process of the kill -9 test. Runs a conversation up to the summary, confirms it, and
 * inside the (slow) booking action reports the booking and the last committed event, then
 * waits to be killed. Usage: node -r tsx/cjs crash-child.fixture.ts <dataDir>
 */
import { book, GELSENKIRCHEN_LOCATIONS } from '../../activities/calendar';
import { createEmbeddedEngine } from './embedded-engine';
import type { EmbeddedEngine } from './options';
import { answerFor, fixtureService } from './test-fixture';

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  const engine: EmbeddedEngine = await createEmbeddedEngine({
    dataDir, today: '2026-11-20', scheduler: false,
    services: [fixtureService({ action: 'test.slow_book', service: 'termin_slow' })],
    actions: {
      'test.slow_book': async (input, ctx) => {
        const booking = await book(engine.shared.calendar, { locations: GELSENKIRCHEN_LOCATIONS, today: '2026-11-20' }, input, ctx.idempotencyKey, ctx.now);
        const row = engine.db.prepare('SELECT last_seq FROM sessions WHERE id = ?').get(ctx.sessionId) as { last_seq: number };
        print({ event: 'booked', booking, key: ctx.idempotencyKey, lastSeq: row.last_seq });
        await new Promise((r) => setTimeout(r, 60_000));
        return booking;
      },
    },
  });
  const { id } = await engine.createSession({ service: 'termin_slow' });
  for (let i = 0; i < 20; i++) {
    const view = await engine.view(id);
    if (view.pending?.kind === 'confirm_summary') break;
    await engine.sendMessage(id, answerFor(view.pending));
  }
  print({ event: 'ready', id, view: await engine.view(id) });
  await engine.sendMessage(id, 'ja');
  print({ event: 'not-killed' });
}

main().catch((err) => { print({ event: 'error', message: String(err) }); process.exit(1); });
