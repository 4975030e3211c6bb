/**
 * Definitions reload without a restart on the embedded engine: the reload keeps every compiled
 * version by hash, an open session finishes on its own, new sessions get the new one, `/readyz`
 * says which versions are loaded, a broken folder changes nothing, and only an admin may reload
 * through the desk. (The Temporal side: test/temporal/visibility.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { v1, v1Source, v2, v2Source } from './edited-definition';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { definitionReloader, DefinitionReloadError } from '../../cli/commands/serve';
import { mountDeskApi } from '../../channels/desk/api';
import { parseStaffCredentials } from '../../channels/security/staff-auth';
import { parseStaffRoles } from '../../channels/desk/roles';


let dir: string;
let defs: string;
let engine: EmbeddedEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-reload-'));
  defs = mkdtempSync(join(tmpdir(), 'amtsweg-reload-defs-'));
  writeFileSync(join(defs, 'terminvereinbarung.yaml'), v1Source);
  engine = await createEmbeddedEngine({ dataDir: dir, services: [v1], today: '2026-11-20', now: () => new Date('2026-11-20T09:00:00Z'), scheduler: false });
});
afterEach(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(defs, { recursive: true, force: true });
});

it('an open session survives a reload with an edited definition; new sessions get the new version', async () => {
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  await engine.sendMessage(s.id, 'Reisepass');
  const r = await engine.reload!([v2]);
  expect(r).toEqual({ current: [{ id: 'terminvereinbarung', version: '2099.1', hash: v2.hash }], added: [{ id: 'terminvereinbarung', version: '2099.1', hash: v2.hash }], withdrawn: [], versions: 2 });
  const next = await engine.sendMessage(s.id, 'in Erle');
  expect(next.status).toBe('active');
  expect((await engine.exportSession(s.id)).session.definitionHash).toBe(v1.hash);
  const fresh = await engine.createSession({ service: 'terminvereinbarung' });
  expect((await engine.exportSession(fresh.id)).session.definitionHash).toBe(v2.hash);
  expect(fresh.messages.map((m) => m.text).join(' ')).toContain('Wofür brauchen Sie den Termin denn?');
  expect(engine.services().map((x) => x.version)).toEqual(['2099.1']);
  const ready = await engine.readiness!();
  expect(ready.checks.definitions?.detail).toBe(`terminvereinbarung 2099.1 (${v2.hash.slice(0, 12)}); 1 older version(s) kept for running sessions`);
});

it('serve re-reads the folder; a broken folder keeps the loaded versions', async () => {
  const lines: string[] = [];
  const reload = definitionReloader(engine, defs, (l) => lines.push(l));
  writeFileSync(join(defs, 'terminvereinbarung.yaml'), v2Source);
  const r = await reload();
  expect(r.added.map((v) => v.hash)).toEqual([v2.hash]);
  expect(lines.join('\n')).toContain(`terminvereinbarung 2099.1 (${v2.hash.slice(0, 12)}); 1 new version(s), 2 kept by hash`);
  writeFileSync(join(defs, 'terminvereinbarung.yaml'), v2Source.replace(/^slots:/m, 'slots: [kaputt'));
  await expect(reload()).rejects.toThrow(DefinitionReloadError);
  expect(engine.services().map((x) => x.hash)).toEqual([v2.hash]);
});

it('the desk reloads for an admin only', async () => {
  const app = new Hono();
  writeFileSync(join(defs, 'terminvereinbarung.yaml'), v2Source);
  mountDeskApi(app, {
    engine, staff: parseStaffCredentials('anna:admin-token-1,bert:worker-token-1', ''), roles: parseStaffRoles('anna:admin'),
    reloadDefinitions: definitionReloader(engine, defs, () => {}), log: () => {},
  });
  const post = (token: string) => app.request('/desk/api/admin/reload', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const refused = await post('worker-token-1');
  expect(refused.status).toBe(403);
  expect(engine.services()[0].hash).toBe(v1.hash);
  const ok = await post('admin-token-1');
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { current: { hash: string }[] }).current[0].hash).toBe(v2.hash);
  writeFileSync(join(defs, 'terminvereinbarung.yaml'), 'id: [');
  const bad = await post('admin-token-1');
  expect(bad.status).toBe(422);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('definitions_invalid');
});
