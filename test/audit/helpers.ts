/** Shared helpers of the audit tests (not a test file): example definitions, seeded copies, temp folders. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportEmbeddedSession, renderBundle, type AuditBundle } from '../../audit';
import { loadServiceFile } from '../../catalog';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { loadScenarioFile, runScenarioFile } from '../../scenarios';

export const ROOT = join(__dirname, '..', '..');
export const DEFINITIONS = join(ROOT, 'definitions');

export function exampleSource(name: string): string {
  return readFileSync(join(DEFINITIONS, `${name}.yaml`), 'utf8');
}

/** The example with one exact text replaced; fails loudly when the text is not there. */
export function seeded(name: string, from: string, to: string): string {
  const src = exampleSource(name);
  if (!src.includes(from)) throw new Error(`seed text not found in ${name}.yaml: ${from}`);
  return src.replace(from, to);
}

export function tempDir(prefix = 'amtsweg-audit-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ExampleCase { name: string; sessionId: string; dataDir: string; passed: boolean; bundle: AuditBundle; file: string }

/**
 * Runs an example's scenarios on real embedded engines (one SQLite folder per reference date),
 * then exports every session as a bundle file into `outDir`.
 */
export async function exampleCases(service: string, outDir: string, definitionsDir = DEFINITIONS): Promise<ExampleCase[]> {
  const { service: compiled, problems } = loadServiceFile(join(definitionsDir, `${service}.yaml`));
  if (!compiled) throw new Error(`example ${service} does not load: ${problems.map((p) => p.message).join('; ')}`);
  const file = loadScenarioFile(join(definitionsDir, `${service}.scenarios.yaml`));
  const engines = new Map<string, { engine: EmbeddedEngine; dataDir: string }>();
  const results = await runScenarioFile(file, async (today) => {
    let e = engines.get(today);
    if (!e) {
      const dataDir = tempDir(`amtsweg-audit-${service}-`);
      e = { dataDir, engine: await createEmbeddedEngine({ dataDir, services: [compiled], today, scheduler: false, retry: { attempts: 1, baseDelayMs: 1 } }) };
      engines.set(today, e);
    }
    return e.engine;
  });
  for (const e of engines.values()) await e.engine.close();
  return results.map((r, i) => {
    const dataDir = engines.get(file.scenarios[i].today ?? file.today)!.dataDir;
    const bundle = exportEmbeddedSession(dataDir, r.sessionId, { exportedAt: '2026-11-26T12:00:00.000Z' });
    const path = join(outDir, `${service}-${i + 1}.json`);
    writeFileSync(path, renderBundle(bundle));
    return { name: r.name, sessionId: r.sessionId, dataDir, passed: r.passed, bundle, file: path };
  });
}
