/** Retention: crypto-shredding of ended sessions; the purged case still verifies its chain. */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditError, explainBundle, exportEmbeddedSession, readBundle, renderBundle, replayBundle } from '../../audit';
import { purgeExpired } from '../../audit/purge';
import { runPurge } from '../../cli/commands/purge';
import { SessionPurgedError } from '../../host/embedded';
import { converse, manualClock, openEngine } from '../../host/embedded/engine-helpers.fixture';
import { tempDir } from './helpers';

const DAY = 24 * 3600 * 1000;

describe('amtsweg purge', () => {
  it('destroys the data key of sessions past retention (P30D) and keeps a verifiable chain', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    let engine = await openEngine(dataDir, { now: clock.now });
    const done = await engine.createSession({ service: 'termin_test' });
    await converse(engine, done.id);
    expect((await engine.view(done.id)).status).toBe('completed');
    const open = await engine.createSession({ service: 'termin_test' });
    await engine.sendMessage(open.id, 'Personalausweis');
    const before = await engine.verifySession(done.id);
    await engine.close();

    const early = purgeExpired(dataDir, { now: new Date(clock.now().getTime() + 29 * DAY).toISOString() });
    expect(early.purged).toEqual([]);
    expect(early.checked).toBe(1); // the active session is not even a candidate

    const lines: string[] = [];
    expect(runPurge({ data: dataDir, now: new Date(clock.now().getTime() + 31 * DAY).toISOString() }, (s) => lines.push(s))).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain(`purged ${done.id} (termin_test, ended`);
    expect(text).toMatch(/retention P30D\); chain of \d+ events verifies/);
    expect(text).not.toContain('max.mustermann'); // ids and counts only

    const db = new Database(join(dataDir, 'amtsweg.db'));
    const row = db.prepare('SELECT wrapped_key FROM sessions WHERE id = ?').get(done.id) as { wrapped_key: Buffer | null };
    expect(row.wrapped_key).toBeNull();
    expect((db.prepare('SELECT COUNT(*) AS n FROM transcript WHERE session_id = ?').get(done.id) as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM events WHERE session_id = ?').get(done.id) as { n: number }).n).toBeGreaterThan(3);
    expect((db.prepare('SELECT wrapped_key FROM sessions WHERE id = ?').get(open.id) as { wrapped_key: Buffer | null }).wrapped_key).not.toBeNull();
    db.close();

    engine = await openEngine(dataDir, { now: clock.now });
    await expect(engine.view(done.id)).rejects.toBeInstanceOf(SessionPurgedError);
    expect(await engine.verifySession(done.id)).toEqual(before);
    expect((await engine.view(open.id)).status).toBe('active');
    await engine.close();

    // The purged case exports as a chain-only bundle that still verifies, but cannot be replayed.
    const bundle = exportEmbeddedSession(dataDir, done.id, { exportedAt: clock.iso() });
    expect(bundle.purged).toBe(true);
    expect(bundle.events.every((e) => e.event === undefined)).toBe(true);
    expect(JSON.stringify(bundle)).not.toContain('max.mustermann');
    const file = join(dataDir, 'purged.json');
    writeFileSync(file, renderBundle(bundle));
    const read = readBundle(file);
    expect(read.chain.length).toBe(before.ok ? before.length : -1);
    expect(() => replayBundle(read, file)).toThrow(AuditError);
    expect(explainBundle(read, file, { lang: 'de' })).toContain('nach Ablauf der Aufbewahrungsfrist gelöscht');

    // A second purge finds nothing more to do.
    expect(purgeExpired(dataDir, { now: new Date(clock.now().getTime() + 60 * DAY).toISOString() }).purged).toEqual([]);
  });

  it('--dry-run changes nothing; a missing data folder is a clear error', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    const s = await engine.createSession({ service: 'termin_test' });
    await converse(engine, s.id);
    await engine.close();
    const r = purgeExpired(dataDir, { now: '2027-06-01T00:00:00.000Z', dryRun: true });
    expect(r.purged.map((p) => p.id)).toEqual([s.id]);
    expect(exportEmbeddedSession(dataDir, s.id, { exportedAt: clock.iso() }).purged).toBe(false);
    expect(() => runPurge({ data: join(dataDir, 'nope'), now: '2027-01-01T00:00:00Z' }, () => undefined)).toThrow(/There is no amtsweg database in .*--data DIR/);
    expect(() => runPurge({ data: dataDir, now: 'gestern' }, () => undefined)).toThrow(/--now: "gestern" is not an ISO 8601 instant/);
  });
});
