/**
 * What-if reports only real changes and never personal data, and counts every input; the CLI
 * ends quietly into a closed pipe, tells binary from truncated input, and `export` writes the
 * bundle to standard output when asked or redirected.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource, parseBundle, whatIf } from '../../audit';
import { runReplay } from '../../cli/commands/replay';
import { converse, manualClock, openEngine } from '../../host/embedded/engine-helpers.fixture';
import { ROOT, exampleCases, seeded, tempDir, type ExampleCase } from './helpers';

let dir: string;
let dogs: ExampleCase[];
let moves: ExampleCase[];
let ids: ExampleCase[];

beforeAll(async () => {
  dir = tempDir();
  dogs = await exampleCases('hundesteuer', dir);
  moves = await exampleCases('wohnsitz-anmeldung', dir);
  ids = await exampleCases('personalausweis', dir);
}, 120_000);

function amtsweg(args: string[], opts: { input?: string; shell?: string } = {}) {
  const r = opts.shell
    ? spawnSync('sh', ['-c', opts.shell], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AMTSWEG_DEBUG: '' }, timeout: 120_000 })
    : spawnSync(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AMTSWEG_DEBUG: '' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every personal slot value of the cases, as it could appear in output. */
function personalValues(cases: ExampleCase[]): string[] {
  return cases.flatMap((c) => Object.entries(c.bundle.slots)
    .filter(([name]) => /name|email|geburt|adresse|strasse|telefon/.test(name))
    .map(([, s]) => String(s.value))).filter((v) => v.length > 3);
}

describe('what-if', () => {
  it('a changed deadline flags the cases that report it, not the referral that never uses it', () => {
    const src = seeded('wohnsitz-anmeldung', 'expr: einzugsdatum + duration("P14D")', 'expr: einzugsdatum + duration("P15D")');
    const report = whatIf(moves.map((c) => ({ file: c.file, bundle: c.bundle })), compileSource(src, 'w.yaml'), 'w.yaml');
    const referral = report.cases.find((c) => c.before.outcome === 'andere_meldebehoerde')!;
    expect(referral).toMatchObject({ changed: false });
    const changed = report.cases.filter((c) => c.changed).map((c) => c.before.outcome).sort();
    expect(changed).toEqual(['termin_gebucht', 'termin_gebucht_frist_vorbei']);
    for (const c of report.cases.filter((x) => x.changed)) expect(Object.keys(c.values)).toEqual(['frist_ende']);
  });

  it('a fee no scenario case falls under (147 → 150) changes nothing; the output holds no personal data; unreadable inputs are counted', async () => {
    const def = join(dir, 'hundesteuer.yaml');
    writeFileSync(def, seeded('hundesteuer', 'then: 147', 'then: 150'));
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(dogs[0].file, 'utf8').replace('"seq": 2,', '"seq": 3,'));
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(dogs[0].file, 'utf8').slice(0, 500));
    const binary = join(dir, 'random.bin');
    writeFileSync(binary, randomBytes(2048));
    const files = [...dogs.map((c) => c.file), tampered, truncated, binary];
    const lines: string[] = [];
    expect(await runReplay(files, { against: def }, (s) => lines.push(s))).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain(`${dogs.length + 3} case(s): `);
    expect(text).toMatch(/: 0 changed, \d+ unchanged, 3 could not be evaluated\./);
    expect(text).toMatch(/FAILED {4}.*random\.bin: this is binary data, not an audit bundle/);
    expect(text).toMatch(/FAILED {4}.*truncated\.json: the file ends in the middle of the JSON/);
    expect(text).toMatch(/FAILED {4}.*tampered\.json: the chain check failed .*at event \d+: the bundle was changed after export/);
    // None of the scenario cases keeps two non-dangerous dogs (the Rottweiler case pays the dangerous rate): nothing changes.
    const json: string[] = [];
    await runReplay(files, { against: def, json: true }, (s) => json.push(s));
    const personal = personalValues(dogs);
    expect(personal.length).toBeGreaterThan(0);
    for (const v of personal) {
      expect({ v, inText: text.includes(v) }).toEqual({ v, inText: false });
      expect({ v, inJson: json.join('\n').includes(v) }).toEqual({ v, inJson: false });
    }
  });

  it('a changed action input is named by its members, never by its values', () => {
    const src = seeded('personalausweis', `with: { location: standort, concerns: '"personalausweis"', date: wunschdatum }`, `with: { location: standort, concerns: '"ausweis"', date: wunschdatum }`);
    const report = whatIf(ids.map((c) => ({ file: c.file, bundle: c.bundle })), compileSource(src, 'p.yaml'), 'p.yaml');
    const notes = report.cases.flatMap((c) => c.notes);
    expect(notes).toContainEqual('action calendar.book now gets other input (concerns changed); the recorded result was reused');
    const text = JSON.stringify(report);
    for (const v of personalValues(ids)) expect({ v, leaked: text.includes(v) }).toEqual({ v, leaked: false });
  });
});

describe('the CLI into pipes and files', () => {
  it('replay … | head -1 ends quietly (no EPIPE stack trace)', () => {
    const many = Array.from({ length: 300 }, (_v, i) => { const f = join(dir, `copy-${i}.json`); copyFileSync(ids[0].file, f); return f; });
    const r = amtsweg([], { shell: `node bin/amtsweg.js replay ${many.join(' ')} 2>${join(dir, 'err.txt')} | head -1` });
    expect(r.out).toMatch(/^OK {3}.*copy-0\.json: /);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'err.txt'), 'utf8')).toBe('');
  }, 120_000);

  it('random binary is named as binary, not as truncated', () => {
    const binary = join(dir, 'noise.json');
    writeFileSync(binary, randomBytes(4096));
    const r = amtsweg(['replay', binary]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('this is binary data, not an audit bundle');
    expect(r.out).not.toMatch(/truncated/);
  }, 60_000);

  it('export writes the bundle to stdout when redirected or with -o -, the summary to stderr', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    const s = await engine.createSession({ service: 'termin_test' });
    await converse(engine, s.id);
    await engine.close();
    for (const args of [['export', s.id, '--data', dataDir], ['export', s.id, '--data', dataDir, '-o', '-']]) {
      const r = amtsweg(args);
      expect(r.code).toBe(0);
      expect(parseBundle(r.out, 'stdout.json').session.id).toBe(s.id);
      expect(r.err).toMatch(new RegExp(`^exported session ${s.id} \\(termin_test, completed\\), \\d+ events, unsigned\\n$`));
    }
    const file = join(dataDir, 'case.json');
    const r = amtsweg([], { shell: `node bin/amtsweg.js export ${s.id} --data ${dataDir} > ${file}` });
    expect(r.code).toBe(0);
    expect(parseBundle(readFileSync(file, 'utf8'), file).session.id).toBe(s.id);
    const named = amtsweg(['export', s.id, '--data', dataDir, '-o', join(dataDir, 'named.json')]);
    expect(named.out).toBe('');
    expect(named.err).toContain(`wrote ${join(dataDir, 'named.json')}: session ${s.id}`);
  }, 120_000);
});
