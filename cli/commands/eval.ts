/**
 * `amtsweg eval [--llm <base-url>] [--json]`: the dev and held-out splits through the real
 * understanding path (authoring/eval). `amtsweg eval extraction <labelled.jsonl> [--llm]`: the
 * older extractor-level precision and recall of one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog';
import { formatProblem } from '../../core/definition';
import { createLlmClient } from '../../llm/client';
import { llmConfigFromEnv } from '../../llm/config';
import { formatEvalReport, loadEvalSet, runEval } from '../../llm/eval';
import { evaluate, formatFailures, formatReports } from '../../authoring/eval';
import { resolveLlmConfig } from '../../llm/config';
import { startHostileOpenAI } from '../../llm/testing/hostile';
import { CliError, UsageError } from '../errors';

interface EvalOptions { llm?: boolean; definitions: string; today: string; json?: boolean; misses?: boolean }

/** Runs the evaluation and returns the exit code (1 when the file has bad lines). */
export async function runEvalExtraction(file: string, opts: EvalOptions, out: (s: string) => void): Promise<number> {
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}. Pass a labelled JSONL file such as eval/extraction.de.jsonl.`);
  if (!fs.existsSync(opts.definitions)) throw new UsageError(`No such folder: ${opts.definitions}. Pass --definitions <folder> with the service definitions.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new UsageError(`--today must be written YYYY-MM-DD, not "${opts.today}".`);
  const catalog = loadCatalog(opts.definitions);
  const errors = catalog.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new CliError(`The definitions in ${opts.definitions} have errors; run "amtsweg validate ${opts.definitions}".`, 1, errors.map(formatProblem).join('\n'));
  let client = null;
  if (opts.llm) {
    const config = llmConfigFromEnv();
    if (!config) throw new UsageError('--llm needs an endpoint: set OPENAI_BASE_URL and AMTSWEG_LLM_MODEL (and OPENAI_API_KEY if the endpoint wants one).');
    client = createLlmClient(config);
  }
  const { cases, problems } = loadEvalSet(file, catalog.services);
  for (const p of problems) out(`${file}:${p.line}: ${p.message}`);
  const report = await runEval(cases, catalog.services, { client, defaultToday: opts.today });
  if (opts.json) out(JSON.stringify(report, null, 2));
  else {
    out(formatEvalReport(report));
    if (opts.misses) for (const m of report.misses) out(`${file}:${m.line}: "${m.text}" expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}`);
  }
  return problems.length > 0 ? 1 : 0;
}

interface SessionEvalOptions {
  llm?: string; definitions: string; evalDir: string; split: string; json?: boolean; failures?: boolean; showHeldoutFailures?: boolean;
}

/** Runs the splits and prints the table (or JSON); exit code 1 when a line or definition is bad. */
export async function runSessionEval(opts: SessionEvalOptions, out: (s: string) => void): Promise<number> {
  if (!fs.existsSync(opts.definitions)) throw new UsageError(`No such folder: ${opts.definitions}. Pass --definitions <folder> with the service definitions.`);
  if (!fs.existsSync(opts.evalDir)) throw new UsageError(`No such folder: ${opts.evalDir}. Pass --eval-dir <folder> holding extraction.de.jsonl, dev/ and heldout/.`);
  const splits: ('dev' | 'heldout')[] | null = opts.split === 'all' ? ['dev', 'heldout'] : opts.split === 'dev' || opts.split === 'heldout' ? [opts.split] : null;
  if (!splits) throw new UsageError(`--split must be dev, heldout or all, not "${opts.split}".`);
  let client = null;
  // "--llm hostile" (or "hostile:2" for another round): the grounded hostile loopback model of
  // llm/testing, which proposes a wrong value for every slot it is asked about.
  const hostile = opts.llm === undefined ? null : /^hostile(?::(\d))?$/.exec(opts.llm);
  const server = hostile ? await startHostileOpenAI(Number(hostile[1] ?? 0)) : null;
  if (opts.llm !== undefined) {
    const config = resolveLlmConfig({ baseUrl: server ? server.url : opts.llm, model: process.env.AMTSWEG_LLM_MODEL ?? 'eval', apiKey: process.env.OPENAI_API_KEY ?? '' });
    client = createLlmClient(config);
  }
  let result;
  try {
    result = await evaluate({
      definitions: opts.definitions, evalDir: opts.evalDir, client, splits: [...splits],
      devFailures: opts.failures === true, heldoutFailures: opts.showHeldoutFailures === true,
    });
  } finally {
    await server?.close();
  }
  if (result.definitionProblems.length > 0) throw new CliError(`The definitions in ${opts.definitions} have errors; run "amtsweg validate ${opts.definitions}".`, 1, result.definitionProblems.join('\n'));
  if (opts.json) out(JSON.stringify({ mode: result.mode, splits: result.reports }, null, 2));
  else {
    out(formatReports(result.reports, hostile ? `with the grounded hostile model, round ${hostile[1] ?? 0}` : result.mode === 'llm' ? `with the LLM at ${opts.llm ?? ''}` : 'offline, deterministic'));
    for (const r of result.reports) for (const f of formatFailures(r)) out(f);
  }
  return result.reports.some((r) => r.problems.length > 0) ? 1 : 0;
}

export function register(program: Command): void {
  const evalCmd = program.command('eval').description('evaluate amtsweg against labelled data');
  // The default subcommand, so `amtsweg eval --json` runs it and `eval extraction` keeps its own options.
  evalCmd.command('splits', { isDefault: true })
    .description('the dev and held-out labelled splits through the real understanding path: routing, slot precision, recall, wrong values, answered questions')
    .option('--llm <base-url>', 'also use an OpenAI-compatible endpoint (model from AMTSWEG_LLM_MODEL, key from OPENAI_API_KEY); "hostile" (or "hostile:1", "hostile:2") starts the grounded hostile loopback model')
    .option('--definitions <folder>', 'folder of service definitions', path.join(process.cwd(), 'definitions'))
    .option('--eval-dir <folder>', 'folder with extraction.de.jsonl, dev/ and heldout/', path.join(process.cwd(), 'eval'))
    .option('--split <name>', 'dev, heldout or all', 'all')
    .option('--json', 'print the full report as JSON')
    .option('--failures', 'list every failing dev line')
    .option('--show-heldout-failures', 'list failing held-out lines too (reading them means tuning on them)')
    .action(async (opts: SessionEvalOptions) => {
      const code = await runSessionEval(opts, (s) => process.stdout.write(`${s}\n`));
      if (code !== 0) process.exitCode = code;
    });
  evalCmd
    .command('extraction')
    .description('per-slot precision and recall of slot extraction on a labelled JSONL set')
    .argument('<labelled.jsonl>', 'one { "service", "slots", "text", "expected", "today"? } per line')
    .option('--llm', 'also ask the configured LLM (OPENAI_BASE_URL, AMTSWEG_LLM_MODEL) for what the extractors left open')
    .option('--definitions <folder>', 'folder of service definitions', path.join(process.cwd(), 'definitions'))
    .option('--today <date>', 'reference date for lines without "today"', '2026-11-20')
    .option('--json', 'print the full report as JSON')
    .option('--misses', 'list every utterance with a wrong or missing value')
    .action(async (file: string, opts: EvalOptions) => {
      const code = await runEvalExtraction(file, opts, (s) => process.stdout.write(`${s}\n`));
      if (code !== 0) process.exitCode = code;
    });
}
