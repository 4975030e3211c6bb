/** The calendar as designer-owned data: the shipped file, positioned problems, and checks of the services against it. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createActionRegistry, fromCalendarData } from '../activities';
import { loadServiceSource } from '../catalog';
import { loadCalendar } from '../core/calendar';

const DIR = join(__dirname, '..', 'definitions');
const SHIPPED = readFileSync(join(DIR, 'calendar.yaml'), 'utf8');

describe('calendar.yaml', () => {
  it('the shipped calendar loads with every concern the examples use', () => {
    const { calendar, problems } = loadCalendar(SHIPPED, 'calendar.yaml');
    expect(problems).toEqual([]);
    expect(calendar?.concerns.personalausweis.minutes).toBe(20);
    expect(Object.keys(calendar?.locations ?? {})).toEqual(['hans_sachs_haus', 'buer', 'erle', 'horst']);
  });

  it('reports wrong hours and unknown keys at their line and column', () => {
    const broken = SHIPPED.replace('mo: ["08:00-16:00"], di: ["08:00-16:00"], mi: ["08:00-13:00"], do: ["08:00-18:00"], fr: ["08:00-13:00"], sa: ["09:00-12:00"]', 'mo: ["16:00-08:00"], montag: ["08:00-16:00"]');
    const { calendar, problems } = loadCalendar(broken, 'calendar.yaml');
    expect(calendar).toBeUndefined();
    const text = problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n');
    expect(text).toMatch(/14:\d+ unknown key `montag`/);
    expect(problems.find((p) => /montag/.test(p.message))?.hint).toMatch(/mo, di, mi, do, fr, sa/);
  });
});

describe('services against the calendar', () => {
  const source = readFileSync(join(DIR, 'personalausweis.yaml'), 'utf8');
  const file = join(DIR, 'personalausweis.yaml');

  it('an unknown concern is an error with did-you-mean, not a 15-minute default', () => {
    const { service, problems } = loadServiceSource(source.replace(`concerns: '"personalausweis"'`, `concerns: '"personalausweiss"'`), file);
    expect(service).toBeUndefined();
    const p = problems.find((x) => x.code === 'unknown_calendar_ref');
    expect(p?.message).toContain('the calendar has no concern "personalausweiss"');
    expect(p?.hint).toContain('did you mean "personalausweis"?');
    expect(p?.line).toBe(source.split('\n').findIndex((l) => l.includes('action: calendar.book')) + 2);
  });

  it('every value of the enum slot a location reads must be a location', () => {
    const { problems } = loadServiceSource(source.replace('      horst: { label: { de: Horst', '      horts: { label: { de: Horst'), file);
    const p = problems.find((x) => x.code === 'unknown_calendar_ref');
    expect(p?.message).toContain('the calendar has no location "horts"');
    expect(p?.hint).toContain('did you mean "horst"?');
  });

  it('books with the calendar\'s durations and refuses unknown concerns at run time too', async () => {
    const { calendar } = loadCalendar(SHIPPED.replace('personalausweis: { label: { de: Personalausweis, en: ID card }, minutes: 20 }', 'personalausweis: { label: Personalausweis, minutes: 25 }'), 'c.yaml');
    const data = fromCalendarData(calendar!);
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-cal-data-'));
    const db = new Database(join(dir, 'cal.db'));
    const registry = createActionRegistry({ db, today: '2026-11-20', locations: data.locations, concernMinutes: data.minutes });
    const ctx = (k: string) => ({ idempotencyKey: k, sessionId: 's', now: '2026-11-20T09:00:00Z' });
    const booked = await registry.run('calendar.book', { location: 'buer', concerns: 'personalausweis', date: '2026-11-23' }, ctx('a')) as { dauer_min: number };
    expect(booked.dauer_min).toBe(25);
    await expect(registry.run('calendar.book', { location: 'buer', concerns: 'passantrag', date: '2026-11-23' }, ctx('b'))).rejects.toMatchObject({ code: 'unknown_concern' });
    await registry.close?.();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
