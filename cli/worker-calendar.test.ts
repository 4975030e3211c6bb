/** The worker books with the designer's calendar.yaml, like the embedded engine (not built-in defaults). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerCalendar } from './commands/worker';
import { CliError } from './errors';

const DEFINITIONS = join(__dirname, '..', 'definitions');

test('durations and locations come from definitions/calendar.yaml', () => {
  const c = workerCalendar(DEFINITIONS, () => undefined);
  expect(c.concernMinutes).toMatchObject({ reisepass: 20, fuehrungszeugnis: 10, wohnsitz: 15 });
  expect(c.locations?.map((l) => l.id).length).toBeGreaterThan(0);
});

test('an edited calendar.yaml changes what the worker books; without one the built-in data stays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-worker-cal-'));
  expect(workerCalendar(dir, () => undefined)).toEqual({});
  const text = readFileSync(join(DEFINITIONS, 'calendar.yaml'), 'utf8').replace('en: Passport }, minutes: 20 }', 'en: Passport }, minutes: 30 }');
  writeFileSync(join(dir, 'calendar.yaml'), text);
  expect(workerCalendar(dir, () => undefined).concernMinutes?.reisepass).toBe(30);
});

test('a broken calendar.yaml stops the worker with a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-worker-cal-'));
  writeFileSync(join(dir, 'calendar.yaml'), 'locations: [\n');
  const problems: string[] = [];
  expect(() => workerCalendar(dir, (s) => problems.push(s))).toThrow(CliError);
});
