import { rmSync } from 'node:fs';
import { readOutbox } from '../../activities/notify';
import { createActionRegistry } from '../../activities/registry';
import type { SessionSnapshot, StepResult } from '../../core/session/types';
import { derivedKey, keyIdOf, open, seal } from '../../platform/crypto';
import { openDatabase } from './db';
import { tempDataDir } from './engine-helpers.fixture';
import { SessionStore } from './store';
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

test('notify effects are queued sealed in the outbox, handoff effects mark the desk, all in the turn', () => {
  const db = openDatabase(dir);
  const masterKey = Buffer.alloc(32, 3);
  const master = { id: keyIdOf(masterKey), key: masterKey };
  const k = derivedKey(master, 'outbox');
  const sealer = { seal: (t: string) => seal(k, t, 'outbox'), open: (b: Buffer) => open(k, b, 'outbox').toString('utf8') };
  createActionRegistry({ db, sealer }); // creates the outbox table
  const store = new SessionStore(db, master, sealer);
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
  expect(readOutbox(db, sealer)).toEqual([expect.objectContaining({ id: 's_x:1', template: 'handoff_info', to: 'erika.secret@example.org' })]);
  expect(store.row('s_x').desk).toBe('handoff');
  expect(store.cases('handoff').map((r) => r.id)).toEqual(['s_x']);
  expect(store.effects('s_x').map((e) => [e.kind, e.status])).toEqual([['notify', 'done'], ['handoff', 'done']]);
  expect(store.transcript('s_x')).toEqual([{ role: 'assistant', text: 'Eine Mitarbeiterin meldet sich.', at: '2026-11-20T09:00:00.000Z' }]);
  db.close();
});
