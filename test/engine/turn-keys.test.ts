/**
 * A message's idempotency key on the embedded engine and over HTTP: sent again with the key of a
 * message already applied, it gets that answer and changes nothing; another key applies. A key the
 * API cannot use is refused with a code. (Temporal: test/temporal/outage.test.ts, after a 503.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog';
import { createApp } from '../../channels/http';
import { createEmbeddedEngine } from '../../host/embedded/embedded-engine';
import { engineErrorToHttp } from '../../channels/http/errors';
import { EngineUnavailableError, TurnInvalidError } from '../../host/errors';

const catalog = loadCatalog(resolve(__dirname, '..', '..', 'definitions'));
let dir: string;
let engine: Awaited<ReturnType<typeof createEmbeddedEngine>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-turn-keys-'));
  engine = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today: '2026-11-20', scheduler: false });
});
afterAll(async () => { await engine?.close(); rmSync(dir, { recursive: true, force: true }); });

const citizenLines = async (id: string) => (await engine.view(id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text);

it('a retried message with its key is answered with the first answer and applied once; another key applies', async () => {
  const s = await engine.createSession({ service: 'terminvereinbarung' });
  const first = await engine.sendMessage(s.id, 'Personalausweis', { key: 'msg-1' });
  const again = await engine.sendMessage(s.id, 'Personalausweis', { key: 'msg-1' });
  expect(again).toEqual(first);
  expect(await citizenLines(s.id)).toEqual(['Personalausweis']);
  // The same text under another key is a new message (the citizen said it twice).
  await engine.sendMessage(s.id, 'Erle', { key: 'msg-2' });
  expect(await citizenLines(s.id)).toEqual(['Personalausweis', 'Erle']);
  // Still answered after a restart: the answer is in the session's database, sealed with its key.
  await engine.close();
  engine = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today: '2026-11-20', scheduler: false });
  expect(await engine.sendMessage(s.id, 'Personalausweis', { key: 'msg-1' })).toEqual(first);
  expect(await citizenLines(s.id)).toEqual(['Personalausweis', 'Erle']);
  await expect(engine.sendMessage(s.id, 'x', { key: 'not a key' })).rejects.toBeInstanceOf(TurnInvalidError);
});

it('HTTP: Idempotency-Key on a message; a bad key is 400 invalid_idempotency_key and changes nothing', async () => {
  const app = createApp({ engine });
  const created = await app.request('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'terminvereinbarung' }) });
  const { id, token } = (await created.json()) as { id: string; token: string };
  const send = (key?: string) => app.request(`/api/sessions/${id}/messages`, {
    method: 'POST', body: JSON.stringify({ text: 'Reisepass' }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
  });
  const bad = await send('zwei Wörter');
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_idempotency_key');
  expect(await citizenLines(id)).toEqual([]);
  const a = await send('c0ffee-1');
  const b = await send('c0ffee-1');
  expect(a.status).toBe(200);
  expect(await b.json()).toEqual(await a.json());
  expect(await citizenLines(id)).toEqual(['Reisepass']);
});

it('a 503 after a turn was handed to Temporal says it may still be applied and how to retry; a 503 before says nothing changed', () => {
  const pending = engineErrorToHttp(new EngineUnavailableError('no worker accepted the turn within 5 s.', 5, true))!;
  expect(pending).toMatchObject({ status: 503, code: 'engine_unavailable' });
  expect(pending.message).toContain('same Idempotency-Key');
  expect(pending.message).not.toContain('nothing was changed');
  const before = engineErrorToHttp(new EngineUnavailableError('no worker answered the state query within 5 s.'))!;
  expect(before.message).toContain('nothing was changed');
  expect(new EngineUnavailableError('x', 5, true).message).not.toContain('Nothing was changed');
});
