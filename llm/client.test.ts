import { resolveLlmConfig } from './config';
import { createLlmClient } from './client';
import { proposeSlots } from './propose';
import { startFakeOpenAI, type FakeOpenAI } from './testing/fake-openai';

const SLOTS = [{ name: 'geburtsdatum', type: 'date' as const }];
const REQUEST = { message: 'Ich bin am 13.05.1990 geboren', locale: 'de', today: '2026-11-20', slots: SLOTS };

let fake: FakeOpenAI;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => { fake.requests.length = 0; });

function client(extra: Record<string, unknown> = {}) {
  const config = resolveLlmConfig({ baseUrl: fake.url, model: 'test-model', timeoutMs: 400, retries: 2, baseDelayMs: 1, breakerThreshold: 3, breakerCooldownMs: 60_000, ...extra });
  return createLlmClient(config, { sleep: async () => undefined });
}

describe('llm client against a loopback OpenAI-compatible server', () => {
  test('sends a strict json_schema request and returns proposals with model and prompt hash', async () => {
    fake.script([{ json: { proposals: [{ slot: 'geburtsdatum', value: '1990-05-13', evidence: '13.05.1990' }], unmapped: [] }, model: 'm-1' }]);
    const r = await proposeSlots(REQUEST, { client: client() });
    expect(r).toMatchObject({ ok: true, model: 'm-1', proposals: [{ slot: 'geburtsdatum', value: '1990-05-13', evidence: '13.05.1990' }] });
    expect(r.ok && r.promptHash).toMatch(/^[0-9a-f]{16}$/);
    const body = fake.requests[0].body as { response_format: { type: string; json_schema: { strict: boolean; schema: unknown } }; model: string };
    expect(body.model).toBe('test-model');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(JSON.stringify(body.response_format.json_schema.schema)).toContain('geburtsdatum');
  });

  test('retries 429 and 5xx with backoff, then succeeds', async () => {
    fake.script([{ status: 429, retryAfter: 0 }, { status: 503 }, { json: { proposals: [], unmapped: [] } }]);
    const c = client();
    const r = await proposeSlots(REQUEST, { client: c });
    expect(r.ok).toBe(true);
    expect(fake.requests).toHaveLength(3);
    expect(c.stats().attempts).toBe(3);
  });

  test.each([
    ['server_error', [{ status: 500 }]],
    ['client_error', [{ status: 401 }]],
    ['malformed_json', [{ content: '{"proposals": [ {"slot": ' }]],
    ['refusal', [{ refusal: 'I cannot help with that.' }]],
    ['schema_violation', [{ json: { answer: 'approved' } }]],
    ['too_large', [{ huge: 11 * 1024 * 1024 }]],
  ] as const)('fails cleanly with %s', async (code, script) => {
    fake.script([...script]);
    // A generous deadline: reading 10 MB on a loaded 2-core machine can take longer than the
    // default 400 ms, and the byte limit, not the clock, is what this case is about.
    const r = await proposeSlots(REQUEST, { client: client({ maxResponseBytes: 10 * 1024 * 1024, timeoutMs: 30_000 }) });
    expect(r).toMatchObject({ ok: false, error: { code } });
  });

  test('an endless stream and a hanging endpoint are cut off by the deadline', async () => {
    fake.script([{ endless: true }]);
    const r1 = await proposeSlots(REQUEST, { client: client({ retries: 0, timeoutMs: 200 }) });
    expect(r1).toMatchObject({ ok: false, error: { code: 'timeout' } });
    fake.script([{ hang: true }]);
    const r2 = await proposeSlots(REQUEST, { client: client({ retries: 1, timeoutMs: 150 }) });
    expect(r2).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(fake.requests.length).toBe(3);
  });

  test('a small endless reply is cut by the byte limit before the deadline', async () => {
    fake.script([{ endless: true }]);
    const r = await proposeSlots(REQUEST, { client: client({ retries: 0, timeoutMs: 5000, maxResponseBytes: 2000 }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  test('the circuit breaker stops calling a failing endpoint', async () => {
    fake.script([{ status: 500 }]);
    const c = client({ retries: 0 });
    for (let i = 0; i < 3; i++) expect((await proposeSlots(REQUEST, { client: c })).ok).toBe(false);
    expect(c.breaker.state()).toBe('open');
    const before = fake.requests.length;
    const r = await proposeSlots(REQUEST, { client: c });
    expect(r).toMatchObject({ ok: false, error: { code: 'circuit_open' } });
    expect(fake.requests.length).toBe(before);
  });

  test('a refused connection is a network failure, not a crash', async () => {
    const config = resolveLlmConfig({ baseUrl: 'http://127.0.0.1:1/v1', model: 'x', retries: 0, timeoutMs: 500 });
    const r = await proposeSlots(REQUEST, { client: createLlmClient(config) });
    expect(r).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  test('bad input to the action is a bad_request result, never a throw', async () => {
    const r = await proposeSlots({ message: 42 }, { client: client() });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(fake.requests).toHaveLength(0);
  });

  test('extra top-level keys such as "approved" come back as proposals for the core to reject', async () => {
    fake.script([{ json: { proposals: [], unmapped: [], approved: true } }]);
    const r = await proposeSlots(REQUEST, { client: client() });
    expect(r.ok && r.proposals).toEqual([{ slot: 'approved', value: true, evidence: '' }]);
  });
});
