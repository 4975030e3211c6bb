/** `amtsweg test`: scenario runs on real embedded engines, with coverage naming what is uncovered. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from './test-run';
import { formatCoverage } from './coverage';
import { runTestCommand } from '../cli/commands/test';
import { runVerify } from '../cli/commands/verify';
import { DEFINITIONS, tempDir } from '../test/audit/helpers';

describe('scenario tests with coverage', () => {
  it('the example scenarios pass and the report names the uncovered rows and transitions', async () => {
    const report = await runTests([DEFINITIONS]);
    expect(report.errors).toBe(0);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(20);
    const pa = report.coverage.find((c) => c.service === 'personalausweis')!;
    expect(pa.outcomes).toEqual({ total: 2, covered: 2, uncovered: [] });
    expect(pa.steps.covered).toBe(pa.steps.total);
    // No scenario has a reference date before 2026-02-07 with someone under 24.
    expect(pa.rows.uncovered).toEqual(['gebuehr@2021-01-01:unter_24']);
    // No scenario has a reported loss.
    expect(pa.transitions.uncovered).toEqual(['verlust_then_1 -> ausstattung (else)']);
    expect(formatCoverage(pa)).toContain('uncovered table rows: gebuehr@2021-01-01:unter_24');
  }, 60_000);

  it('a thin scenario file leaves steps, an outcome and rows uncovered, all named', async () => {
    const dir = tempDir();
    copyFileSync(join(DEFINITIONS, 'personalausweis.yaml'), join(dir, 'personalausweis.yaml'));
    writeFileSync(join(dir, 'personalausweis.scenarios.yaml'), [
      'service: personalausweis', 'today: 2026-03-02', 'scenarios:', '  - name: nur der Anfang', '    turns:',
      '      - { citizen: Mein Ausweis läuft ab, expect: { asks: geburtsdatum } }', '    status: active', '',
    ].join('\n'));
    const lines: string[] = [];
    expect(await runTestCommand([dir], {}, (s) => lines.push(s))).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('coverage of personalausweis: steps 1/14');
    expect(text).toContain('uncovered outcomes: termin_gebucht, zustimmung_fehlt');
    expect(text).toMatch(/uncovered steps: minderjaehrig, .*zusammenfassung, buchen/);
    expect(text).toContain('1 passed, 0 failed');
  }, 30_000);

  it('a failing expectation fails the run with the reason', async () => {
    const dir = tempDir();
    copyFileSync(join(DEFINITIONS, 'personalausweis.yaml'), join(dir, 'personalausweis.yaml'));
    const src = readFileSync(join(DEFINITIONS, 'personalausweis.scenarios.yaml'), 'utf8').replace('gebuehr: 46, foto_gebuehr: 6', 'gebuehr: 47, foto_gebuehr: 6');
    writeFileSync(join(dir, 'personalausweis.scenarios.yaml'), src);
    const lines: string[] = [];
    expect(await runTestCommand([dir], { coverage: false }, (s) => lines.push(s))).toBe(1);
    expect(lines.join('\n')).toContain('end: expected gebuehr = 47, got 46');
  }, 30_000);

  it('verify --generate writes boundary skeletons (23/24 years, the day before and of the fee change) that pass', async () => {
    const dir = tempDir();
    copyFileSync(join(DEFINITIONS, 'personalausweis.yaml'), join(dir, 'personalausweis.yaml'));
    const out: string[] = [];
    expect(runVerify([join(dir, 'personalausweis.yaml')], { lang: 'en', today: '2026-03-02', generate: true }, (s) => out.push(s))).toBe(0);
    const file = join(dir, 'personalausweis.boundaries.scenarios.yaml');
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toContain('name: "Grenze gueltigkeit_jahre: alter = 23 am 2026-03-02"');
    expect(yaml).toContain('name: "Grenze gueltigkeit_jahre: alter = 24 am 2026-03-02"');
    expect(yaml).toContain('name: gebuehr am 2026-02-06 (vor der Änderung vom 2026-02-07)');
    expect(yaml).toContain('name: gebuehr am 2026-02-07 (ab der Änderung vom 2026-02-07)');
    const report = await runTests([file]);
    expect(report.errors).toBe(0);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(4);
    // Together the skeletons reach both fee versions.
    const rows = report.coverage[0].rows;
    expect(rows.uncovered).not.toContain('gebuehr@2021-01-01:ab_24');
    expect(rows.uncovered).not.toContain('gebuehr@2026-02-07:ab_24');
  }, 60_000);
});
