/** What-if: a changed fee table reports exactly the past cases it would decide differently. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource, formatWhatIf, readBundle, whatIf } from '../../audit';
import { runReplay } from '../../cli/commands/replay';
import { exampleCases, seeded, tempDir, type ExampleCase } from './helpers';

let cases: ExampleCase[];
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  cases = await exampleCases('personalausweis', dir);
}, 60_000);

const newFee = () => seeded('personalausweis', '- { id: ab_24, when: { alter: ">= 24" }, then: 46.00 }', '- { id: ab_24, when: { alter: ">= 24" }, then: 50.00 }');

describe('replay --against a changed definition', () => {
  it('names exactly the cases whose fee changes, with the rule, row and version', () => {
    const compiled = compileSource(newFee(), 'new.yaml');
    const report = whatIf(cases.map((c) => ({ file: c.file, bundle: readBundle(c.file) })), compiled, 'new.yaml');
    const changed = report.cases.filter((c) => c.changed).map((c) => cases.find((x) => x.file === c.file)!.name);
    // Adults (24 and over) with a reference date on or after 2026-02-07; the old fee version and the young are unaffected.
    expect(changed.sort()).toEqual([
      'Am 24. Geburtstag gilt schon die Gebühr ab 24',
      'Erwachsene, Ausweis läuft ab, Foto vor Ort, neue Gebühr',
      'Korrektur des Geburtsdatums beim Vorlesen ändert den Zweig',
    ].sort());
    expect(report).toMatchObject({ total: 7, changed: 3, unchanged: 4, failed: 0 });
    const first = report.cases.find((c) => c.file === cases[0].file)!;
    expect(first.values.gebuehr).toEqual([46, 50]);
    expect(first.values.gesamt).toEqual([52, 56]);
    expect(first.before.outcome).toBe('termin_gebucht');
    expect(first.after.outcome).toBe('termin_gebucht');
    expect(first.rules.find((r) => r.rule === 'gebuehr')).toMatchObject({ before: { result: 46, row: 'ab_24', version: '2026-02-07' }, after: { result: 50, row: 'ab_24', version: '2026-02-07' } });
    const text = formatWhatIf(report);
    expect(text).toContain('rule gebuehr: 46 (row ab_24, version 2026-02-07) → 50 (row ab_24, version 2026-02-07)');
    expect(text).toContain('7 case(s): 3 changed, 4 unchanged, 0 could not be evaluated.');
  });

  it('a changed age limit changes branch and outcome, shown per case', () => {
    const src = seeded('personalausweis', '  - id: minderjaehrig\n    if: alter < 16', '  - id: minderjaehrig\n    if: alter < 13');
    const compiled = compileSource(src.replace('when: alter < 16', 'when: alter < 13'), 'age.yaml');
    const minor = cases.find((c) => c.name === 'Unter 16 ohne Zustimmung beider Eltern')!;
    const report = whatIf([{ file: minor.file, bundle: readBundle(minor.file) }], compiled, 'age.yaml');
    expect(report.cases[0].changed).toBe(true);
    expect(report.cases[0].before.outcome).toBe('zustimmung_fehlt');
    expect(report.cases[0].after.outcome).toBeNull();
    expect(report.cases[0].rules.find((r) => r.rule === 'if:minderjaehrig')).toMatchObject({ before: { result: true }, after: { result: false } });
  });

  it('the CLI prints the report or JSON, and refuses a broken definition clearly', async () => {
    const def = join(dir, 'personalausweis.yaml');
    writeFileSync(def, newFee());
    const lines: string[] = [];
    const code = await runReplay(cases.map((c) => c.file), { against: def, json: true }, (s) => lines.push(s));
    expect(code).toBe(0);
    const json = JSON.parse(lines.join('\n')) as { changed: number; cases: { changed: boolean }[] };
    expect(json.changed).toBe(3);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, newFee().replace('flow:', 'flaw:'));
    await expect(runReplay([cases[0].file], { against: broken }, () => undefined)).rejects.toThrow(/the definition has errors; run `amtsweg validate/);
  });

  it('plain replay through the CLI: exit 0 on the originals, 1 on a tampered copy', async () => {
    const lines: string[] = [];
    expect(await runReplay(cases.map((c) => c.file), {}, (s) => lines.push(s))).toBe(0);
    expect(lines.join('\n')).toContain('7 case(s): 7 replayed identically, 0 differ, 0 purged (chain intact), 0 could not be checked.');
    const tampered = join(dir, 'tampered.json');
    const { readFileSync } = await import('node:fs');
    writeFileSync(tampered, readFileSync(cases[0].file, 'utf8').replace('"13.05.1990"', '"13.05.1991"'));
    const out: string[] = [];
    expect(await runReplay([tampered], {}, (s) => out.push(s))).toBe(1);
    expect(out.join('\n')).toMatch(/FAIL .*tampered\.json: event 3 \(message at .*\): the event content does not match its digest/);
  });
});
