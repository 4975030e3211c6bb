/**
 * replay_bundles_per_s: audit bundles of the example scenarios (real embedded engine, real
 * SQLite) read with every integrity check and replayed through the core.
 * verify_ms_per_definition: `verify` (validate plus soundness checks) over definitions/*.yaml.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule } from './types';

export const auditBench: BenchModule = {
  name: 'audit replay and verify',
  async run(ctx) {
    const { loadServiceFile } = require('../catalog') as typeof import('../catalog');
    const { createEmbeddedEngine } = require('../host/embedded') as typeof import('../host/embedded');
    const { exportEmbeddedSession, readBundle, renderBundle, replayBundle } = require('../audit') as typeof import('../audit');
    const { definitionFiles, verifyFile } = require('../audit/verify') as typeof import('../audit/verify');
    const { loadScenarioFile, runScenarioFile } = require('../scenarios') as typeof import('../scenarios');
    const dir = join(ctx.root, 'definitions');

    // Bundles: every example scenario once, exported to files.
    const files: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.scenarios.yaml')).sort()) {
      const scenarios = loadScenarioFile(join(dir, f));
      const { service } = loadServiceFile(join(dir, `${scenarios.service}.yaml`));
      if (!service) continue;
      const engines = new Map<string, { dataDir: string; engine: Awaited<ReturnType<typeof createEmbeddedEngine>> }>();
      const results = await runScenarioFile(scenarios, async (today) => {
        let e = engines.get(today);
        if (!e) {
          const dataDir = join(ctx.tmp, `${scenarios.service}-${today}`);
          e = { dataDir, engine: await createEmbeddedEngine({ dataDir, services: [service], today, scheduler: false, synchronous: 'NORMAL' }) };
          engines.set(today, e);
        }
        return e.engine;
      });
      for (const e of engines.values()) await e.engine.close();
      results.forEach((r, i) => {
        const dataDir = engines.get(scenarios.scenarios[i].today ?? scenarios.today)!.dataDir;
        const file = join(ctx.tmp, `${r.sessionId}.json`);
        writeFileSync(file, renderBundle(exportEmbeddedSession(dataDir, r.sessionId, { exportedAt: new Date().toISOString() })));
        files.push(file);
      });
    }
    const rounds = ctx.quick ? 2 : 10;
    for (const f of files) replayBundle(readBundle(f), f); // warm-up
    let t0 = performance.now();
    let replayed = 0;
    for (let r = 0; r < rounds; r++) {
      for (const f of files) {
        if (!replayBundle(readBundle(f), f).ok) throw new Error(`bundle ${f} did not replay identically`);
        replayed++;
      }
    }
    const replayPerS = replayed / ((performance.now() - t0) / 1000);

    const defs = definitionFiles([dir]);
    const vRounds = ctx.quick ? 2 : 5;
    for (const d of defs) verifyFile(d); // warm-up
    t0 = performance.now();
    for (let r = 0; r < vRounds; r++) for (const d of defs) verifyFile(d);
    const verifyMs = (performance.now() - t0) / (vRounds * defs.length);
    return [
      { key: 'replay_bundles_per_s', value: Math.round(replayPerS * 10) / 10, unit: 'bundles/s', note: `${files.length} example cases × ${rounds} rounds, read + all integrity checks + replay` },
      { key: 'verify_ms_per_definition', value: Math.round(verifyMs * 100) / 100, unit: 'ms', note: `${defs.length} definitions × ${vRounds} rounds` },
    ];
  },
};
