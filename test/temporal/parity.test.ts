/**
 * Engine parity: every scenario of every example definition runs on the embedded engine and on
 * Temporal, and both give identical transcripts, views, outcomes and audit trails (ids, instants
 * and booking numbers aside).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { FOLLOW_UP_GRACE_DAYS } from '../../host/loop';
import { loadScenarioFile, runScenario } from '../../scenarios';
import { normalize, temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(180_000);

const definitionsDir = resolve(__dirname, '..', '..', 'definitions');
const catalog = loadCatalog(definitionsDir);
const scenarioFiles = readdirSync(definitionsDir).filter((f) => f.endsWith('.scenarios.yaml')).sort();

let temporal: TemporalHarness;
const embedded = new Map<string, EmbeddedEngine>();
const dirs: string[] = [];

async function embeddedFor(today: string): Promise<EmbeddedEngine> {
  let e = embedded.get(today);
  if (!e) {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-parity-'));
    dirs.push(dir);
    e = await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today, scheduler: false });
    embedded.set(today, e);
  }
  return e;
}

beforeAll(async () => {
  temporal = await temporalHarness(catalog.services);
});

afterAll(async () => {
  for (const e of embedded.values()) await e.close();
  await temporal?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

it('covers every example service', () => {
  expect(catalog.problems).toEqual([]);
  const covered = scenarioFiles.map((f) => loadScenarioFile(join(definitionsDir, f)).service).sort();
  expect(covered).toEqual(catalog.services.map((s) => s.id).sort());
});

describe.each(scenarioFiles)('%s', (file) => {
  const scenarios = loadScenarioFile(join(definitionsDir, file));
  it.each(scenarios.scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const today = scenario.today ?? scenarios.today;
    const emb = await embeddedFor(today);
    const tmp = await temporal.engineFor(today);
    const a = await runScenario(emb, scenarios.service, scenario);
    const b = await runScenario(tmp, scenarios.service, scenario);

    // Same conversation, same end state.
    expect(b.failures).toEqual(a.failures);
    expect(normalize(b.transcript, b.sessionId)).toEqual(normalize(a.transcript, a.sessionId));
    expect(normalize({ ...b.final, id: 0 }, b.sessionId)).toEqual(normalize({ ...a.final, id: 0 }, a.sessionId));
    expect(b.final.status).toBe(a.final.status);
    expect(normalize(b.final.outcome, b.sessionId)).toEqual(normalize(a.final.outcome, a.sessionId));

    // Same audit trail: every step with its event, rule evaluations, messages and effects.
    const aSteps = (await emb.exportSession(a.sessionId)).events.map((e) => e.body);
    const bSteps = (await tmp.exportSession(b.sessionId)).steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
    expect(bSteps.length).toBeGreaterThan(1);
    expect(normalize(bSteps, b.sessionId)).toEqual(normalize(aSteps, a.sessionId));
  });
});

describe('ordering of simultaneous turns, on both engines', () => {
  it.each(['embedded', 'temporal'] as const)('%s: the second waits and keeps its order, a third is refused with 409 session_busy', async (kind) => {
    const today = '2026-11-20';
    const engine = kind === 'embedded' ? await embeddedFor(today) : await temporal.engineFor(today);
    const { id } = await engine.createSession({ service: 'terminvereinbarung' });
    const a = engine.sendMessage(id, 'Reisepass');
    const b = engine.sendMessage(id, 'in Erle');
    await expect(engine.sendMessage(id, 'zu viel')).rejects.toMatchObject({ code: 'session_busy' });
    await Promise.all([a, b]);
    const citizen = (await engine.view(id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text);
    expect(citizen).toEqual(['Reisepass', 'in Erle']);
  });
});

describe('desk on both engines: a handed-off case is listed from the shared case index, a follow-up after a close reopens it', () => {
  it.each(['embedded', 'temporal'] as const)('%s', async (kind) => {
    const today = '2026-11-20';
    const { openStore } = await import('../../store/open');
    const { createTemporalEngine } = await import('../../host/temporal/engine');
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-desk-'));
    dirs.push(dir);
    const shared = await openStore({ dataDir: dir });
    let clock = Date.now();
    const now = () => new Date(clock);
    const engine = kind === 'embedded'
      ? await createEmbeddedEngine({ dataDir: dir, services: catalog.services, today, scheduler: false, store: shared, now })
      : await createTemporalEngine({ address: temporal.address, taskQueue: await temporal.taskQueueFor(today), services: catalog.services, today, keyRing: temporal.ring, shared, now, sessionKeys: temporal.sessionKeys });
    try {
      // The desk shows slot labels in the case worker's language on either engine.
      const { caseFields } = await import('../../host/views');
      const english = caseFields(catalog.services.find((x) => x.id === 'terminvereinbarung'), 'en');
      expect(engine.caseFieldsIn?.('terminvereinbarung', 'en')).toEqual(english);
      expect(JSON.stringify(english)).not.toEqual(JSON.stringify(engine.caseFieldsIn?.('terminvereinbarung', 'de')));
      const s = await engine.createSession({ service: 'terminvereinbarung' });
      await engine.sendMessage(s.id, 'Ich möchte mit einem Menschen sprechen');
      const listed = await engine.listCases({ status: 'handoff' });
      expect(listed.map((c) => c.id)).toContain(s.id);
      expect(listed.find((c) => c.id === s.id)).toMatchObject({ service: 'terminvereinbarung', status: 'handoff', deskState: 'handoff' });
      await engine.staffAction(s.id, { type: 'take', staff: 'sb-1' });
      expect((await engine.listCases({ status: 'taken' })).find((c) => c.id === s.id)).toMatchObject({ deskState: 'taken', takenBy: 'sb-1' });

      // Closed by the case worker; the citizen writes again: the case reopens for the desk.
      expect((await engine.staffAction(s.id, { type: 'close', staff: 'sb-1', text: 'Erledigt.' })).status).toBe('completed');
      expect((await engine.listCases({ status: 'closed' })).find((c) => c.id === s.id)).toMatchObject({ deskState: 'closed', status: 'completed' });
      clock += 3 * 86_400_000;
      const followUp = await engine.sendMessage(s.id, 'Eine Frage habe ich noch');
      expect(followUp.status).toBe('handoff');
      expect((await engine.listCases({ status: 'handoff' })).find((c) => c.id === s.id)).toMatchObject({ deskState: 'handoff', handoffReason: 'follow_up' });
      expect((await engine.view(s.id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text)).toContain('Eine Frage habe ich noch');

      // Closed again; a message after the grace period is refused alike (409 session_closed).
      await engine.staffAction(s.id, { type: 'take', staff: 'sb-2' });
      await engine.staffAction(s.id, { type: 'close', staff: 'sb-2' });
      clock += (FOLLOW_UP_GRACE_DAYS + 1) * 86_400_000;
      await expect(engine.sendMessage(s.id, 'Noch eine Frage')).rejects.toMatchObject({ code: 'session_closed' });
    } finally {
      await engine.close();
      await shared.close();
    }
  });
});

describe('outbox on Temporal', () => {
  it('a confirmation a worker queued in the shared store is pending for the serve process to deliver, decrypted', async () => {
    const today = '2026-11-20';
    const { openStore } = await import('../../store/open');
    const { createTemporalEngine } = await import('../../host/temporal/engine');
    const { startWorker } = await import('../../host/temporal/worker');
    const { randomUUID } = await import('node:crypto');
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-outbox-'));
    dirs.push(dir);
    const shared = await openStore({ dataDir: dir });
    const taskQueue = `outbox-${randomUUID()}`;
    const worker = await startWorker({ address: temporal.address, taskQueue, dataDir: dir, keyRing: temporal.ring, today, store: shared, log: () => {} });
    const engine = await createTemporalEngine({ address: temporal.address, taskQueue, services: catalog.services, today, keyRing: temporal.ring, shared });
    try {
      const file = loadScenarioFile(join(definitionsDir, 'terminvereinbarung.scenarios.yaml'));
      const booking = file.scenarios.find((s) => s.outcome === 'termin_gebucht' && !s.locale)!;
      const run = await runScenario(engine, file.service, booking);
      expect(run.final.status).toBe('completed');
      const pending = (await engine.outbox!.pending(50)).filter((m) => m.sessionId === run.sessionId);
      expect(pending.length).toBeGreaterThan(0);
      expect(pending[0].to).toMatch(/@/);
    } finally {
      await engine.close();
      await worker.shutdown();
      await shared.close();
    }
  });
});

/** The API with the desk, for one analyst (ana-analyst-token-0123456789). */
async function analystApp(engine: import('../../host/types').Engine) {
  const { createApp } = await import('../../channels/http');
  const { mountDesk } = await import('../../channels/desk');
  const { parseStaffCredentials } = await import('../../channels/security/staff-auth');
  const { parseStaffRoles } = await import('../../channels/desk/roles');
  const staff = parseStaffCredentials('ana:ana-analyst-token-0123456789', '');
  return createApp({ engine, log: () => undefined, mount: (h) => mountDesk(h, { engine, staff, roles: parseStaffRoles('ana:analyst'), log: () => undefined }) });
}

describe('insight on both engines', () => {
  it('the same facts from the same audit events, and the analyst page answers on Temporal', async () => {
    const today = '2026-11-20';
    const emb = await embeddedFor(today);
    const tmp = await temporal.engineFor(today);
    const from = new Date(Date.now() - 1000).toISOString();
    const conversations = [
      ['Reisepass', 'blau', 'grün', 'gelb'], // fails at the office question, then a person
      ['Personalausweis', 'Buer', 'abbrechen'], // gives up at the date
      ['Personalausweis', 'Wie lange dauert die Bearbeitung?', 'Erle'], // a question nothing answers
    ];
    const facts = async (engine: EmbeddedEngine | typeof tmp) => {
      for (const lines of conversations) {
        const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
        for (const text of lines) await engine.sendMessage(s.id, text);
      }
      const all = await engine.insightFacts!({ from, to: new Date(Date.now() + 60_000).toISOString() });
      return all.map(({ startedAt: _s, lastAt: _l, ...rest }) => JSON.stringify(rest)).sort();
    };
    const a = await facts(emb);
    const b = await facts(tmp);
    expect(a).toHaveLength(3);
    expect(b).toEqual(a);
    expect(b.join('\n')).toContain('"handoffReasons":["too_many_attempts"]');
    expect(b.join('\n')).toContain('"words":["lange","dauert","bearbeitung"]');

    // A serve process that has not loaded the sessions' definition takes it from each history's input.
    const { createTemporalEngine } = await import('../../host/temporal/engine');
    const other = await createTemporalEngine({
      address: temporal.address, taskQueue: await temporal.taskQueueFor(today), today, keyRing: temporal.ring, sessionKeys: temporal.sessionKeys,
      services: catalog.services.filter((x) => x.id !== 'terminvereinbarung'),
    });
    try {
      const seen = await other.insightFacts!({ from, to: new Date(Date.now() + 60_000).toISOString() });
      expect(seen.filter((f) => f.service === 'terminvereinbarung').map(({ startedAt: _s, lastAt: _l, ...rest }) => JSON.stringify(rest)).sort()).toEqual(a);
    } finally {
      await other.close();
    }
    // A process without the sessions' payload keys cannot read them: it says so, never counts nothing.
    const { InsightUnreadableError } = await import('../../host/errors');
    const keyless = await createTemporalEngine({
      address: temporal.address, taskQueue: await temporal.taskQueueFor(today), today, keyRing: temporal.ring, sessionKeys: false, services: catalog.services,
    });
    try {
      const refused = await keyless.insightFacts!({ from, to: new Date(Date.now() + 60_000).toISOString() }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InsightUnreadableError);
      expect((refused as { unreadable: number }).unreadable).toBeGreaterThanOrEqual(3);
      const page = await (await analystApp(keyless)).request('/desk/api/insight', { headers: { authorization: 'Bearer ana-analyst-token-0123456789' } });
      expect(page.status).toBe(503);
      expect(((await page.json()) as { error: { code: string } }).error.code).toBe('insight_unreadable');
    } finally {
      await keyless.close();
    }

    // The insight API (analyst role) over the Temporal engine: 200 with the figures, nothing personal.
    const res = await (await analystApp(tmp)).request('/desk/api/insight', { headers: { authorization: 'Bearer ana-analyst-token-0123456789' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; rates: { service: string; total: number }[] };
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.rates.find((r) => r.service === 'terminvereinbarung')?.total).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(body)).not.toMatch(/blau|gelb|amtsweg-/);
  });
});

describe('LLM proposals on both engines (scripted loopback endpoint)', () => {
  it('the same conversation and trail; on Temporal the worker calls the model, as activities', async () => {
    const today = '2026-11-26';
    const { startFakeOpenAI } = await import('../../llm/testing/fake-openai');
    const { answerFreely, scriptCooperative, UBS_FACTS, UBS_FIRST } = await import('../../llm/testing/conversation');
    const { createLlmHost } = await import('../../llm/host');
    const { resolveLlmConfig } = await import('../../llm/config');
    const { createTemporalEngine } = await import('../../host/temporal/engine');
    const { startWorker } = await import('../../host/temporal/worker');
    const { decodeFromPayloadsAtIndex, loadDataConverter } = await import('@temporalio/common/lib/internal-non-workflow');
    const { amtswegDataConverter } = await import('../../host/temporal/codec');
    const { randomUUID } = await import('node:crypto');
    const fake = await startFakeOpenAI();
    const llm = () => createLlmHost(resolveLlmConfig({ baseUrl: fake.url, model: 'fake-model', retries: 0, timeoutMs: 5000, baseDelayMs: 1 })).actions;
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-llm-parity-'));
    dirs.push(dir);
    const emb = await createEmbeddedEngine({ dataDir: join(dir, 'emb'), services: catalog.services, today, scheduler: false, actions: llm(), retry: { attempts: 1, baseDelayMs: 1 } });
    const taskQueue = `llm-${randomUUID()}`;
    const worker = await startWorker({ address: temporal.address, taskQueue, dataDir: join(dir, 'worker'), keyRing: temporal.ring, today, actions: llm(), log: () => {} });
    // The serve side has no LLM client at all: only the worker can call the model.
    const tmp = await createTemporalEngine({ address: temporal.address, taskQueue, services: catalog.services, today, keyRing: temporal.ring, llm: true });
    try {
      const first = UBS_FIRST;
      const facts = UBS_FACTS;
      scriptCooperative(fake, facts);
      const a = await answerFreely(emb, 'untersuchungsberechtigungsschein', first, facts);
      const embeddedCalls = fake.requests.length;
      const b = await answerFreely(tmp, 'untersuchungsberechtigungsschein', first, facts);
      const temporalCalls = fake.requests.length - embeddedCalls;
      expect(a.view.status).toBe('completed');
      expect(embeddedCalls).toBeGreaterThan(0);
      expect(temporalCalls).toBe(embeddedCalls);
      expect(normalize({ ...b.view, id: 0 }, b.id)).toEqual(normalize({ ...a.view, id: 0 }, a.id));

      // Same audit trail, including what the model proposed and what the core accepted.
      const aSteps = (await emb.exportSession(a.id)).events.map((e) => e.body);
      const bSteps = (await tmp.exportSession(b.id)).steps.map(({ event, trail, messages, effects }) => ({ event, trail, messages, effects }));
      expect(normalize(bSteps, b.id)).toEqual(normalize(aSteps, a.id));
      expect(JSON.stringify(bSteps)).toMatch(/"source":"llm"/);

      // In the workflow history every model call is a runAction activity named llm.propose.
      const converter = loadDataConverter(amtswegDataConverter(temporal.ring));
      const history = (await tmp.exportHistory(b.id)) as { events: { activityTaskScheduledEventAttributes?: { input?: { payloads?: unknown[] } } }[] };
      const names: string[] = [];
      for (const e of history.events) {
        const payloads = e.activityTaskScheduledEventAttributes?.input?.payloads;
        if (payloads) names.push(await decodeFromPayloadsAtIndex<string>(converter, 0, payloads as never));
      }
      expect(names.filter((n) => n === 'llm.propose')).toHaveLength(temporalCalls);
    } finally {
      await tmp.close();
      await worker.shutdown();
      await emb.close();
      await fake.close();
    }
  });
});
