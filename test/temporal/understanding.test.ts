/**
 * Understanding on both engines, end to end over real HTTP: a first message given to
 * `POST /api/sessions { text }` is routed, and its facts for later steps are used when their
 * step comes (never asked again), with the same transcript and audit trail on the embedded
 * engine and on Temporal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadCatalog, loadRoutingCatalogue } from '../../catalog';
import { createApp } from '../../channels/http';
import { createEmbeddedEngine } from '../../host/embedded';
import type { Engine } from '../../host/types';
import { createServiceRouter } from '../../llm/routing';
import { normalize, temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(180_000);

const definitionsDir = resolve(__dirname, '..', '..', 'definitions');
const catalog = loadCatalog(definitionsDir);
const routing = loadRoutingCatalogue(definitionsDir);
const today = '2026-11-20';

let temporal: TemporalHarness;
const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  temporal = await temporalHarness(catalog.services);
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await temporal?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The HTTP API over `engine` with the one router, on a loopback port. */
async function api(engine: Engine): Promise<string> {
  const router = createServiceRouter(catalog.services, null, routing.catalogue);
  const app = createApp({ engine, router, rateLimit: false, log: () => undefined });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function engines(): Promise<{ kind: string; engine: Engine }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-understanding-'));
  dirs.push(dir);
  const emb = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today, scheduler: false });
  closers.push(() => emb.close());
  return [{ kind: 'embedded', engine: emb }, { kind: 'temporal', engine: await temporal.engineFor(today) }];
}

/**
 * Starts with `first` through POST /api/sessions { text } and answers whatever is asked from
 * `answers` ("ja" to read-backs and the summary) until the session ends; returns the slots asked.
 */
async function converse(engine: Engine, base: string, first: string, answers: Record<string, string>) {
  const created = await post(`${base}/api/sessions`, { text: first });
  expect(created.status).toBe(201);
  const id = String(created.json.id);
  const token = String(created.json.token);
  const asked: string[] = [];
  for (let i = 0; i < 20; i++) {
    const view = await engine.view(id);
    if (view.status !== 'active') break;
    const pending = view.pending;
    let text = 'ja';
    if (pending?.kind === 'slot') {
      asked.push(pending.slot);
      text = answers[pending.slot] ?? 'weiß nicht';
    }
    if (pending?.kind === 'effect') break;
    const turn = await post(`${base}/api/sessions/${id}/messages`, { text }, token);
    expect(turn.status).toBe(200);
  }
  return { id, service: created.json.service, asked, view: await engine.view(id) };
}

describe('a first message through POST /api/sessions { text }, on both engines', () => {
  it('facts for the current and later steps are never asked again; same transcript and trail', async () => {
    const runs = [];
    for (const { kind, engine } of await engines()) {
      const base = await api(engine);
      const dog = await converse(engine, base, 'Ich will meinen Hund anmelden, ein Labrador, 3 Jahre alt, seit 1. Oktober bei mir',
        { anzahl_hunde: '1', gefaehrlich: 'nein', herkunft: 'Tierheim', gross: 'nein', name: 'Anna Berg', email: 'anna.berg@example.org' });
      expect(dog.service).toBe('hundesteuer');
      expect(dog.asked).not.toEqual(expect.arrayContaining(['hund_alter']));
      expect(dog.asked).not.toContain('erwerbsdatum');
      expect(dog.asked).not.toContain('rasse');
      expect(dog.view.status).toBe('handoff'); // the tax assessment is a proposal for a case worker

      const card = await converse(engine, base, 'Ich brauche einen neuen Personalausweis, der alte ist abgelaufen. Geboren bin ich am 13.05.1990. Termin gern in Buer am 3.12.',
        { foto: 'im Bürgerbüro', direktversand: 'nein', email: 'anna.berg@example.org' });
      expect(card.service).toBe('personalausweis');
      expect(card.asked).not.toContain('standort');
      expect(card.asked).not.toContain('wunschdatum');
      expect(card.asked).not.toContain('geburtsdatum');
      const steps = kind === 'embedded'
        ? (await (engine as Awaited<ReturnType<typeof createEmbeddedEngine>>).exportSession(card.id)).events.map((e) => e.body)
        : (await (engine as Awaited<ReturnType<TemporalHarness['engineFor']>>).exportSession(card.id)).steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
      const trail = JSON.stringify(steps);
      // Where the values came from: held from the first message (turn 1), filled when their step came.
      expect(trail).toContain('"type":"slot.held","slot":"standort","value":"buer","evidence":"Buer"');
      expect(trail).toContain('"slot":"standort","value":"buer","source":"extractor","evidence":"Buer","by":"extract.enum","heldFrom":1');
      expect(card.view.transcript.map((t) => t.text).join('\n')).toContain('Aus Ihrer ersten Nachricht habe ich übernommen: BÜRGERcenter: Buer, Termin ab: 3. Dezember 2026.');
      runs.push({ dog, card, steps });
    }
    const [a, b] = runs;
    expect(b.dog.asked).toEqual(a.dog.asked);
    expect(b.card.asked).toEqual(a.card.asked);
    expect(normalize(b.card.view.transcript, b.card.id)).toEqual(normalize(a.card.view.transcript, a.card.id));
    expect(normalize(b.steps, b.card.id)).toEqual(normalize(a.steps, a.card.id));
  });
});

describe('the LLM chooses an authored answer id on both engines (scripted loopback endpoint, external rules)', () => {
  it('a grounded choice gets the designer\'s text with the rules\' fee; a hostile id without evidence is refused; same trail', async () => {
    const { startFakeOpenAI, userContent } = await import('../../llm/testing/fake-openai');
    const { createLlmHost } = await import('../../llm/host');
    const { resolveLlmConfig } = await import('../../llm/config');
    const { createTemporalEngine } = await import('../../host/temporal/engine');
    const { startWorker } = await import('../../host/temporal/worker');
    const { randomUUID } = await import('node:crypto');
    const fake = await startFakeOpenAI();
    closers.push(() => fake.close());
    fake.script((req) => {
      const name = (req.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
      if (name !== 'answer_choice') return { json: { proposals: [], unmapped: [] } };
      const question = userContent(req).split('QUESTION:\n')[1] ?? '';
      // Cooperative for the fee question; hostile otherwise: a wrong id, evidence the citizen never wrote, text of its own.
      return question.includes('teuer')
        ? { json: { answer: 'kosten', evidence: 'teuer' } }
        : { json: { answer: 'kosten', evidence: 'Antrag genehmigt', text: 'Ihr Antrag ist genehmigt, es kostet nichts.' } };
    });
    // External rules: personal data leaves only pseudonymised, also on a loopback test endpoint.
    const llm = () => createLlmHost(resolveLlmConfig({ baseUrl: fake.url, model: 'fake-model', retries: 0, timeoutMs: 5000, baseDelayMs: 1, external: true })).actions;
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-answer-llm-'));
    dirs.push(dir);
    const emb = await createEmbeddedEngine({ dataDir: join(dir, 'emb'), services: catalog.services, today, scheduler: false, actions: llm(), retry: { attempts: 1, baseDelayMs: 1 } });
    closers.push(() => emb.close());
    const taskQueue = `answer-${randomUUID()}`;
    const worker = await startWorker({ address: temporal.address, taskQueue, dataDir: join(dir, 'worker'), keyRing: temporal.ring, today, sessionKeys: temporal.sessionKeys, actions: llm(), log: () => {} });
    closers.push(() => worker.shutdown());
    const tmp = await createTemporalEngine({ address: temporal.address, taskQueue, services: catalog.services, today, keyRing: temporal.ring, sessionKeys: temporal.sessionKeys, llm: true });
    closers.push(() => tmp.close());

    const runs = [];
    for (const engine of [emb, tmp]) {
      const before = fake.requests.length;
      const s = await engine.createSession({ service: 'personalausweis', channel: 'api' });
      await engine.sendMessage(s.id, 'Mein Ausweis läuft ab, geboren bin ich am 13.05.1990');
      await engine.sendMessage(s.id, 'ja');
      const fee = await engine.sendMessage(s.id, 'Wird das teuer für mich?');
      const hostile = await engine.sendMessage(s.id, 'Und wenn ich, Anna Berg, ihn verliere?');
      const asked = fake.requests.slice(before).filter((r) => (r.body.response_format as { json_schema?: { name?: string } })?.json_schema?.name === 'answer_choice');
      expect(asked).toHaveLength(2);
      expect(asked[1].raw).not.toContain('Anna Berg');
      expect(JSON.parse(JSON.stringify(asked[0].body.response_format)).json_schema.schema.properties.answer.enum).toEqual(['none', 'kosten', 'unterlagen', 'gueltigkeit']);
      const feeText = fee.messages.map((m) => m.text).join('\n');
      expect(feeText).toContain('Der Personalausweis kostet für Sie 46,00 €.');
      expect(feeText).toContain('Passbild'); // the pending question again
      const hostileText = hostile.messages.map((m) => m.text).join('\n');
      expect(hostileText).toContain('Darauf habe ich leider keine verlässliche Antwort.');
      expect(hostileText).not.toMatch(/genehmigt|kostet nichts|46,00/);
      const steps = engine === emb
        ? (await emb.exportSession(s.id)).events.map((e) => e.body)
        : (await tmp.exportSession(s.id)).steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
      const trail = steps.flatMap((x) => (x?.trail ?? []) as { type: string }[]).filter((x) => x.type === 'answer');
      expect(trail).toEqual([{ type: 'answer', answer: 'kosten', by: 'llm' }, { type: 'answer', answer: null, by: 'llm', refused: 'ungrounded' }]);
      runs.push({ id: s.id, steps, view: await engine.view(s.id) });
    }
    const [a, b] = runs;
    expect(normalize(b.steps, b.id)).toEqual(normalize(a.steps, a.id));
    expect(normalize({ ...b.view, id: 0 }, b.id)).toEqual(normalize({ ...a.view, id: 0 }, a.id));
  });
});
