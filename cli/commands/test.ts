/** `amtsweg test [paths]`: runs the designers' scenario files and reports coverage with what is uncovered. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { formatCoverage, runTests } from '../../scenarios';
import { UsageError } from '../errors';

interface TestOptions { json?: boolean; coverage?: boolean; verbose?: boolean }

export async function runTestCommand(paths: string[], opts: TestOptions, out: (s: string) => void): Promise<number> {
  const targets = paths.length > 0 ? paths : ['definitions'];
  const missing = targets.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}. Pass folders or *.scenarios.yaml files (default: definitions/).`);
  const report = await runTests(targets);
  if (opts.json) {
    out(JSON.stringify({
      ok: report.failed === 0 && report.errors === 0, passed: report.passed, failed: report.failed, errors: report.errors,
      files: report.files.map((f) => ({ file: f.file, service: f.service, error: f.error, scenarios: f.results.map((r) => ({ name: r.name, passed: r.passed, failures: r.failures })) })),
      coverage: report.coverage,
    }, null, 2));
  } else {
    for (const f of report.files) {
      if (f.error) { out(`ERROR ${f.file}: ${f.error}`); continue; }
      out(`${f.file} (${f.service}): ${f.results.filter((r) => r.passed).length}/${f.results.length} passed`);
      for (const r of f.results) {
        out(`  ${r.passed ? '✓' : '✗'} ${r.name}`);
        for (const failure of r.failures) out(`      ${failure}`);
      }
    }
    if (opts.coverage !== false) for (const c of report.coverage) out(`\n${formatCoverage(c)}`);
    if (report.files.length === 0) out('No scenario files found (*.scenarios.yaml).');
    out(`\n${report.passed} passed, ${report.failed} failed${report.errors ? `, ${report.errors} file(s) could not run` : ''}`);
  }
  return report.failed === 0 && report.errors === 0 && report.files.length > 0 ? 0 : 1;
}

export function register(program: Command): void {
  program
    .command('test')
    .description('run scenario files (*.scenarios.yaml) against their definitions, with coverage of steps, transitions, outcomes and table rows')
    .argument('[paths...]', 'folders, definitions or scenario files (default: definitions/)')
    .option('--json', 'print the result as JSON')
    .option('--no-coverage', 'leave out the coverage report')
    .option('--verbose', 'also print the engine\'s JSON log lines (quiet by default, so the report stays readable)')
    .addHelpText('after', '\nExit codes: 0 all scenarios passed, 1 a scenario failed or a file could not run, 2 wrong usage.\n\nExamples:\n  $ amtsweg test\n  $ amtsweg test definitions/personalausweis.yaml\n')
    .action(async (paths: string[], opts: TestOptions) => {
      // The report is for a person; the engines' JSON log lines only with --verbose (or an explicit level).
      if (!opts.verbose && process.env.AMTSWEG_LOG_LEVEL === undefined) process.env.AMTSWEG_LOG_LEVEL = 'error';
      process.exitCode = await runTestCommand(paths, opts, (s) => process.stdout.write(`${s}\n`));
    });
}
