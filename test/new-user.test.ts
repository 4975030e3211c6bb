import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog';
import { createEmbeddedEngine } from '../host/embedded';
import type { Engine, TurnResult } from '../host/types';
import { loadScenarioFile } from '../scenarios';
import { itRunsScenarios } from './scenario-suite';

// A definition written from README.md alone, as a new process designer would (issue 2
// acceptance): it must validate without a problem and its scenarios must pass on the embedded
// engine with a real SQLite file.
const dir = path.resolve(__dirname, 'fixtures', 'new-user');
const catalog = loadCatalog(dir);
const scenarioFile = loadScenarioFile(path.join(dir, 'sperrmuell.scenarios.yaml'));

describe('a definition written from the README alone', () => {
  it('validates without problems', () => {
    expect(catalog.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect(catalog.services.map((s) => s.id)).toEqual(['sperrmuell']);
  });

  it('has scenarios for every outcome path, including a handoff', () => {
    expect(scenarioFile.service).toBe('sperrmuell');
    expect(scenarioFile.scenarios.length).toBeGreaterThanOrEqual(4);
  });
});

describe('scenarios of the new-user definition', () => {
  itRunsScenarios(scenarioFile, catalog.services);

  const dirs: string[] = [];
  const engines = new Map<string, Engine>();
  afterAll(async () => {
    for (const e of engines.values()) await e.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('derives the fee from the tables: 5 m³ of electrical appliances cost 30 € + 10 €', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'amtsweg-new-user-'));
    dirs.push(data);
    const engine = await createEmbeddedEngine({ dataDir: data, services: catalog.services, today: '2026-03-02' });
    engines.set('fee-check', engine);
    const { id } = await engine.createSession({ service: 'sperrmuell' });
    let last: TurnResult | undefined;
    for (const text of ['Waschmaschine', '5', 'nein', '45879', '12.03.2026', 'überspringen', 'ja']) {
      last = await engine.sendMessage(id, text);
    }
    expect(last).toMatchObject({ status: 'completed', outcome: { id: 'angemeldet', values: { gebuehr: 40 } } });
    expect(last?.messages.map((m) => m.text).join(' ')).toContain('40,00 €');
  });

  it('continues at the last turn after the engine is closed and opened again on the same file', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'amtsweg-new-user-'));
    dirs.push(data);
    const first = await createEmbeddedEngine({ dataDir: data, services: catalog.services, today: '2026-03-02' });
    const { id } = await first.createSession({ service: 'sperrmuell' });
    await first.sendMessage(id, 'Sofa');
    await first.sendMessage(id, '3');
    await first.close();
    const second = await createEmbeddedEngine({ dataDir: data, services: catalog.services, today: '2026-03-02' });
    engines.set('restart', second);
    const view = await second.view(id);
    expect(view.slots).toMatchObject({ art: { value: 'moebel' }, volumen: { value: 3 } });
    expect(view.pending).toMatchObject({ slot: 'ermaessigung' });
    const next = await second.sendMessage(id, 'ja');
    expect(next.messages.map((m) => m.text).join(' ')).toContain('Postleitzahl');
  });
});
