/**
 * Attacks on the phone webhook (issue 12): a replayed call, a replayed action, a signed request
 * re-targeted to another service or path, and a flood of bad signatures. Each must fail while the
 * real call goes on.
 */
import { signWebhook } from '../../channels/phone';
import { loadDefinition, startStack, VOICE_SECRET, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => { stack = await startStack({ services: [loadDefinition('terminvereinbarung'), loadDefinition('termin-absagen')] }); });
afterAll(async () => { await stack.stop(); });

const sessions = () => (stack.engine.db.prepare("SELECT count(*) AS n FROM sessions WHERE channel = 'phone'").get() as { n: number }).n;

function signed(path: string, body: Record<string, unknown>, query = ''): { url: string; init: RequestInit } {
  const raw = JSON.stringify(body);
  const sig = signWebhook({ method: 'POST', path, query, body: raw }, VOICE_SECRET, Date.now() / 1000);
  return { url: `${stack.url}${path}${query ? `?${query}` : ''}`, init: { method: 'POST', headers: { 'Content-Type': 'application/json', 'Amtsweg-Signature': sig }, body: raw } };
}

async function send(r: { url: string; init: RequestInit }): Promise<number> {
  const res = await fetch(r.url, r.init);
  await res.arrayBuffer();
  return res.status;
}

async function citizenTurns(): Promise<number> {
  const row = stack.engine.db.prepare("SELECT id FROM sessions WHERE channel = 'phone' ORDER BY created_at DESC LIMIT 1").get() as { id: string };
  return (await stack.engine.view(row.id)).transcript.filter((m) => m.role === 'citizen').length;
}

test('a replayed call creates no second session', async () => {
  const before = sessions();
  const call = signed('/voice/call', { call_sid: 'replay-1', from: '+4920911111' });
  expect(await send(call)).toBe(200);
  expect(await send(call)).toBe(409);
  expect(sessions()).toBe(before + 1);
});

test('a replayed action stores the citizen\'s words once', async () => {
  const action = signed('/voice/action', { call_sid: 'replay-1', speech: { alternatives: [{ transcript: 'Personalausweis' }] } });
  expect(await send(action)).toBe(200);
  const turns = await citizenTurns();
  expect(await send(action)).toBe(409);
  expect(await citizenTurns()).toBe(turns);
});

test('a signed request re-targeted to another service, query or path is refused', async () => {
  const before = sessions();
  const call = signed('/voice/call', { call_sid: 'retarget-1' });
  const other = 'termin-absagen';
  expect(await send({ url: `${call.url}?service=${other}`, init: call.init })).toBe(401);
  expect(await send({ url: call.url.replace('/voice/call', '/voice/action'), init: call.init })).toBe(401);
  expect(await send({ url: call.url, init: { ...call.init, method: 'POST', body: JSON.stringify({ call_sid: 'retarget-2' }) } })).toBe(401);
  expect(sessions()).toBe(before);
  // The request itself, unaltered, still works once.
  expect(await send(call)).toBe(200);
  expect(sessions()).toBe(before + 1);
  // A query the signature covers is honoured.
  expect(await send(signed('/voice/call', { call_sid: 'svc-1' }, `service=${other}`))).toBe(200);
  const row = stack.engine.db.prepare("SELECT id FROM sessions WHERE channel = 'phone' ORDER BY created_at DESC LIMIT 1").get() as { id: string };
  expect((await stack.engine.view(row.id)).service).toBe(other);
});

test('300 bad signatures: refused, soon with 429; the real call still goes through', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 300; i++) {
    const raw = JSON.stringify({ call_sid: `guess-${i}` });
    statuses.push(await send({ url: `${stack.url}/voice/call`, init: { method: 'POST', headers: { 'Amtsweg-Signature': `t=${Math.floor(Date.now() / 1000)},id=guess-id-${i},v2=${'0'.repeat(64)}` }, body: raw } }));
  }
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(250);
  expect(await send(signed('/voice/call', { call_sid: 'real-after-flood' }))).toBe(200);
});
