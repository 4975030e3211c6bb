/**
 * Child process of definition-rollout.test.ts: runs the embedded engine the way `amtsweg serve`
 * does (through tsx, not jest's transform) on a data folder, with the definition file given, and
 * sends one message to an existing session at the instant given (timers stay where the test put them). Prints the turn result as JSON.
 */
import { loadServiceFile } from '../../catalog/load-file';
import { createEmbeddedEngine } from '../../host/embedded';

async function main(): Promise<void> {
  const [dataDir, file, sessionId, text, at] = process.argv.slice(2);
  const service = loadServiceFile(file).service!;
  const engine = await createEmbeddedEngine({ dataDir, services: [service], today: '2026-11-20', now: () => new Date(at), scheduler: false });
  try {
    process.stdout.write(`${JSON.stringify(await engine.sendMessage(sessionId, text))}\n`);
  } finally {
    await engine.close();
  }
}

main().catch((e) => { process.stdout.write(`${JSON.stringify({ error: (e as Error).name, code: (e as { code?: string }).code })}\n`); process.exit(1); });
