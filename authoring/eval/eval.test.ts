/**
 * The eval runner on a small fixture with known answers (some lines labelled wrong on purpose),
 * so the figures themselves cannot silently break: counts, rates, splits, the per-type and
 * per-service breakdowns, and that held-out failures are not listed unless asked for.
 */
import path from 'node:path';
import { evaluate, formatReports, type SplitReport } from '.';
import { runSessionEval } from '../../cli/commands/eval';

const FIXTURE = path.join(__dirname, 'fixture');
const DEFS = path.join(__dirname, '..', '..', 'definitions');

let dev: SplitReport;
let heldout: SplitReport;

beforeAll(async () => {
  const r = await evaluate({ definitions: DEFS, evalDir: FIXTURE, devFailures: true });
  expect(r.mode).toBe('deterministic');
  [dev, heldout] = r.reports;
});

describe('amtsweg eval on the fixture', () => {
  test('routing: right, wrong, handoff and referral are counted by kind', () => {
    expect(dev.routeLines).toBe(4);
    expect(dev.routing).toMatchObject({ total: 4, correct: 3, llmCalls: 0 });
    expect(dev.routing.byKind).toEqual({ service: { total: 2, correct: 1 }, handoff: { total: 1, correct: 1 }, not_offered: { total: 1, correct: 1 } });
    expect(dev.routing.byService).toEqual({ hundesteuer: { total: 1, correct: 1 }, personalausweis: { total: 1, correct: 0 } });
  });

  test('slots: a right value, a wrong one (also missed), a miss; the summary correction counts', () => {
    expect(dev.extractionLines).toBe(7);
    expect(dev.slots).toMatchObject({ filled: 3, right: 2, wrong: 1, missed: 2 });
    expect(dev.slots.precision).toBeCloseTo(2 / 3);
    expect(dev.slots.recall).toBeCloseTo(0.5);
    expect(dev.slots.wrongRate).toBeCloseTo(1 / 3);
    expect(Object.keys(dev.bySlotType)).toEqual(['integer']);
    expect(dev.byService.hundesteuer).toMatchObject({ filled: 3, right: 2, wrong: 1, missed: 2 });
  });

  test('questions, injections and LLM calls', () => {
    expect(dev.questions).toEqual({ total: 2, correct: 1 });
    expect(dev.injections).toEqual({ total: 1, changedState: 0 });
    expect(dev.llm).toEqual({ calls: 0, turns: 7, perTurn: 0 });
  });

  test('dev failures are listed with file and line; held-out failures are not', () => {
    expect(dev.failures.map((f) => `${path.basename(f.file)}:${f.line}:${f.kind}`)).toEqual([
      'route.jsonl:2:route', 'extraction.de.jsonl:2:wrong', 'extraction.de.jsonl:3:missed', 'extraction.de.jsonl:6:answer',
    ]);
    expect(heldout.split).toBe('held-out');
    expect(heldout.routing).toMatchObject({ total: 2, correct: 1 });
    expect(heldout.slots).toMatchObject({ filled: 1, right: 1, wrong: 0, missed: 0 });
    expect(heldout.failures).toEqual([]);
    expect(heldout.problems.map((p) => p.line)).toEqual([2]);
  });

  test('the table shows both splits; the CLI exits 1 on a bad line', async () => {
    const text = formatReports([dev, heldout], 'offline');
    expect(text).toMatch(/wrong values \(of filled\)\s+1\/3 33\.3 %\s+0\/1 0\.0 %/);
    const out: string[] = [];
    const code = await runSessionEval({ definitions: DEFS, evalDir: FIXTURE, split: 'heldout', json: true }, (s) => out.push(s));
    expect(code).toBe(1);
    const json = JSON.parse(out.join('\n')) as { splits: SplitReport[] };
    expect(json.splits.map((s) => s.split)).toEqual(['held-out']);
  });
});

describe('values that count: a value waiting for its read-back is left out (und9)', () => {
  test('a birth date the session reads back first is counted apart, right or wrong', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const { loadCatalog, loadRoutingCatalogue } = await import('../../catalog');
    const { evaluateSplit } = await import('.');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-eval-count-'));
    const file = path.join(dir, 'extraction.jsonl');
    fs.writeFileSync(file, [
      { service: 'personalausweis', pending: 'geburtsdatum', text: '13.05.1990', expected: { geburtsdatum: '1990-05-13' }, filled: { anlass: 'ablauf' } },
      { service: 'personalausweis', pending: 'geburtsdatum', text: '13.05.1990', expected: { geburtsdatum: '1990-05-14' }, filled: { anlass: 'ablauf' } },
      { service: 'hundesteuer', pending: 'anzahl_hunde', text: '2', expected: { anzahl_hunde: 3 } },
    ].map((l) => JSON.stringify(l)).join('\n'));
    try {
      const r = await evaluateSplit('t', [file], { services: loadCatalog(DEFS).services, catalogue: loadRoutingCatalogue(DEFS).catalogue });
      expect(r.slots).toMatchObject({ filled: 3, wrong: 2 });
      expect(r.counting).toEqual({ filled: 1, wrong: 1, wrongRate: 1, awaiting: 2, awaitingWrong: 1 });
      expect(formatReports([r], 'offline')).toMatch(/that count \(not awaiting a read-back\)\s+1\/1 100\.0 %/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
