import path from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../../catalog';
import { createApp } from '../../channels/http/app';
import { mountRouteRoutes } from '../../channels/http/route-routes';
import type { Engine } from '../../host/types';
import { resolveLlmConfig } from '../../llm/config';
import { createLlmClient } from '../../llm/client';
import { createServiceRouter } from '../../llm/routing';
import { startFakeOpenAI, userContent, type FakeOpenAI } from '../../llm/testing/fake-openai';

const { services } = loadCatalog(path.join(__dirname, '..', '..', 'definitions'));
let fake: FakeOpenAI;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => { fake.requests.length = 0; });

const client = () => createLlmClient(resolveLlmConfig({ baseUrl: fake.url, model: 'router', retries: 0, timeoutMs: 1000 }));

describe('service routing', () => {
  test.each([
    ['Ich brauche so einen Zettel vom Arzt für meinen Sohn, der fängt eine Ausbildung an', 'untersuchungsberechtigungsschein'],
    ['Mein Perso läuft Ende Juni ab, bin 58 und hab noch n Papierfoto', 'personalausweis'],
    ['Ich hab mir nen Welpen geholt', 'hundesteuer'],
    ['Ich bin umgezogen und muss mich ummelden', 'wohnsitz-anmeldung'],
    ['I need a certificate of good conduct for my new job', 'fuehrungszeugnis'],
  ])('keywords route "%s" without the LLM', async (text, id) => {
    const r = await createServiceRouter(services, client()).route(text);
    expect(r).toMatchObject({ service: id, by: 'keywords' });
    expect(fake.requests).toHaveLength(0);
  });

  test('without a keyword match and without an LLM: a clarifying question over the catalogue', async () => {
    const r = await createServiceRouter(services).route('Guten Tag, ich habe eine Frage');
    expect('candidates' in r && r.candidates.map((c) => c.id).sort()).toEqual(services.map((s) => s.id).sort());
    expect('question' in r && r.question).toMatch(/Welches Anliegen/);
  });

  test('the LLM picks among catalogue ids when keywords are unsure', async () => {
    fake.script([{ json: { service: 'fuehrungszeugnis' } }]);
    const r = await createServiceRouter(services, client()).route('Mein neuer Arbeitgeber will was von der Polizei über mich sehen');
    expect(r).toEqual({ service: 'fuehrungszeugnis', by: 'llm' });
    expect(userContent(fake.requests[0])).toContain('"id":"hundesteuer"');
  });

  test('an invented service from the LLM is never used: the deterministic answer stands', async () => {
    fake.script([{ json: { service: 'baugenehmigung' } }]);
    const r = await createServiceRouter(services, client()).route('Ich will ein Haus bauen');
    expect('service' in r).toBe(false);
    expect(r).toEqual(await createServiceRouter(services, null).route('Ich will ein Haus bauen'));
    fake.script([{ status: 500 }]);
    const r2 = await createServiceRouter(services, client()).route('Ich will ein Haus bauen');
    expect('service' in r2).toBe(false);
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
  });

  test('on a keyword tie the LLM may only choose among the tied services', async () => {
    fake.script([{ json: { service: 'wohnsitz-anmeldung' } }]);
    const r = await createServiceRouter(services, client()).route('Ich habe einen Hund und bin umgezogen');
    expect(r).toEqual({ service: 'wohnsitz-anmeldung', by: 'llm' });
    const catalogue = userContent(fake.requests[0]);
    expect(catalogue).toContain('hundesteuer');
    expect(catalogue).not.toContain('fuehrungszeugnis');
  });

  test('POST /api/route over real HTTP', async () => {
    // The route needs no engine; the app's error contract does the rest.
    const engine = { kind: 'embedded', services: () => [] } as unknown as Engine;
    const app = createApp({ engine, rateLimit: false, log: () => undefined, mount: (a) => mountRouteRoutes(a, { router: createServiceRouter(services) }) });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/api/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Ich habe einen Hund gekauft' }) });
      expect(await ok.json()).toEqual({ service: 'hundesteuer' });
      const unsure = await fetch(`${base}/api/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Hallo', locale: 'en' }) });
      const body = await unsure.json() as { candidates: unknown[]; question: string };
      expect(body.candidates.length).toBe(services.length);
      expect(body.question).toMatch(/Which service/);
      const bad = await fetch(`${base}/api/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 42 }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid_text' } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
