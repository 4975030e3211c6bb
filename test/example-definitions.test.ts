import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog';
import { createEmbeddedEngine } from '../engine';
import type { Engine } from '../engine/types';
import { loadScenarioFile, runScenarioFile } from '../scenarios';

// Every example definition validates without a problem, and every scenario written beside it
// passes on the embedded engine with a real SQLite file.
const definitionsDir = path.resolve(__dirname, '..', 'definitions');
const scenarioFiles = readdirSync(definitionsDir).filter((f) => f.endsWith('.scenarios.yaml')).sort();
const catalog = loadCatalog(definitionsDir);

describe('example definitions', () => {
  it('load without problems', () => {
    expect(catalog.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect(catalog.services.map((s) => s.id).sort()).toEqual([
      'fuehrungszeugnis', 'hundesteuer', 'personalausweis', 'terminvereinbarung',
      'untersuchungsberechtigungsschein', 'wohnsitz-anmeldung',
    ]);
  });

  it('each have scenarios', () => {
    const withScenarios = scenarioFiles.map((f) => f.replace('.scenarios.yaml', '')).sort();
    expect(withScenarios).toEqual(catalog.services.map((s) => s.id).sort());
  });
});

describe.each(scenarioFiles)('scenarios in %s', (file) => {
  const scenarioFile = loadScenarioFile(path.join(definitionsDir, file));
  const dirs: string[] = [];
  const engines = new Map<string, Engine>();
  afterAll(async () => {
    for (const e of engines.values()) await e.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.each(scenarioFile.scenarios.map((s) => [s.name]))('%s', async (name) => {
    const engineFor = async (today: string): Promise<Engine> => {
      let engine = engines.get(today);
      if (!engine) {
        const dir = mkdtempSync(path.join(tmpdir(), 'amtsweg-scenarios-'));
        dirs.push(dir);
        engine = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today });
        engines.set(today, engine);
      }
      return engine;
    };
    const only = { ...scenarioFile, scenarios: scenarioFile.scenarios.filter((s) => s.name === name) };
    const [result] = await runScenarioFile(only, engineFor);
    if (!result.passed) {
      const transcript = result.transcript.map((m) => `  ${m.role}: ${m.text}`).join('\n');
      throw new Error(`${result.failures.join('\n')}\n--- transcript ---\n${transcript}`);
    }
    expect(result.failures).toEqual([]);
  });
});
