/**
 * `amtsweg eval`: labelled lines through the real understanding path (router, session core),
 * figures per split. `evaluate` loads definitions and splits from disk; `evaluateSplit` and
 * `evaluateLines` run given files or lines with a given client (e.g. a hostile scripted model).
 */
import path from 'node:path';
import { loadCatalog, loadRoutingCatalogue } from '../../catalog';
import { formatProblem } from '../../core/definition';
import type { LlmClient } from '../../llm/client';
import { findSplits } from './lines';
import { evaluateSplit, type EvalContext, type SplitReport } from './runner';

export { loadLines, findSplits, isRouteFile, SUMMARY, DEFAULT_TODAY, type EvalLine, type ExtractionLine, type RouteLine, type RouteExpectation, type LineProblem, type Splits } from './lines';
export { runExtractionLine, type Observed } from './session-run';
export { evaluateLines, evaluateSplit, type EvalContext, type SplitReport, type Failure, type Count } from './runner';
export { rates, scoreSlots, routeCorrect, type Tally, type Rates } from './score';
export { formatReports, formatFailures } from './format';

export interface EvaluateOptions {
  /** Folder of the service definitions and catalog.yaml. */
  definitions: string;
  /** Folder holding extraction.de.jsonl, dev/ and heldout/. */
  evalDir: string;
  client?: LlmClient | null;
  splits?: ('dev' | 'heldout')[];
  /** List failing dev lines. */
  devFailures?: boolean;
  /** List failing held-out lines (reading them is tuning on them: only for a final audit). */
  heldoutFailures?: boolean;
}

export interface EvaluateResult { mode: 'deterministic' | 'llm'; reports: SplitReport[]; definitionProblems: string[] }

/** Loads everything from disk and runs the requested splits. */
export async function evaluate(opts: EvaluateOptions): Promise<EvaluateResult> {
  const catalog = loadCatalog(opts.definitions);
  const routing = loadRoutingCatalogue(opts.definitions);
  const definitionProblems = [
    ...catalog.problems.filter((p) => p.severity === 'error').map(formatProblem),
    ...routing.problems,
  ];
  const ctx: EvalContext = { services: catalog.services, catalogue: routing.catalogue, client: opts.client ?? null };
  const splits = findSplits(opts.evalDir);
  const reports: SplitReport[] = [];
  for (const name of opts.splits ?? ['dev', 'heldout']) {
    const files = splits[name].map((f) => path.relative(process.cwd(), f) || f);
    const keepFailures = name === 'dev' ? opts.devFailures === true : opts.heldoutFailures === true;
    reports.push(await evaluateSplit(name === 'dev' ? 'dev' : 'held-out', files, ctx, { keepFailures }));
  }
  return { mode: opts.client ? 'llm' : 'deterministic', reports, definitionProblems };
}
