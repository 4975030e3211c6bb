/**
 * Records the workflow histories that `test/temporal/versioning.test.ts` replays against the
 * current workflow code. Run it ONLY when cutting a release, with the released workflow code:
 *   npx tsx test/temporal/histories/record.ts <release-name>
 * It starts its own dev server and worker, runs a booking (actions, completion) and a desk case
 * (handoff, take, answer, close), and writes `<release>-<case>.pb` (the history as protobuf) and
 * `<release>-<case>.json` (its workflow id) beside this file. Payloads are encrypted with `keys.json`, a test-only key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { temporal } from '@temporalio/proto';
import { loadCatalog } from '../../../catalog';
import { loadScenarioFile, runScenario } from '../../../scenarios';
import { loadKeyRing } from '../../../host/temporal/codec';
import { startDevServer } from '../../../host/temporal/dev-server';
import { historyBytes } from '../../../host/temporal/replay';
import { createTemporalEngine } from '../../../host/temporal/engine';
import { startWorker } from '../../../host/temporal/worker';

const root = resolve(__dirname, '..', '..', '..');
const release = process.argv[2];
if (!release || !/^[\w.-]+$/.test(release)) throw new Error('usage: npx tsx test/temporal/histories/record.ts <release-name>');

async function main(): Promise<void> {
  const ring = loadKeyRing({ keyFile: join(__dirname, 'keys.json'), env: {} });
  const catalog = loadCatalog(join(root, 'definitions'));
  const file = loadScenarioFile(join(root, 'definitions', 'terminvereinbarung.scenarios.yaml'));
  const booking = file.scenarios.find((s) => s.outcome === 'termin_gebucht' && !s.locale)!;
  const server = await startDevServer({ root });
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-record-'));
  const worker = await startWorker({ address: server.address, taskQueue: 'record', dataDir, keyRing: ring, today: file.today, log: () => {} });
  const engine = await createTemporalEngine({ address: server.address, taskQueue: 'record', services: catalog.services, today: file.today, keyRing: ring });
  try {
    const save = async (name: string, sessionId: string) => {
      const history = (await engine.exportHistory(sessionId)) as temporal.api.history.v1.IHistory;
      const out = join(__dirname, `${release}-${name}.pb`);
      writeFileSync(out, historyBytes(history));
      writeFileSync(out.replace(/\.pb$/, '.json'), `${JSON.stringify({ release, case: name, workflowId: engine.workflowId(sessionId), events: history.events?.length })}\n`);
      process.stdout.write(`wrote ${out} (${history.events?.length} events)\n`);
    };
    const run = await runScenario(engine, file.service, booking);
    if (run.failures.length > 0 || run.final.status !== 'completed') throw new Error(`booking did not complete: ${JSON.stringify(run.failures)}`);
    await save('booking', run.sessionId);

    const s = await engine.createSession({ service: 'terminvereinbarung' });
    await engine.sendMessage(s.id, 'Ich möchte mit einem Menschen sprechen');
    await engine.staffAction(s.id, { type: 'take', staff: 'sb-1' });
    await engine.staffAction(s.id, { type: 'answer', staff: 'sb-1', text: 'Wir rufen Sie an.' });
    await engine.staffAction(s.id, { type: 'close', staff: 'sb-1', text: 'erledigt' });
    await engine.client.workflow.getHandle(engine.workflowId(s.id)).result();
    await save('desk', s.id);
  } finally {
    await engine.close();
    await worker.shutdown();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack ?? e}\n`); process.exit(1); });
