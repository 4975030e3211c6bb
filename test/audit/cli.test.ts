/** The audit commands through the real `amtsweg` binary: wiring, exit codes, no stack traces. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVerify } from '../../cli/commands/verify';
import { DEFINITIONS, ROOT, seeded, tempDir } from './helpers';

function amtsweg(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AMTSWEG_DEBUG: '' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('amtsweg verify', () => {
  it('exit 0 on the examples; exit 1 with errors and warnings listed apart on a seeded copy', () => {
    const ok: string[] = [];
    expect(runVerify([DEFINITIONS], { lang: 'en', today: '2026-03-02' }, (s) => ok.push(s))).toBe(0);
    expect(ok.join('\n')).toMatch(/\d+ definitions verified: 0 errors, \d+ warnings?\./);
    const dir = tempDir();
    const file = join(dir, 'personalausweis.yaml');
    writeFileSync(file, seeded('personalausweis', '- { id: ab_24, when: { alter: ">= 24" }, then: 46.00 }', '- { id: ab_24, when: { alter: "> 24" }, then: 46.00 }'));
    const out: string[] = [];
    // hundesteuer carries a warning (an act without automation_permitted_by): both lists appear.
    expect(runVerify([file, join(DEFINITIONS, 'hundesteuer.yaml')], { lang: 'en', json: false }, (s) => out.push(s))).toBe(1);
    expect(out.join('\n')).toContain('Warnings:');
    const text = out.join('\n');
    expect(text.indexOf('Errors:')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Errors:')).toBeLessThan(text.indexOf('Warnings:'));
    expect(text).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: decision table of gebuehr \\(valid from 2026-02-07\\) has a gap: alter = 24 is covered by no row`));
    const json: string[] = [];
    runVerify([file], { lang: 'en', json: true }, (s) => json.push(s));
    // The gap, and (as its consequence) the total that would print "(keine Angabe)" in each of the seven languages.
    const result = JSON.parse(json.join('\n')) as { ok: boolean; errors: number; problems?: { code: string }[] };
    expect(result).toMatchObject({ ok: false, errors: 8 });
  });
});

describe('the binary', () => {
  it('lists the audit commands and reports bad input in one line without a stack trace', () => {
    const help = amtsweg(['--help']);
    for (const c of ['verify', 'test', 'export', 'replay', 'explain', 'purge']) expect(help.out).toMatch(new RegExp(`\\n  ${c} `));
    const dir = tempDir();
    const truncated = join(dir, 'case.json');
    writeFileSync(truncated, '{"format": "amtsweg.audit-bundle", "formatVersion": 1, "events": [');
    const r = amtsweg(['replay', truncated]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('the file ends in the middle of the JSON');
    expect(r.out + r.err).not.toMatch(/\n\s+at .*\(/);
    const e = amtsweg(['explain', join(dir, 'missing.json')]);
    expect(e.code).toBe(1);
    expect(e.err).toContain('missing.json: no such file.');
    const x = amtsweg(['export', 's_nothing', '--data', dir]);
    expect(x.code).toBe(1);
    expect(x.err).toContain(`There is no amtsweg database in ${dir}`);
  }, 60_000);
});
