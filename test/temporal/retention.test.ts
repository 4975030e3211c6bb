/**
 * Retention on Temporal, on a real dev server: each session's payloads are encrypted with its own
 * data key; `purge` shreds the key of a finished session past retention and deletes its executions,
 * so a copy of its history kept elsewhere no longer decodes and holds nothing in clear, while a
 * session within retention still replays. Finished sessions are exported to bundles first.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { WorkflowNotFoundError } from '@temporalio/client';
import { loadCatalog } from '../../catalog';
import { HistoryError } from '../../audit';
import { historyFromJson, historyToJson } from '../../audit/history-json';
import { decodeHistory, replayTemporalHistory } from '../../audit/temporal-history';
import { exportFinished, purgeTemporal } from '../../audit/temporal-retention';
import { storeSessionKeys } from '../../host/temporal/session-keys';
import { createTemporalEngine, type TemporalEngine } from '../../host/temporal/engine';
import { temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(180_000);

const catalog = loadCatalog(resolve(__dirname, '..', '..', 'definitions'));
const today = '2026-09-30';
let clock = '2026-10-01T10:00:00.000Z';
let h: TemporalHarness;
let engine: TemporalEngine;
let dir: string;
let keyFile: string;
let otherServe: TemporalEngine | undefined;
const started = new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  h = await temporalHarness(catalog.services);
  engine = await h.engineFor(today, { now: () => new Date(clock) });
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-tret-'));
  keyFile = join(dir, 'keys.json');
  writeFileSync(keyFile, JSON.stringify({ active: h.ring.activeKeyId, keys: Object.fromEntries(Object.entries(h.ring.keys).map(([k, v]) => [k, v.toString('base64')])) }));
});
afterAll(async () => {
  await otherServe?.close();
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh reader of the session keys (no cache), as another process would be. */
const freshKeys = () => storeSessionKeys(h.keyStore.payloadKeys, h.ring, { cacheMs: 0 });

async function endedSession(at: string, text: string): Promise<{ id: string; token: string }> {
  clock = at;
  const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  await engine.sendMessage(s.id, text);
  await engine.cancel(s.id);
  return { id: s.id, token: s.token };
}

async function historyFile(id: string, name: string): Promise<string> {
  const f = join(dir, name);
  writeFileSync(f, historyToJson((await engine.exportHistory(id)) as History));
  return f;
}

it('shreds the key of a session past retention and deletes its executions; one within retention still replays', async () => {
  const { id: old, token } = await endedSession('2026-10-01T10:00:00.000Z', 'Ich bin Erika Mustermann und brauche einen Reisepass');
  const { id: recent } = await endedSession('2026-11-20T10:00:00.000Z', 'Ich bin Max Beispielmann und brauche einen Personalausweis');
  const queue = (await engine.client.workflow.getHandle(engine.workflowId(old)).describe()).taskQueue;
  // Another serve process with its own caches (session keys, token hashes) has seen the session.
  otherServe = await createTemporalEngine({
    address: h.address, taskQueue: queue, services: catalog.services, today, keyRing: h.ring, sessionKeys: storeSessionKeys(h.keyStore.payloadKeys, h.ring),
  });
  expect(await otherServe.verifyToken(old, token)).toBe(true);
  expect(await engine.verifyToken(old, token)).toBe(true);

  // Before: the copy decodes with the session key, and only with it.
  const copy = await historyFile(old, 'old-history.json');
  const before = await decodeHistory(historyFromJson(JSON.parse(readFileSync(copy, 'utf8'))), copy, keyFile, freshKeys());
  expect(before.result?.transcript.map((t) => t.text).join(' ')).toContain('Erika Mustermann');
  const kids = [...readFileSync(copy, 'utf8').matchAll(/"encryption-key-id":\s*"([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString());
  expect(kids.length).toBeGreaterThan(3);
  expect(new Set(kids)).toEqual(new Set([`sk-${old}`]));
  await expect(replayTemporalHistory(copy, { keyFile })).rejects.toThrow(HistoryError);

  // The auditor's export of finished cases, before anything expires (idempotent).
  const bundles = join(dir, 'bundles');
  const first = await exportFinished(engine, { since: started, outDir: bundles, exportedAt: clock, taskQueue: queue });
  expect(first.failed).toEqual([]);
  expect(readdirSync(bundles)).toEqual(expect.arrayContaining([`${old}.audit.json`, `${recent}.audit.json`]));
  expect(readFileSync(join(bundles, `${old}.audit.json`), 'utf8')).toContain('Erika Mustermann');
  const again = await exportFinished(engine, { since: started, outDir: bundles, exportedAt: clock, taskQueue: queue });
  expect(again.written.filter((f) => f.includes(old) || f.includes(recent))).toEqual([]);

  const now = '2026-11-05T00:00:00.000Z';
  const dry = await purgeTemporal(engine, h.keyStore, { now, dryRun: true, taskQueue: queue });
  expect(dry.purged.map((p) => p.id)).toEqual([old]);
  expect('sealed' in (await h.keyStore.payloadKeys.get(old))!).toBe(true);

  const report = await purgeTemporal(engine, h.keyStore, { now, taskQueue: queue });
  expect(report.purged).toEqual([expect.objectContaining({ id: old, service: 'terminvereinbarung', key: 'shredded', status: 'cancelled' })]);
  expect(report.purged[0].runsDeleted).toBeGreaterThanOrEqual(1);
  expect(await h.keyStore.payloadKeys.get(old)).toEqual({ shreddedAt: now });
  // The token fails at once, in this process and in the other one, whatever they cached.
  expect(await engine.verifyToken(old, token)).toBe(false);
  expect(await otherServe.verifyToken(old, token)).toBe(false);

  // The kept copy: undecodable, nothing in clear.
  await expect(replayTemporalHistory(copy, { keyFile, sessionKeys: freshKeys() })).rejects.toThrow(/deleted at 2026-11-05.*purged after retention/);
  const raw = readFileSync(copy, 'utf8');
  for (const needle of ['Mustermann', 'Erika', 'Reisepass', Buffer.from('Mustermann').toString('base64')]) expect(raw).not.toContain(needle);
  // The executions are gone from Temporal (deletion runs asynchronously in the server's system
  // workflows; on a loaded machine it took more than 10 s: bounded wait of 90 s).
  let gone = false;
  for (let i = 0; i < 450 && !gone; i++) {
    gone = await engine.client.workflow.getHandle(engine.workflowId(old)).describe().then(() => false, (e: unknown) => e instanceof WorkflowNotFoundError);
    if (!gone) await new Promise((r) => setTimeout(r, 200));
  }
  expect(gone).toBe(true);

  // Within retention: untouched, and it still replays with the same decision.
  const kept = await historyFile(recent, 'recent-history.json');
  const replay = await replayTemporalHistory(kept, { keyFile, sessionKeys: freshKeys() });
  expect(replay).toMatchObject({ ok: true, sessionId: recent });
  expect(replay.difference).toBeUndefined();

  // A second run finds nothing more to do.
  const second = await purgeTemporal(engine, h.keyStore, { now, taskQueue: queue });
  expect(second.purged).toEqual([]);
});
