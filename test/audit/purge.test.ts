/**
 * Retention: after `purge` the personal data is gone from every copy of the data folder, even
 * for someone holding master.key; open desk cases get a reminder first; a purged case still
 * verifies, exports with its real reference date, replays as "purged" and answers 410 Gone.
 */
import Database from 'better-sqlite3';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportEmbeddedSession, readBundle, renderBundle, replayBundle, formatReplayReport, explainBundle } from '../../audit';
import { purgeExpired } from '../../audit/purge';
import { runPurge } from '../../cli/commands/purge';
import { runReplay } from '../../cli/commands/replay';
import { createApp } from '../../channels/http/app';
import { SessionPurgedError } from '../../host/embedded';
import { derivedKey, loadMasterKey, open, unwrapDataKey } from '../../platform/crypto';
import { converse, manualClock, openEngine } from '../../host/embedded/engine-helpers.fixture';
import { SessionStore } from '../../host/embedded/store';
import { CITIZEN } from '../../host/embedded/test-fixture';
import { tempDir } from './helpers';

const DAY = 24 * 3600 * 1000;
const noSealer = { seal: (): Buffer => { throw new Error('read-only'); }, open: (): string => { throw new Error('read-only'); } };

/** Every file of a data folder (database, WAL, shared memory, e-mail store, key). */
function folderBytes(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

function copyFolder(dir: string): string {
  const to = tempDir('amtsweg-copy-');
  cpSync(dir, to, { recursive: true });
  return to;
}

/** What someone with master.key can get out of a copy for one session: key, data key, every sealed blob. */
function secretsOf(dir: string, id: string) {
  const db = new Database(join(dir, 'amtsweg.db'), { readonly: true });
  try {
    const master = loadMasterKey(join(dir, 'master.key'), {});
    const row = db.prepare('SELECT key_id, wrapped_key, snapshot FROM sessions WHERE id = ?').get(id) as { key_id: string; wrapped_key: Buffer | null; snapshot: Buffer };
    const blobs: Buffer[] = [row.snapshot];
    for (const t of ['events', 'transcript', 'effects']) {
      for (const r of db.prepare(`SELECT * FROM ${t} WHERE session_id = ?`).all(id) as Record<string, unknown>[]) {
        for (const v of Object.values(r)) if (Buffer.isBuffer(v) && v.length >= 29) blobs.push(v);
      }
    }
    // The outbox lives in the shared store (store.db by default).
    const shared = new Database(join(dir, 'store.db'), { readonly: true });
    try {
      for (const r of shared.prepare('SELECT * FROM outbox WHERE session_id = ?').all(id) as Record<string, unknown>[]) {
        for (const v of Object.values(r)) if (Buffer.isBuffer(v) && v.length >= 29) blobs.push(v);
      }
    } finally {
      shared.close();
    }
    const dataKey = row.wrapped_key ? unwrapDataKey(master, id, row.key_id, row.wrapped_key) : undefined;
    return { master, wrapped: row.wrapped_key, dataKey, blobs };
  } finally {
    db.close();
  }
}

/** Tries every blob and text cell of every table of every database in the copy with every key derivable. */
function decryptableCells(dir: string, keys: Buffer[]): number {
  let opened = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.db'))) {
    const db = new Database(join(dir, file), { readonly: true });
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
      for (const r of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const v of Object.values(r)) {
          if (!Buffer.isBuffer(v) || v.length < 29) continue;
          for (const key of keys) {
            for (const aad of [undefined, ...Object.values(r).filter((x): x is string => typeof x === 'string').flatMap((s) => [`${s}:snapshot`, `${s}:transcript`, s])]) {
              try { open(key, v, aad ?? ''); opened++; } catch { /* not this key */ }
            }
          }
        }
      }
    }
    db.close();
  }
  return opened;
}

describe('amtsweg purge', () => {
  it('leaves nothing in a copy of the data folder that master.key can open; the running engine answers 410', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    const app = createApp({ engine, rateLimit: false, log: () => undefined });
    const get = (id: string, token: string, method = 'GET', body?: unknown) => Promise.resolve(app.request(`http://amtsweg.test/api/sessions/${id}${method === 'POST' ? '/messages' : ''}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    }, { incoming: { socket: { remoteAddress: '192.0.2.10' } } }));
    let doneId = '';
    try {
      const done = await engine.createSession({ service: 'termin_test' });
      doneId = done.id;
      await converse(engine, done.id);
      expect((await engine.view(done.id)).status).toBe('completed');
      const open1 = await engine.createSession({ service: 'termin_test' });
      await engine.sendMessage(open1.id, 'Personalausweis');
      expect((await get(done.id, done.token)).status).toBe(200);

      const before = copyFolder(dataDir);
      const s = secretsOf(before, done.id);
      expect(s.dataKey).toBeDefined();
      // Positive control: the search below finds the key and the blobs in a copy made before the purge.
      const beforeBytes = [...folderBytes(before).values()];
      expect(beforeBytes.some((b) => b.includes(s.wrapped!))).toBe(true);
      expect(s.blobs.length).toBeGreaterThan(10);
      expect(decryptableCells(before, [s.dataKey!])).toBeGreaterThan(5);

      // Purge while the engine is running (as from cron).
      const lines: string[] = [];
      expect(runPurge({ data: dataDir, now: new Date(clock.now().getTime() + 31 * DAY).toISOString() }, (x) => lines.push(x))).toBe(0);
      const text = lines.join('\n');
      expect(text).toMatch(new RegExp(`purged ${done.id} \\(termin_test\\): completed at .*; retention P30D reached at .*; chain of \\d+ events verifies`));
      expect(text).toContain('Compacted amtsweg.db');
      expect(text).not.toContain(CITIZEN.email);

      const after = copyFolder(dataDir);
      const bytes = folderBytes(after);
      for (const [name, b] of bytes) {
        expect({ name, wrapped: b.includes(s.wrapped!) }).toEqual({ name, wrapped: false });
        expect({ name, dataKey: b.includes(s.dataKey!) }).toEqual({ name, dataKey: false });
        expect({ name, blob: s.blobs.findIndex((x) => b.includes(x)) }).toEqual({ name, blob: -1 });
        expect({ name, email: b.includes(Buffer.from(CITIZEN.email)) }).toEqual({ name, email: false });
      }
      const wal = bytes.get('amtsweg.db-wal');
      expect(wal === undefined || wal.length === 0).toBe(true);
      // With master.key, every derivable key and even the old data key: no cell of the copy opens.
      const master = loadMasterKey(join(after, 'master.key'), {});
      const derived = ['outbox', 'action-results', 'action_runs', 'email'].map((p) => derivedKey(master, p));
      expect(decryptableCells(after, [s.dataKey!, master.key, ...derived])).toBe(0);
      const db = new Database(join(after, 'amtsweg.db'));
      const store = new SessionStore(db, master, noSealer);
      expect(() => store.snapshot(done.id)).toThrow(SessionPurgedError);
      expect(() => store.events(done.id)).toThrow(SessionPurgedError);
      expect(store.snapshot(open1.id).snapshot.status).toBe('active');
      db.close();

      // The running engine had the key cached: it must not serve the purged case (410, not 500).
      const g = await get(done.id, done.token);
      expect(g.status).toBe(410);
      expect(((await g.json()) as { error: { code: string } }).error.code).toBe('session_purged');
      expect((await get(done.id, done.token, 'POST', { text: 'hallo' })).status).toBe(410);
      expect((await get(done.id, 'wrong-token')).status).toBe(401);
      await expect(engine.view(done.id)).rejects.toBeInstanceOf(SessionPurgedError);
      expect((await engine.verifySession(done.id)).ok).toBe(true);
      expect((await get(open1.id, open1.token)).status).toBe(200);
    } finally {
      await engine.close();
    }

    // The purged case exports with its real reference date, replays as "purged, chain intact" (exit 3).
    const bundle = exportEmbeddedSession(dataDir, doneId, { exportedAt: clock.iso() });
    expect(bundle.purged).toBe(true);
    expect(bundle.session.referenceDate).toBe('2026-11-20');
    expect(JSON.stringify(bundle)).not.toContain(CITIZEN.email);
    const file = join(dataDir, 'purged.json');
    writeFileSync(file, renderBundle(bundle));
    const read = readBundle(file);
    const report = replayBundle(read, file);
    expect(report).toMatchObject({ purged: true, ok: false });
    expect(formatReplayReport(report)).toMatch(/^PURGED .*personal data deleted after its retention period; chain of \d+ events intact/);
    const out: string[] = [];
    expect(await runReplay([file], {}, (x) => out.push(x))).toBe(3);
    expect(out.join('\n')).not.toContain('FAIL');
    expect(explainBundle(read, file, { lang: 'de' })).toContain('nach Ablauf der Aufbewahrungsfrist gelöscht');
    expect(explainBundle(read, file, { lang: 'de' })).toContain('20. November 2026');
  });

  it('an open desk case gets a reminder first and is purged after the grace period unless someone acts', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    const quiet = await engine.createSession({ service: 'termin_test' });
    await engine.requestHandoff(quiet.id, 'citizen_request');
    await engine.staffAction(quiet.id, { type: 'take', staff: 'anna' });
    const busy = await engine.createSession({ service: 'termin_test' });
    await engine.requestHandoff(busy.id, 'citizen_request');
    await engine.close();
    const at = (days: number): string => new Date(clock.now().getTime() + days * DAY).toISOString();

    const dry = purgeExpired(dataDir, { now: at(31), dryRun: true });
    expect(dry.reminders.map((r) => r.id).sort()).toEqual([quiet.id, busy.id].sort());
    expect(dry.checked).toBe(2);
    const lines: string[] = [];
    runPurge({ data: dataDir, now: at(31) }, (x) => lines.push(x));
    expect(lines.join('\n')).toMatch(new RegExp(`reminder ${quiet.id} \\(termin_test\\): open case \\(taken by anna\\), no activity since .*; it will be purged after .* unless a case worker acts on it or closes it`));
    expect(lines.join('\n')).toContain('2 open case(s) reminded');

    // A case worker answers on one case: its clock starts again.
    clock.advance(46 * DAY);
    const e2 = await openEngine(dataDir, { now: clock.now });
    await e2.staffAction(busy.id, { type: 'take', staff: 'ben' });
    await e2.close();
    const later = purgeExpired(dataDir, { now: clock.iso() });
    expect(later.purged.map((p) => p.id)).toEqual([quiet.id]);
    expect(later.purged[0].reason).toMatch(/open case \(taken by anna\), .*reminded at .*grace ended/);
    expect(later.reminders).toEqual([]);
    const e3 = await openEngine(dataDir, { now: clock.now });
    expect((await e3.listCases()).map((c) => c.id)).toEqual([busy.id]); // the purged case left the desk
    await e3.close();
  });

  it('--dry-run lists what would go and why and changes nothing; bad input is a clear error', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    const s = await engine.createSession({ service: 'termin_test' });
    await converse(engine, s.id);
    await engine.close();
    const lines: string[] = [];
    runPurge({ data: dataDir, now: '2027-06-01T00:00:00.000Z', dryRun: true }, (x) => lines.push(x));
    expect(lines.join('\n')).toMatch(new RegExp(`would purge ${s.id} \\(termin_test\\): completed at 2026-11-20.*; retention P30D reached at 2026-12-20`));
    expect(exportEmbeddedSession(dataDir, s.id, { exportedAt: clock.iso() }).purged).toBe(false);
    expect(() => runPurge({ data: join(dataDir, 'nope'), now: '2027-01-01T00:00:00Z' }, () => undefined)).toThrow(/There is no amtsweg database in .*--data DIR/);
    expect(() => runPurge({ data: dataDir, now: 'gestern' }, () => undefined)).toThrow(/--now: "gestern" is not an ISO 8601 instant/);
    expect(() => runPurge({ data: dataDir, now: '2027-01-01T00:00:00Z', grace: '14 Tage' }, () => undefined)).toThrow(/--grace: "14 Tage" is not an ISO 8601 duration/);
  });
});
