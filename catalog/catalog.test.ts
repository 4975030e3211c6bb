import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog, loadServiceFile } from './index';

const fixtures = path.resolve(__dirname, '..', 'core', 'definition', 'fixtures');
const valid = path.join(fixtures, 'personalausweis.yaml');
const broken = path.join(fixtures, 'personalausweis-broken.yaml');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'amtsweg-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadServiceFile', () => {
  it('validates, hashes with sha256 and compiles a definition', () => {
    const { service, problems } = loadServiceFile(valid);
    expect(problems).toEqual([]);
    const text = readFileSync(valid, 'utf8');
    expect(service?.id).toBe('personalausweis');
    expect(service?.version).toBe('2026.2');
    expect(service?.source).toBe(text);
    expect(service?.hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(Object.keys(service?.machine ?? {}).length).toBeGreaterThan(0);
  });

  it('gives problems instead of throwing for a missing or broken file', () => {
    const missing = loadServiceFile(path.join(dir, 'nope.yaml'));
    expect(missing.service).toBeUndefined();
    expect(missing.problems.map((p) => [p.code, p.message])).toEqual([['read_error', 'cannot read the file: no such file']]);
    const bad = loadServiceFile(broken);
    expect(bad.service).toBeUndefined();
    expect(bad.problems.filter((p) => p.severity === 'error')).toHaveLength(7);
  });

  it('checks action names against the registry when given, in German on request', () => {
    const { service, problems } = loadServiceFile(valid, { actions: ['calendar.cancel', 'notify.send'], lang: 'de' });
    expect(service).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.col, p.message])).toEqual([
      ['unknown_action', 68, 13, 'Ablaufschritt 5 action ruft die Aktion `calendar.book` auf, die nicht registriert ist'],
    ]);
    expect(problems[0].hint).toBe('Meinten Sie `calendar.cancel`?');
  });
});

describe('loadCatalog', () => {
  it('loads *.yaml and *.yml, ignores scenario files, reports duplicate ids and broken files without throwing', () => {
    copyFileSync(valid, path.join(dir, 'a-personalausweis.yaml'));
    copyFileSync(valid, path.join(dir, 'b-copy.yml'));
    copyFileSync(broken, path.join(dir, 'c-broken.yaml'));
    writeFileSync(path.join(dir, 'personalausweis.scenarios.yaml'), 'scenarios: [ this is not a definition');
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const other = readFileSync(valid, 'utf8').replace('service: personalausweis', 'service: reisepass');
    writeFileSync(path.join(dir, 'd-reisepass.yaml'), other);

    const { services, problems } = loadCatalog(dir);
    expect(services.map((s) => s.id)).toEqual(['personalausweis', 'reisepass']);
    const dup = problems.filter((p) => p.code === 'duplicate_service');
    expect(dup.map((p) => [path.basename(p.file), p.line, p.col])).toEqual([['b-copy.yml', 2, 10]]);
    expect(dup[0].message).toContain(path.join(dir, 'a-personalausweis.yaml'));
    expect(new Set(problems.map((p) => path.basename(p.file)))).toEqual(new Set(['b-copy.yml', 'c-broken.yaml']));
    expect(problems.some((p) => p.file.includes('scenarios'))).toBe(false);
  });

  it('reports a missing folder as a problem', () => {
    const { services, problems } = loadCatalog(path.join(dir, 'missing'));
    expect(services).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['read_error']);
  });
});
