import { memoryNonceStore, signVoiceRequest, signWebhook, verifyWebhook } from './webhook-auth';

const SECRET = 'voice-secret-0123456789';
const req = (sig: string, over: Partial<{ method: string; path: string; query: string; body: string }> = {}) => ({
  method: 'POST', path: '/voice/call', query: '', body: '{"call_sid":"a"}', ...over, headers: { signature: sig },
});

test('covers method, path, query and body; each id once; stale refused', async () => {
  const nonces = memoryNonceStore({ now: () => 1_000_100_000 });
  const sig = signWebhook({ method: 'POST', path: '/voice/call', body: '{"call_sid":"a"}' }, SECRET, 1_000_000, 'req-00000001');
  for (const over of [{ method: 'PUT' }, { path: '/voice/action' }, { query: 'service=x' }, { body: '{"call_sid":"b"}' }]) {
    expect(await verifyWebhook(req(sig, over), SECRET, 1_000_000, nonces)).toEqual({ ok: false, reason: 'bad_signature' });
  }
  expect(await verifyWebhook(req(sig), SECRET, 1_000_100, nonces)).toEqual({ ok: true, requestId: 'req-00000001' });
  expect(await verifyWebhook(req(sig), SECRET, 1_000_100, nonces)).toEqual({ ok: false, reason: 'replayed' });
  const old = signWebhook({ method: 'POST', path: '/voice/call', body: '{"call_sid":"a"}' }, SECRET, 1_000_000, 'req-00000002');
  expect(await verifyWebhook(req(old), SECRET, 1_000_301, nonces)).toEqual({ ok: false, reason: 'stale' });
});

test('jambonz signatures only when enabled and never with a query', async () => {
  const nonces = memoryNonceStore({ now: () => 1_000_100_000 });
  const j = { method: 'POST', path: '/voice/call', query: '', body: '{}', headers: { jambonz: signVoiceRequest('{}', SECRET, 1_000_000) } };
  expect(await verifyWebhook(j, SECRET, 1_000_000, nonces)).toEqual({ ok: false, reason: 'missing' });
  expect(await verifyWebhook({ ...j, query: 'service=x' }, SECRET, 1_000_000, nonces, { acceptJambonz: true })).toEqual({ ok: false, reason: 'query_not_signed' });
  expect((await verifyWebhook(j, SECRET, 1_000_000, nonces, { acceptJambonz: true })).ok).toBe(true);
  expect(await verifyWebhook(j, SECRET, 1_000_000, nonces, { acceptJambonz: true })).toEqual({ ok: false, reason: 'replayed' });
  // A changed body, an old timestamp or another secret fail as with our own scheme.
  const fresh = { ...j, headers: { jambonz: signVoiceRequest('{"call_sid":"abc"}', SECRET, 1_000_000) }, body: '{"call_sid":"abc"}' };
  expect(await verifyWebhook({ ...fresh, body: '{"call_sid":"abd"}' }, SECRET, 1_000_000, nonces, { acceptJambonz: true })).toEqual({ ok: false, reason: 'bad_signature' });
  expect(await verifyWebhook(fresh, SECRET, 1_001_000, nonces, { acceptJambonz: true })).toEqual({ ok: false, reason: 'stale' });
  expect(await verifyWebhook({ ...fresh, headers: { jambonz: signVoiceRequest(fresh.body, 'other-secret-xxxxxxx', 1_000_000) } }, SECRET, 1_000_000, nonces, { acceptJambonz: true }))
    .toEqual({ ok: false, reason: 'bad_signature' });
});
