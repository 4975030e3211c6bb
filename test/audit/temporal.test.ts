/**
 * Temporal: a session run on a real Temporal dev server is exported as an audit bundle through
 * the client, and its history JSON replays both through Worker.runReplayHistory and the core.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJson, historyToJson } from '../../audit/history-json';
import type { History } from '@temporalio/common/lib/proto-utils';
import { HistoryError, readBundle, renderBundle, replayBundle } from '../../audit';
import { exportTemporalWorkflow, replayTemporalHistory } from '../../audit/temporal-history';
import { loadServiceFile } from '../../catalog';
import { runReplay } from '../../cli/commands/replay';
import { loadScenarioFile, runScenario } from '../../scenarios';
import { temporalHarness, type TemporalHarness } from '../temporal/harness';
import { DEFINITIONS, tempDir } from './helpers';

let harness: TemporalHarness;
let dir: string;
let keyFile: string;
let sessionId: string;
let historyFile: string;

beforeAll(async () => {
  const { service } = loadServiceFile(join(DEFINITIONS, 'personalausweis.yaml'));
  harness = await temporalHarness([service!]);
  dir = tempDir();
  keyFile = join(dir, 'keys.json');
  writeFileSync(keyFile, JSON.stringify({ active: harness.ring.activeKeyId, keys: Object.fromEntries(Object.entries(harness.ring.keys).map(([k, v]) => [k, v.toString('base64')])) }));
  const file = loadScenarioFile(join(DEFINITIONS, 'personalausweis.scenarios.yaml'));
  const engine = await harness.engineFor(file.today);
  const result = await runScenario(engine, 'personalausweis', file.scenarios[0]);
  expect(result.failures).toEqual([]);
  sessionId = result.sessionId;
  const history = (await engine.exportHistory(sessionId)) as History;
  historyFile = join(dir, 'history.json');
  writeFileSync(historyFile, historyToJson(history));
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('Temporal cases', () => {
  it('export --temporal writes a bundle that verifies and replays with the same decision', async () => {
    const bundle = await exportTemporalWorkflow(`amtsweg-${sessionId}`, {
      flags: { temporalAddress: harness.address, temporalKeyFile: keyFile }, exportedAt: '2026-11-26T12:00:00.000Z', dataDir: harness.keysDir,
    });
    expect(bundle.producer).toMatchObject({ engine: 'temporal', workflowId: `amtsweg-${sessionId}` });
    expect(bundle.outcome).toMatchObject({ id: 'termin_gebucht' });
    expect(bundle.rules.find((r) => r.rule === 'gebuehr')).toMatchObject({ result: 46, row: 'ab_24', version: '2026-02-07' });
    const file = join(dir, 'temporal-case.json');
    writeFileSync(file, renderBundle(bundle));
    const report = replayBundle(readBundle(file), file);
    expect(report).toMatchObject({ ok: true, outcome: 'termin_gebucht' });
  }, 60_000);

  it('a history JSON replays through Worker.runReplayHistory and the core', async () => {
    const report = await replayTemporalHistory(historyFile, { keyFile, sessionKeys: harness.sessionKeys });
    expect(report.difference).toBeUndefined();
    expect(report).toMatchObject({ ok: true, sessionId, outcome: 'termin_gebucht' });
    // The CLI recognises a history file by its content.
    const lines: string[] = [];
    expect(await runReplay([historyFile], { temporalKeyFile: keyFile, data: harness.keysDir }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain(`OK   ${historyFile}: session ${sessionId} (personalausweis)`);
  }, 120_000);

  it('an altered activity result in the history is reported with both sides', async () => {
    const { loadDataConverter, decodeFromPayloadsAtIndex, encodeToPayloads } = await import('@temporalio/common/lib/internal-non-workflow');
    const { amtswegDataConverter } = await import('../../host/temporal/codec');
    const converter = loadDataConverter(amtswegDataConverter(harness.ring, { sessionKeys: harness.sessionKeys }));
    const raw = JSON.parse(readFileSync(historyFile, 'utf8')) as { events: { activityTaskCompletedEventAttributes?: { result: { payloads: unknown[] } } }[] };
    const done = raw.events.find((e) => e.activityTaskCompletedEventAttributes)!.activityTaskCompletedEventAttributes!;
    const history = historyFromJson(raw);
    const original = history.events!.find((e) => e.activityTaskCompletedEventAttributes)!.activityTaskCompletedEventAttributes!.result!.payloads!;
    const value = await decodeFromPayloadsAtIndex<{ booking: string }>(converter, 0, original);
    const forged = await encodeToPayloads(converter, { ...value, booking: 'FORGED' });
    done.result.payloads = JSON.parse(historyToJson({ events: [{ eventId: 1, activityTaskCompletedEventAttributes: { result: { payloads: forged } } }] } as never)).events[0].activityTaskCompletedEventAttributes.result.payloads;
    const f = join(dir, 'forged-history.json');
    writeFileSync(f, JSON.stringify(raw));
    const report = await replayTemporalHistory(f, { keyFile, sessionKeys: harness.sessionKeys });
    expect(report.ok).toBe(false);
    expect(report.difference).toMatchObject({ type: 'effect.result', part: 'effects' });
    expect(JSON.stringify(report.difference!.replayed)).toContain('FORGED');
    expect(JSON.stringify(report.difference!.recorded)).toContain(value.booking);
  }, 120_000);

  it('a history with foreign payloads or of another workflow is a clear error', async () => {
    const other = join(dir, 'other-keys.json');
    writeFileSync(other, JSON.stringify({ active: 'x', keys: { x: Buffer.alloc(32, 7).toString('base64') } }));
    await expect(replayTemporalHistory(historyFile, { keyFile: other })).rejects.toThrow(HistoryError);
    const foreign = JSON.parse(readFileSync(historyFile, 'utf8')) as { events: { workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } }[] };
    foreign.events[0].workflowExecutionStartedEventAttributes!.workflowType.name = 'orderWorkflow';
    const f = join(dir, 'foreign.json');
    writeFileSync(f, JSON.stringify(foreign));
    await expect(replayTemporalHistory(f, { keyFile })).rejects.toThrow(/workflow type "orderWorkflow", not an amtsweg session/);
  }, 60_000);
});
