import { rmSync } from 'node:fs';
import { readOutbox } from '../../activities/notify';
import { openStore } from '../../store';
import type { SessionSnapshot, StepResult } from '../../core/session/types';
import { derivedKey, keyIdOf, open, seal } from '../../platform/crypto';
import { openDatabase } from './db';
import { tempDataDir } from './engine-helpers.fixture';
import { createSharedPublisher } from './shared-publisher';
import { SessionStore, type SharedWrites } from './store';
import { fixtureService } from './test-fixture';

let dir: string;
beforeEach(() => { dir = tempDataDir(); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function snapshot(status: SessionSnapshot['status']): SessionSnapshot {
  return {
    format: 1, sessionId: 's_x', service: 'termin_test', definitionHash: 'h', locale: 'de', channel: 'email', referenceDate: '2026-11-20',
    startedAt: '2026-11-20T09:00:00.000Z', lastActivityAt: '2026-11-20T09:00:00.000Z', status, state: 'x', slots: {}, values: {},
    pending: null, attempts: {}, turn: 0, seq: 2, unmapped: [], timers: {},
  } as SessionSnapshot;
}

test('a turn hands its notifications and case entry to the shared store after the commit; a restart publishes what was left', async () => {
  const db = openDatabase(dir);
  const masterKey = Buffer.alloc(32, 3);
  const master = { id: keyIdOf(masterKey), key: masterKey };
  const k = derivedKey(master, 'outbox');
  const sealer = { seal: (t: string) => seal(k, t, 'outbox'), open: (b: Buffer) => open(k, b, 'outbox').toString('utf8') };
  const shared = await openStore({ dataDir: dir });
  const store = new SessionStore(db, master);
  const handed: SharedWrites[] = [];
  store.onCommitted = (w) => handed.push(w);
  const compiled = fixtureService();
  store.saveDefinition(compiled, '2026-11-20T09:00:00.000Z');
  const result: StepResult = {
    snapshot: snapshot('handoff'),
    messages: [{ role: 'assistant', text: 'Eine Mitarbeiterin meldet sich.' }],
    trail: [],
    effects: [
      { kind: 'notify', id: 's_x:1', template: 'handoff_info', data: { to: 'erika.secret@example.org' } },
      { kind: 'handoff', id: 's_x:2', reason: 'citizen_request' },
    ],
  };
  store.commit({ sessionId: 's_x', event: { type: 'start', sessionId: 's_x', referenceDate: '2026-11-20' }, now: '2026-11-20T09:00:00.000Z', result,
    create: { service: compiled, tokenHash: 'a'.repeat(64), channel: 'email' } });
  expect(handed).toEqual([{
    sessionId: 's_x',
    notifications: [expect.objectContaining({ effectId: 's_x:1', id: 's_x:1', template: 'handoff_info', to: 'erika.secret@example.org', locale: 'de' })],
    caseEntry: expect.objectContaining({ sessionId: 's_x', service: compiled.id, channel: 'email', status: 'handoff', desk: 'handoff', engine: 'embedded' }),
  }]);
  expect(store.row('s_x').desk).toBe('handoff');
  // Not published yet: the notify effect stays pending, so a restart would publish it.
  expect(store.effects('s_x').map((e) => [e.kind, e.status])).toEqual([['notify', 'pending'], ['handoff', 'done']]);
  expect(store.pendingNotifications().map((p) => p.notification.id)).toEqual(['s_x:1']);

  const publisher = createSharedPublisher({ shared, sessions: store, sealer, nowIso: () => '2026-11-20T09:00:01.000Z' });
  await publisher.recover();
  expect(await readOutbox(shared.outbox, sealer, 's_x')).toEqual([expect.objectContaining({ id: 's_x:1', template: 'handoff_info', to: 'erika.secret@example.org' })]);
  expect((await shared.outbox.ofSession('s_x'))[0]).toMatchObject({ sealed: true, locale: 'de', channel: 'email' });
  expect(store.effects('s_x').map((e) => [e.kind, e.status])).toEqual([['notify', 'done'], ['handoff', 'done']]);
  expect((await shared.cases.list({ status: 'handoff' })).map((c) => c.sessionId)).toEqual(['s_x']);
  await publisher.recover(); // nothing left: publishing twice queues nothing twice
  expect(await shared.outbox.ofSession('s_x')).toHaveLength(1);
  expect(store.transcript('s_x')).toEqual([{ role: 'assistant', text: 'Eine Mitarbeiterin meldet sich.', at: '2026-11-20T09:00:00.000Z' }]);
  publisher.stop();
  await shared.close();
  db.close();
});

test('a turn seals its transcript lines together, once; one-line rows of earlier releases still read, in order', () => {
  const db = openDatabase(dir);
  const masterKey = Buffer.alloc(32, 4);
  const store = new SessionStore(db, { id: keyIdOf(masterKey), key: masterKey });
  const compiled = fixtureService();
  store.saveDefinition(compiled, '2026-11-20T09:00:00.000Z');
  const start: StepResult = { snapshot: snapshot('active'), messages: [{ role: 'assistant', text: 'Guten Tag.' }], trail: [], effects: [] };
  store.commit({ sessionId: 's_x', event: { type: 'start', sessionId: 's_x', referenceDate: '2026-11-20' }, now: '2026-11-20T09:00:00.000Z', result: start,
    create: { service: compiled, tokenHash: 'a'.repeat(64), channel: 'api' } });
  // A line as an earlier release wrote it: one row, its text sealed alone.
  const row = store.row('s_x');
  db.prepare('INSERT INTO transcript (session_id, role, text, at) VALUES (?, ?, ?, ?)').run('s_x', 'citizen', store.sealFor(row, 'transcript', 'Erika Mustermann, 13.05.1990'), '2026-11-20T09:00:30.000Z');
  const reply: StepResult = { snapshot: snapshot('active'), messages: [{ role: 'assistant', text: 'Danke.' }, { role: 'assistant', text: 'Welcher Standort?' }], trail: [], effects: [] };
  store.commit({ sessionId: 's_x', event: { type: 'message', text: 'Buer, bitte' }, now: '2026-11-20T09:01:00.000Z', result: reply });

  expect(store.transcript('s_x')).toEqual([
    { role: 'assistant', text: 'Guten Tag.', at: '2026-11-20T09:00:00.000Z' },
    { role: 'citizen', text: 'Erika Mustermann, 13.05.1990', at: '2026-11-20T09:00:30.000Z' },
    { role: 'citizen', text: 'Buer, bitte', at: '2026-11-20T09:01:00.000Z' },
    { role: 'assistant', text: 'Danke.', at: '2026-11-20T09:01:00.000Z' },
    { role: 'assistant', text: 'Welcher Standort?', at: '2026-11-20T09:01:00.000Z' },
  ]);
  // The second turn's three lines are one row, and nothing of them is in clear.
  const rows = db.prepare("SELECT role, text FROM transcript WHERE session_id = 's_x' ORDER BY id").all() as { role: string; text: Buffer }[];
  expect(rows.map((r) => r.role)).toEqual(['turn', 'citizen', 'turn']);
  for (const r of rows) for (const clear of ['Buer', 'Standort', 'Mustermann']) expect(r.text.includes(Buffer.from(clear))).toBe(false);
  db.close();
});
