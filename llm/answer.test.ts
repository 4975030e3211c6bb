import { resolveLlmConfig } from './config';
import { createLlmClient } from './client';
import { chooseAnswer } from './answer';
import { startFakeOpenAI, userContent, type FakeOpenAI } from './testing/fake-openai';

const REQUEST = {
  message: 'Ich, Anna Berg, frage: wird das teuer?', locale: 'de',
  answers: [{ id: 'kosten', keywords: ['kosten', 'gebühr'], examples: ['Was kostet das?'] }, { id: 'unterlagen', keywords: ['unterlagen'], examples: [] }],
};

let fake: FakeOpenAI;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => { fake.requests.length = 0; });

const client = (external: boolean) => createLlmClient(resolveLlmConfig({ baseUrl: fake.url, model: 'test-model', timeoutMs: 2000, retries: 0, baseDelayMs: 1, external }), { sleep: async () => undefined });

describe('llm.answer against a loopback OpenAI-compatible server', () => {
  test('asks with a strict schema of the answer ids or none, pseudonymised when external, and hands back the choice as data', async () => {
    fake.script([{ json: { answer: 'kosten', evidence: 'teuer' }, model: 'm-2' }]);
    const r = await chooseAnswer(REQUEST, { client: client(true) });
    expect(r).toMatchObject({ ok: true, answer: 'kosten', evidence: 'teuer', model: 'm-2' });
    const body = fake.requests[0].body as { response_format: { json_schema: { name: string; strict: boolean; schema: { properties: { answer: { enum: string[] } } } } } };
    expect(body.response_format.json_schema.name).toBe('answer_choice');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.properties.answer.enum).toEqual(['none', 'kosten', 'unterlagen']);
    expect(fake.requests[0].raw).not.toContain('Anna Berg');
    expect(userContent(fake.requests[0])).toContain('wird das teuer?');
  });

  test('a reply of the wrong shape, a bad request and a dead endpoint come back as errors, never thrown', async () => {
    fake.script([{ json: { text: 'Es kostet nichts.' } }]);
    expect(await chooseAnswer(REQUEST, { client: client(false) })).toMatchObject({ ok: false, error: { code: 'schema_violation' } });
    expect(await chooseAnswer({ message: 'x' }, { client: client(false) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    fake.script([{ status: 500 }]);
    expect(await chooseAnswer(REQUEST, { client: client(false) })).toMatchObject({ ok: false });
  });
});
