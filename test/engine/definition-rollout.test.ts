/**
 * Definitions roll out safely on the embedded engine: a session keeps the compiled version it
 * started with (by hash) across a restart with an edited definition, its timers keep working, and
 * new sessions get the new version.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v1, v1Source, v2, v2Source } from './edited-definition';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';


let dir: string;
let engine: EmbeddedEngine | undefined;
let clock = new Date('2026-11-20T09:00:00Z');
const open = (services = [v1]) => createEmbeddedEngine({ dataDir: dir, services, today: '2026-11-20', now: () => clock, scheduler: false });

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'amtsweg-rollout-')); clock = new Date('2026-11-20T09:00:00Z'); });
afterEach(async () => { await engine?.close(); engine = undefined; rmSync(dir, { recursive: true, force: true }); });

it('the edit is a new version with its own hash', () => {
  expect(v2.hash).not.toBe(v1.hash);
  expect(v2.version).toBe('2099.1');
});

it('an open session finishes on its version after a restart with the edited definition; new sessions get the new one', async () => {
  engine = await open([v1]);
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  await engine.sendMessage(s.id, 'Reisepass');
  await engine.close();

  engine = await open([v2]);
  const next = await engine.sendMessage(s.id, 'in Erle');
  expect(next.status).toBe('active');
  expect((await engine.exportSession(s.id)).session.definitionHash).toBe(v1.hash);
  const fresh = await engine.createSession({ service: 'terminvereinbarung' });
  expect((await engine.exportSession(fresh.id)).session.definitionHash).toBe(v2.hash);
  expect(fresh.messages.map((m) => m.text).join(' ')).toContain('Wofür brauchen Sie den Termin denn?');
});

it('timers of an open session fire after a restart with the edited definition', async () => {
  engine = await open([v1]);
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  await engine.sendMessage(s.id, 'Reisepass');
  const armed = (await engine.exportSession(s.id)).timers;
  expect(armed.length).toBeGreaterThan(0);
  await engine.close();

  engine = await open([v2]);
  clock = new Date(Date.parse(armed[0].at) + 1000);
  expect(await engine.runDueTimers()).toBeGreaterThan(0);
  const events = (await engine.exportSession(s.id)).events;
  expect(events.some((e) => e.type === 'timer')).toBe(true);
  // The timer turn ran on the session's version (it answered, it did not fail).
  expect(events[events.length - 1].body?.messages.length ?? 0).toBeGreaterThan(0);
});

it('the same holds in a process that runs the sources through tsx, as `amtsweg serve` does', async () => {
  engine = await open([v1]);
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  await engine.sendMessage(s.id, 'Reisepass');
  await engine.close();
  engine = undefined;
  const edited = join(dir, 'terminvereinbarung.yaml');
  writeFileSync(edited, v2Source);
  const child = spawnSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'rollout-child.fixture.ts'), dir, edited, s.id, 'in Erle', clock.toISOString()], {
    cwd: resolve(__dirname, '..', '..'), env: { ...process.env, AMTSWEG_LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
  });
  expect(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({ status: 'active' });
});
