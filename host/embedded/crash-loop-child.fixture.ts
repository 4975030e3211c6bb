/**
 * Child process of the "kill at any point" test: resumes whatever an earlier run left, then runs
 * appointment conversations back to back until it is killed.
 * Usage: node -r tsx/cjs crash-loop-child.fixture.ts <dataDir>
 */
import { createEmbeddedEngine } from './embedded-engine';
import { answerFor, fixtureService } from './test-fixture';

async function main(): Promise<void> {
  const engine = await createEmbeddedEngine({ dataDir: process.argv[2], today: '2026-11-20', scheduler: false, services: [fixtureService()] });
  process.stdout.write('started\n');
  for (;;) {
    const { id } = await engine.createSession({ service: 'termin_test' });
    for (let i = 0; i < 20; i++) {
      const view = await engine.view(id);
      if (view.status !== 'active') break;
      await engine.sendMessage(id, answerFor(view.pending));
    }
  }
}

main().catch((err) => { process.stderr.write(String(err) + '\n'); process.exit(1); });
