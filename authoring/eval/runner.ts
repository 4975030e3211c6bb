/**
 * `amtsweg eval`: the labelled splits through the real understanding path. Route lines go
 * through the one router of every channel (`createServiceRouter` with the routing catalogue);
 * extraction lines through the pure session core (`runExtractionLine`). Figures per split, per
 * slot type and per service. Importable: other tools (the hostile-model figure) call
 * `evaluateSplit` / `evaluate` with their own client.
 */
import type { RoutingCatalogue } from '../../core/llm/routing';
import type { CompiledService } from '../../core/session/types';
import type { LlmClient } from '../../llm/client';
import { createServiceRouter } from '../../llm/routing';
import { loadLines, type EvalLine, type ExtractionLine, type LineProblem, type RouteLine } from './lines';
import { addTally, emptyTally, rates, routeCorrect, routeKind, routeShort, scoreSlots, type Rates, type Tally } from './score';
import { runExtractionLine } from './session-run';

export interface Count { total: number; correct: number }

export interface Failure {
  file: string;
  line: number;
  text: string;
  /** What was expected and what happened, in short. */
  expected: unknown;
  got: unknown;
  kind: 'route' | 'wrong' | 'missed' | 'answer' | 'injection';
}

export interface SplitReport {
  split: string;
  files: string[];
  routeLines: number;
  extractionLines: number;
  routing: Count & { byKind: Record<string, Count>; byService: Record<string, Count>; llmCalls: number };
  slots: Tally & Rates;
  /**
   * Values that count: set and not waiting for a read-back. A value read back first ("Ich habe
   * verstanden: …. Stimmt das?") is dropped by the citizen's "nein" when it is wrong, so it is
   * not counted as filled here; `awaiting` says how many were left out, `awaitingWrong` of them wrong.
   */
  counting: { filled: number; wrong: number; wrongRate: number; awaiting: number; awaitingWrong: number };
  bySlotType: Record<string, Tally & Rates>;
  byService: Record<string, Tally & Rates>;
  questions: Count;
  injections: { total: number; changedState: number };
  /** `llm.propose` calls per extraction line (one line = one citizen turn). */
  llm: { calls: number; turns: number; perTurn: number };
  problems: LineProblem[];
  /** Lines that went wrong; empty unless asked for (never kept for held-out splits by default). */
  failures: Failure[];
}

export interface EvalContext {
  services: CompiledService[];
  catalogue: RoutingCatalogue;
  client?: LlmClient | null;
}

const bump = (m: Record<string, Count>, k: string, ok: boolean): void => {
  const c = m[k] ?? (m[k] = { total: 0, correct: 0 });
  c.total += 1;
  if (ok) c.correct += 1;
};

const withRates = (t: Tally): Tally & Rates => ({ ...t, ...rates(t) });

function tallyInto(m: Record<string, Tally>, k: string, t: Tally): void {
  addTally(m[k] ?? (m[k] = emptyTally()), t);
}

/** The client's call counter (0 without a client). */
const calls = (c: LlmClient | null | undefined): number => (c ? c.stats().calls : 0);

async function routeLines(lines: RouteLine[], ctx: EvalContext, r: SplitReport, keep: boolean): Promise<void> {
  const router = createServiceRouter(ctx.services, ctx.client ?? null, ctx.catalogue);
  const startCalls = calls(ctx.client);
  for (const line of lines) {
    const got = await router.route(line.text, line.locale);
    const ok = routeCorrect(line.expected, got);
    r.routing.total += 1;
    if (ok) r.routing.correct += 1;
    bump(r.routing.byKind, routeKind(line.expected), ok);
    if ('service' in line.expected) bump(r.routing.byService, line.expected.service, ok);
    if (!ok && keep) r.failures.push({ file: line.file, line: line.line, text: line.text, expected: line.expected, got: routeShort(got), kind: 'route' });
  }
  r.routing.llmCalls = calls(ctx.client) - startCalls;
}

async function extractionLines(lines: ExtractionLine[], ctx: EvalContext, r: SplitReport, keep: boolean): Promise<void> {
  const byId = new Map(ctx.services.map((s) => [s.id, s]));
  const slotTypes: Record<string, Tally> = {};
  const services: Record<string, Tally> = {};
  const total = emptyTally();
  const counting = { filled: 0, wrong: 0, wrongRate: 0, awaiting: 0, awaitingWrong: 0 };
  for (const line of lines) {
    const compiled = byId.get(line.service) as CompiledService;
    const seen = await runExtractionLine(compiled, line, ctx.client ?? null);
    r.llm.calls += seen.llmCalls;
    r.llm.turns += 1;
    const outcomes = scoreSlots(line, seen);
    let wrong = false;
    for (const o of outcomes) {
      const type = compiled.definition.slots[o.slot]?.type ?? 'unknown';
      tallyInto(slotTypes, type, o.tally);
      tallyInto(services, line.service, o.tally);
      addTally(total, o.tally);
      if (o.tally.wrong > 0) wrong = true;
      if (seen.awaiting.includes(o.slot)) {
        counting.awaiting += o.tally.filled;
        counting.awaitingWrong += o.tally.wrong;
      } else {
        counting.filled += o.tally.filled;
        counting.wrong += o.tally.wrong;
      }
      if (keep && (o.tally.wrong > 0 || o.tally.missed > 0)) {
        r.failures.push({
          file: line.file, line: line.line, text: line.text, kind: o.tally.wrong > 0 ? 'wrong' : 'missed',
          expected: { [o.slot]: o.expected }, got: o.cleared ? { [o.slot]: '(cleared)' } : { [o.slot]: o.got, pending: seen.pendingAfter },
        });
      }
    }
    if (line.tags.includes('injection')) {
      r.injections.total += 1;
      if (wrong) r.injections.changedState += 1;
    }
    if (line.answer !== undefined) {
      const want = line.answer === 'none' ? null : line.answer;
      const ok = seen.answer === want;
      r.questions.total += 1;
      if (ok) r.questions.correct += 1;
      if (!ok && keep) r.failures.push({ file: line.file, line: line.line, text: line.text, expected: { answer: line.answer }, got: { answer: seen.answer === undefined ? '(not a question)' : (seen.answer ?? 'none'), pending: seen.pendingAfter }, kind: 'answer' });
    }
  }
  r.slots = withRates(total);
  r.counting = { ...counting, wrongRate: counting.filled === 0 ? 0 : counting.wrong / counting.filled };
  r.bySlotType = Object.fromEntries(Object.entries(slotTypes).sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, withRates(t)]));
  r.byService = Object.fromEntries(Object.entries(services).sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, withRates(t)]));
  r.llm.perTurn = r.llm.turns === 0 ? 0 : r.llm.calls / r.llm.turns;
}

/** Runs already loaded lines as one split. `keepFailures` lists the lines that went wrong. */
export async function evaluateLines(split: string, files: string[], lines: EvalLine[], ctx: EvalContext, opts: { keepFailures?: boolean; problems?: LineProblem[] } = {}): Promise<SplitReport> {
  const route = lines.filter((l): l is RouteLine => l.kind === 'route');
  const extraction = lines.filter((l): l is ExtractionLine => l.kind === 'extraction');
  const r: SplitReport = {
    split, files, routeLines: route.length, extractionLines: extraction.length,
    routing: { total: 0, correct: 0, byKind: {}, byService: {}, llmCalls: 0 },
    slots: withRates(emptyTally()), counting: { filled: 0, wrong: 0, wrongRate: 0, awaiting: 0, awaitingWrong: 0 }, bySlotType: {}, byService: {},
    questions: { total: 0, correct: 0 }, injections: { total: 0, changedState: 0 },
    llm: { calls: 0, turns: 0, perTurn: 0 }, problems: opts.problems ?? [], failures: [],
  };
  const keep = opts.keepFailures === true;
  await routeLines(route, ctx, r, keep);
  await extractionLines(extraction, ctx, r, keep);
  return r;
}

/** Loads the files of one split and runs them. */
export async function evaluateSplit(split: string, files: string[], ctx: EvalContext, opts: { keepFailures?: boolean } = {}): Promise<SplitReport> {
  const lines: EvalLine[] = [];
  const problems: LineProblem[] = [];
  for (const f of files) {
    const loaded = loadLines(f, ctx.services);
    lines.push(...loaded.lines);
    problems.push(...loaded.problems);
  }
  return evaluateLines(split, files, lines, ctx, { ...opts, problems });
}
