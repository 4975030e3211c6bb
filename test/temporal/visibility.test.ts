/**
 * What Temporal shows in clear, on a real dev server: the memo (service, version, definition hash,
 * unencrypted) and the search attributes the workflow keeps current (service, version, status,
 * handoff reason, taken by), found by a visibility list query. And SDK failures classified by type
 * and gRPC code, never by message text.
 */
import { resolve } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { loadCatalog } from '../../catalog';
import { temporalErrorKind } from '../../host/temporal/errors';
import { missingSearchAttributes, searchAttributeRecipe } from '../../host/temporal/search-attributes';
import type { TemporalEngine } from '../../host/temporal/engine';
import { temporalHarness, type TemporalHarness } from './harness';

jest.setTimeout(120_000);

const catalog = loadCatalog(resolve(__dirname, '..', '..', 'definitions'));
const today = '2026-11-26';
let h: TemporalHarness;
let engine: TemporalEngine;
beforeAll(async () => {
  h = await temporalHarness(catalog.services);
  engine = await h.engineFor(today);
});
afterAll(async () => { await h?.close(); });

/** Workflow ids a visibility query lists (visibility is eventually consistent: polled, bounded). */
async function listed(query: string, expected: string): Promise<string[]> {
  let ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    ids = [];
    for await (const w of engine.client.workflow.list({ query })) ids.push(w.workflowId);
    if (ids.includes(expected)) return ids;
    await new Promise((r) => setTimeout(r, 200));
  }
  return ids;
}

it('the memo shows service, definition version and hash in clear, and nothing else', async () => {
  const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  await engine.sendMessage(s.id, 'Ich heiße Erika Mustermann und brauche einen Reisepass');
  const compiled = catalog.services.find((x) => x.id === 'terminvereinbarung')!;
  const desc = await engine.client.workflow.getHandle(engine.workflowId(s.id)).describe();
  const fields = desc.raw.workflowExecutionInfo?.memo?.fields ?? {};
  expect(Object.keys(fields).sort()).toEqual(['definitionHash', 'service', 'version']);
  const clear = Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, {
    encoding: Buffer.from(p.metadata!.encoding!).toString(), value: JSON.parse(Buffer.from(p.data!).toString()) as unknown,
  }]));
  expect(clear).toEqual({
    service: { encoding: 'json/plain', value: 'terminvereinbarung' },
    version: { encoding: 'json/plain', value: compiled.version },
    definitionHash: { encoding: 'json/plain', value: compiled.hash },
  });
  expect(desc.memo).toEqual({ service: 'terminvereinbarung', version: compiled.version, definitionHash: compiled.hash });
  expect(JSON.stringify(desc.raw)).not.toContain('Mustermann');
});

it('search attributes are registered on the dev server and kept current by the workflow, so list queries find a case', async () => {
  expect(await missingSearchAttributes(engine.connection, 'default')).toEqual([]);
  expect(engine.searchAttributes).toBe(true);
  const s = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  const wf = engine.workflowId(s.id);
  const compiled = catalog.services.find((x) => x.id === 'terminvereinbarung')!;
  expect(await listed(`WorkflowId = '${wf}' AND AmtswegService = 'terminvereinbarung' AND AmtswegVersion = '${compiled.version}' AND AmtswegStatus = 'active'`, wf)).toEqual([wf]);
  await engine.requestHandoff(s.id, 'citizen_request');
  const handoff = `AmtswegService = 'terminvereinbarung' AND AmtswegStatus = 'handoff' AND AmtswegHandoffReason = 'citizen_request'`;
  expect(await listed(handoff, wf)).toContain(wf);
  await engine.staffAction(s.id, { type: 'take', staff: 'sb-0815' });
  expect(await listed(`${handoff} AND AmtswegTakenBy = 'sb-0815'`, wf)).toContain(wf);
  // The citizen's own session without a handoff is not among them.
  const other = await engine.createSession({ service: 'terminvereinbarung', channel: 'web' });
  expect(await listed(handoff, wf)).not.toContain(engine.workflowId(other.id));
  await engine.cancel(other.id);
  const cancelledWf = engine.workflowId(other.id);
  expect(await listed(`WorkflowId = '${cancelledWf}' AND AmtswegStatus = 'cancelled'`, cancelledWf)).toEqual([cancelledWf]);
  expect(searchAttributeRecipe('amtsweg')).toContain('temporal operator search-attribute create --namespace amtsweg --name AmtswegService --type Keyword');
});

describe('SDK failures are classified by type and gRPC status code', () => {
  const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  it('maps typed errors and codes, through causes', () => {
    expect(temporalErrorKind(new WorkflowNotFoundError('gone', 'amtsweg-x', undefined))).toBe('not_found');
    expect(temporalErrorKind(new WorkflowExecutionAlreadyStartedError('started', 'amtsweg-x', 'sessionWorkflow'))).toBe('already_started');
    expect(temporalErrorKind(grpc(5, 'workflow execution already completed'))).toBe('not_found');
    expect(temporalErrorKind(grpc(6, 'exists'))).toBe('already_started');
    expect(temporalErrorKind(grpc(14, 'unavailable'))).toBe('unavailable');
    expect(temporalErrorKind(Object.assign(new Error('wrapped'), { cause: grpc(5, 'x') }))).toBe('not_found');
  });
  it('never by the message text', () => {
    expect(temporalErrorKind(new Error('workflow not found'))).toBe('other');
    expect(temporalErrorKind(new Error('workflow execution already completed'))).toBe('other');
    expect(temporalErrorKind(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }))).toBe('other');
  });
});

it('definitions reload without a restart: an open session finishes on its version, new sessions get the new one', async () => {
  const { readFileSync } = await import('node:fs');
  const { loadServiceSource } = await import('../../catalog/load-file');
  const { createTemporalEngine } = await import('../../host/temporal/engine');
  const file = resolve(__dirname, '..', '..', 'definitions', 'terminvereinbarung.yaml');
  const v1 = catalog.services.find((x) => x.id === 'terminvereinbarung')!;
  const v2 = loadServiceSource(readFileSync(file, 'utf8').replace(/^version: .*$/m, 'version: 2099.1')
    .replace('Wofür brauchen Sie den Termin?', 'Wofür brauchen Sie den Termin denn?'), file).service!;
  const own = await createTemporalEngine({ address: h.address, taskQueue: await h.taskQueueFor(today), services: [v1], today, keyRing: h.ring, sessionKeys: h.sessionKeys });
  try {
    const s = await own.createSession({ service: 'terminvereinbarung' });
    await own.sendMessage(s.id, 'Reisepass');
    const r = await own.reload!([v2]);
    expect(r.added).toEqual([{ id: 'terminvereinbarung', version: '2099.1', hash: v2.hash }]);
    expect((await own.sendMessage(s.id, 'in Erle')).status).toBe('active');
    expect((await own.exportSession(s.id)).definitionHash).toBe(v1.hash);
    expect((await own.view(s.id)).status).toBe('active');
    const fresh = await own.createSession({ service: 'terminvereinbarung' });
    expect(fresh.messages.map((m) => m.text).join(' ')).toContain('Wofür brauchen Sie den Termin denn?');
    const memo = (await own.client.workflow.getHandle(own.workflowId(fresh.id)).describe()).memo;
    expect(memo).toMatchObject({ version: '2099.1', definitionHash: v2.hash });
    expect((await own.readiness!()).checks.definitions?.detail).toContain('terminvereinbarung 2099.1');
  } finally {
    await own.close();
  }
});
