/**
 * `verify --generate`: every table boundary and every effective date gets a scenario that reaches
 * and asserts its value, so the scenarios pass on the definition and fail when a value changes.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBoundaryScenarios, scenariosYaml } from '../../audit/verify/generate';
import { loadServiceSource } from '../../catalog';
import { runTests } from '../../scenarios';

const DIR = join(__dirname, '..', '..', 'definitions');
const SOURCE = readFileSync(join(DIR, 'personalausweis.yaml'), 'utf8');
const TODAY = '2026-12-03';

function generated(source: string) {
  const { service } = loadServiceSource(source, join(DIR, 'personalausweis.yaml'));
  if (!service) throw new Error('personalausweis does not load');
  return { service, scenarios: generateBoundaryScenarios(service, TODAY) };
}

async function runAgainst(definition: string, scenarioYaml: string): Promise<{ passed: number; failed: number; names: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-gen-'));
  try {
    writeFileSync(join(dir, 'personalausweis.yaml'), definition);
    copyFileSync(join(DIR, 'calendar.yaml'), join(dir, 'calendar.yaml'));
    writeFileSync(join(dir, 'personalausweis.boundaries.scenarios.yaml'), scenarioYaml);
    const report = await runTests([dir]);
    const failedNames = report.files.flatMap((f) => f.results.filter((r) => !r.passed).map((r) => r.name));
    return { passed: report.passed, failed: report.failed, names: failedNames };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('verify --generate', () => {
  const { service, scenarios } = generated(SOURCE);
  const yaml = scenariosYaml(service, scenarios, TODAY);

  it('covers both sides of every table boundary in every version, and the day before and on each valid_from', () => {
    const names = scenarios.map((s) => s.name);
    for (const day of ['2021-01-01', '2026-02-07']) {
      expect(names).toContain(`Grenze gebuehr: alter = 23 am ${day}`);
      expect(names).toContain(`Grenze gebuehr: alter = 24 am ${day}`);
    }
    expect(names).toContain('gebuehr am 2026-02-06 (vor der Änderung vom 2026-02-07)');
    expect(names).toContain('gebuehr am 2026-02-07 (ab der Änderung vom 2026-02-07)');
    // Each scenario asserts a value of what it is about.
    for (const s of scenarios) expect(Object.keys(s.values).length).toBeGreaterThan(0);
    expect(scenarios.find((s) => s.name === 'Grenze gebuehr: alter = 23 am 2021-01-01')?.values).toEqual({ alter: 23, gebuehr: 22.8 });
  });

  it('passes on the definition and fails where a fee is changed', async () => {
    expect(await runAgainst(SOURCE, yaml)).toMatchObject({ failed: 0, passed: scenarios.length });
    const mutated = SOURCE.replace('then: 22.80 }', 'then: 22.90 }');
    expect(mutated).not.toBe(SOURCE);
    const r = await runAgainst(mutated, yaml);
    expect(r.names).toEqual(['Grenze gebuehr: alter = 23 am 2021-01-01']);
  }, 60_000);

  it('writes a scenario for a dated value that needs no answer at all', () => {
    const flat = SOURCE.replace(/  gebuehr:\n(?:    .*\n|      .*\n)+?(?=  foto_gebuehr:)/, '  gebuehr:\n    type: money\n    valid_from:\n      2021-01-01: 37\n      2026-02-07: 46\n');
    expect(flat).toContain('2021-01-01: 37');
    const names = generated(flat).scenarios.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gebuehr am 2026-02-06 (vor der Änderung vom 2026-02-07)', 'gebuehr am 2026-02-07 (ab der Änderung vom 2026-02-07)']));
  });
});
