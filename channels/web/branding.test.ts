import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrandingError, brandingSource, contrastRatio, loadBranding, parseBranding } from '.';

const LINKS = 'links: { impressum: https://www.example.org/impressum, datenschutz: https://www.example.org/datenschutz }\n';

test('WCAG contrast ratios as the standard defines them', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#0b4dad', '#ffffff')).toBeGreaterThan(4.5);
  expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
});

test('the example branding loads with its crest', () => {
  const b = loadBranding(join(__dirname, '..', '..', 'branding', 'musterstadt.yaml'));
  expect(b.name).toMatchObject({ de: 'Stadt Musterstadt – Bürgerservice' });
  expect(b.crestFile?.type).toBe('image/svg+xml');
  expect(b.links.barrierefreiheit).toBe('/barrierefreiheit');
});

test('a colour below AA is refused, naming the pair, the ratio and a colour that passes', () => {
  let err: unknown;
  try { parseBranding(`name: Stadt X\n${LINKS}colors: { primary: "#6fa8ff" }\n`, 'b.yaml'); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(BrandingError);
  const problems = (err as BrandingError).problems;
  expect(problems.map((p) => p.code)).toEqual(['contrast', 'contrast']);
  expect(problems[0].message).toMatch(/colors\.on_primary #ffffff on colors\.primary #6fa8ff .* has contrast 2\.\d\d:1; WCAG AA needs 4\.5:1\. Use colors\.primary: "(#[0-9a-f]{6})"/);
  const fix = /Use colors\.primary: "(#[0-9a-f]{6})"/.exec(problems[0].message)![1];
  expect(contrastRatio(fix, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  // The suggested colour is accepted.
  expect(parseBranding(`name: Stadt X\n${LINKS}colors: { primary: "${fix}" }\n`, 'b.yaml').colors.primary).toBe(fix);
});

test('missing legal links, a bad URL and an unreadable crest are errors with the field named', () => {
  expect(() => parseBranding('name: Stadt X\n', 'b.yaml')).toThrow(/links: /);
  expect(() => parseBranding(`name: Stadt X\nlinks: { impressum: "javascript:alert(1)", datenschutz: /d }\n`, 'b.yaml')).toThrow(/links\.impressum: expected an https:\/\/ URL/);
  expect(() => parseBranding(`name: Stadt X\n${LINKS}crest: nowhere.svg\n`, '/tmp/b.yaml')).toThrow(/crest: \/tmp\/nowhere\.svg cannot be read/);
});

test('a changed file is picked up on the next read; a broken edit keeps the last good branding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-brand-'));
  try {
    const file = join(dir, 'branding.yaml');
    writeFileSync(file, `name: Stadt Eins\n${LINKS}`);
    const problems: string[] = [];
    const current = brandingSource(file, (e) => problems.push(e.message));
    expect(current().name).toBe('Stadt Eins');
    writeFileSync(file, `name: Stadt Zwei\n${LINKS}`);
    expect(current().name).toBe('Stadt Zwei');
    writeFileSync(file, `name: Stadt Drei\n${LINKS}colors: { text: "#cccccc" }\n`);
    expect(current().name).toBe('Stadt Zwei');
    expect(problems[0]).toMatch(/colors\.text #cccccc on colors\.background/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
