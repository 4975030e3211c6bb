/** `amtsweg eval extraction <labelled.jsonl> [--llm]`: precision and recall of slot extraction. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog';
import { formatProblem } from '../../core/definition';
import { createLlmClient } from '../../llm/client';
import { llmConfigFromEnv } from '../../llm/config';
import { formatEvalReport, loadEvalSet, runEval } from '../../llm/eval';
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

export function register(program: Command): void {
  const evalCmd = program.command('eval').description('evaluate parts of amtsweg against labelled data');
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
