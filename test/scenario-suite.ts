/**
 * Runs the scenarios of one `*.scenarios.yaml` file as jest tests on the embedded engine, each
 * reference date on its own real SQLite file. Shared by the example and new-user suites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmbeddedEngine } from '../host/embedded';
import type { Engine } from '../host/types';
import type { CompiledService } from '../core/session/types';
import { runScenarioFile, type ScenarioFile } from '../scenarios';

/** Registers one `it` per scenario; a failure prints every mismatch and the transcript. */
export function itRunsScenarios(file: ScenarioFile, services: CompiledService[]): void {
  const dirs: string[] = [];
  const engines = new Map<string, Engine>();
  afterAll(async () => {
    for (const e of engines.values()) await e.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const engineFor = async (today: string): Promise<Engine> => {
    let engine = engines.get(today);
    if (!engine) {
      const dir = mkdtempSync(path.join(tmpdir(), 'amtsweg-scenarios-'));
      dirs.push(dir);
      engine = await createEmbeddedEngine({ dataDir: dir, services, today });
      engines.set(today, engine);
    }
    return engine;
  };

  it.each(file.scenarios.map((s) => [s.name]))('%s', async (name) => {
    const only = { ...file, scenarios: file.scenarios.filter((s) => s.name === name) };
    const [result] = await runScenarioFile(only, engineFor);
    if (!result.passed) {
      const transcript = result.transcript.map((m) => `  ${m.role}: ${m.text}`).join('\n');
      throw new Error(`${result.failures.join('\n')}\n--- transcript ---\n${transcript}`);
    }
    expect(result.failures).toEqual([]);
  });
}
