import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog';
import { createEmbeddedEngine } from '../host/embedded';
import { loadScenarioFile } from '../scenarios';
import { itRunsScenarios } from './scenario-suite';

// Every example definition validates without a problem, and every scenario written beside it
// passes on the embedded engine with a real SQLite file.
const definitionsDir = path.resolve(__dirname, '..', 'definitions');
const scenarioFiles = readdirSync(definitionsDir).filter((f) => f.endsWith('.scenarios.yaml')).sort();
const catalog = loadCatalog(definitionsDir);

describe('example definitions', () => {
  it('load without problems', () => {
    expect(catalog.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect(catalog.services.map((s) => s.id).sort()).toEqual([
      'fuehrungszeugnis', 'hundesteuer', 'personalausweis', 'termin-absagen', 'terminvereinbarung',
      'untersuchungsberechtigungsschein', 'wohnsitz-anmeldung',
    ]);
  });

  it('each have scenarios', () => {
    const withScenarios = scenarioFiles.map((f) => f.replace('.scenarios.yaml', '')).sort();
    expect(withScenarios).toEqual(catalog.services.map((s) => s.id).sort());
  });
});

describe.each(scenarioFiles)('scenarios in %s', (file) => {
  itRunsScenarios(loadScenarioFile(path.join(definitionsDir, file)), catalog.services);
});

describe('booking and cancelling an appointment', () => {
  it('frees the slot so the next citizen gets it, and a second cancellation is told it is done', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'amtsweg-cancel-'));
    const engine = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today: '2026-11-26' });
    try {
      const book = async (): Promise<{ booking: string; beginn: string }> => {
        const s = await engine.createSession({ service: 'terminvereinbarung' });
        for (const text of ['Personalausweis in Erle am 01.12.2026 ab 9 Uhr', 'Erika Mustermann', 'erika@example.org', 'ja', 'ja']) {
          await engine.sendMessage(s.id, text);
        }
        const view = await engine.view(s.id);
        expect(view.outcome?.id).toBe('termin_gebucht');
        return view.values.termin as { booking: string; beginn: string };
      };
      const first = await book();
      const cancel = async (text: string): Promise<string | undefined> => {
        const s = await engine.createSession({ service: 'termin-absagen' });
        await engine.sendMessage(s.id, text);
        const r = await engine.sendMessage(s.id, 'ja');
        return r.outcome?.id;
      };
      expect(await cancel(`meine Buchungsnummer ist ${first.booking.toLowerCase()}`)).toBe('abgesagt');
      expect((await book()).beginn).toBe(first.beginn);
      expect(await cancel(first.booking)).toBe('schon_abgesagt');
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
