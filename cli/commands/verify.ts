/**
 * `amtsweg verify <definitions...>`: everything `validate` checks plus soundness: table gaps and
 * overlaps with counterexamples, reachability, dead ends, data minimisation, automated acts,
 * translations, effective dating. `--generate` writes boundary scenario skeletons.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { definitionFiles, verifyFile, type VerifyResult } from '../../audit/verify';
import { generateBoundaryScenarios, scenariosYaml } from '../../audit/verify/generate';
import { formatProblem, type ProblemLang } from '../../core/definition';
import { parseToday } from '../options';
import { UsageError } from '../errors';
import { builtInActions } from './validate';
import { draftProblems, isDraftFile } from '../../authoring/translate';

interface VerifyCliOptions { json?: boolean; lang: ProblemLang; today?: string; generate?: boolean; out?: string; anyAction?: boolean }

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Translation drafts among the paths: named files, and *.translation.yaml inside named folders. */
function translationDrafts(paths: string[]): string[] {
  return paths.flatMap((p) => (fs.statSync(p).isDirectory()
    ? fs.readdirSync(p).filter(isDraftFile).sort().map((f) => path.join(p, f))
    : isDraftFile(p) ? [p] : []));
}

/** Runs verify; returns the exit code (0 no errors, 1 errors). */
export function runVerify(paths: string[], opts: VerifyCliOptions, out: (s: string) => void): number {
  if (paths.length === 0) throw new UsageError('Pass definition files (*.yaml) or folders, e.g. amtsweg verify definitions/');
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) throw new UsageError(`No such file or folder: ${missing.join(', ')}. Pass definition files (*.yaml) or folders that hold them.`);
  const today = parseToday(opts.today, '--today') ?? new Date().toISOString().slice(0, 10);
  const drafts = translationDrafts(paths);
  const files = definitionFiles(paths).filter((f) => !isDraftFile(f));
  const actions = opts.anyAction ? undefined : builtInActions();
  const results: VerifyResult[] = files.map((f) => verifyFile(f, { today, lang: opts.lang, actions }));
  // Machine-drafted translations count only once a person reviewed them.
  const all = [...results.flatMap((r) => r.problems), ...drafts.flatMap(draftProblems)];
  const errors = all.filter((p) => p.severity === 'error');
  const warnings = all.filter((p) => p.severity === 'warning');
  const generated: string[] = [];
  if (opts.generate) {
    for (const r of results) {
      if (!r.service) continue;
      const scenarios = generateBoundaryScenarios(r.service, today);
      const dir = opts.out ?? path.dirname(r.file);
      fs.mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `${r.service.id}.boundaries.scenarios.yaml`);
      fs.writeFileSync(target, scenariosYaml(r.service, scenarios, today));
      generated.push(`${target} (${plural(scenarios.length, 'scenario')})`);
    }
  }
  if (opts.json) {
    out(JSON.stringify({ ok: errors.length === 0, files: files.length, errors: errors.length, warnings: warnings.length, problems: all, generated }, null, 2));
  } else {
    const de = opts.lang === 'de';
    if (errors.length) out(`${de ? 'Fehler' : 'Errors'}:\n${errors.map(formatProblem).join('\n')}\n`);
    if (warnings.length) out(`${de ? 'Warnungen' : 'Warnings'}:\n${warnings.map(formatProblem).join('\n')}\n`);
    for (const g of generated) out(`${de ? 'geschrieben' : 'wrote'} ${g}`);
    out(de
      ? `${files.length} ${files.length === 1 ? 'Definition' : 'Definitionen'} geprüft: ${errors.length} Fehler, ${warnings.length} ${warnings.length === 1 ? 'Warnung' : 'Warnungen'}.`
      : `${plural(files.length, 'definition')} verified: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}.`);
  }
  return errors.length > 0 ? 1 : 0;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description('prove definitions sound: table gaps/overlaps with counterexamples, dead ends, unused personal data, automated acts, translations, dating')
    .argument('<paths...>', 'definition files (*.yaml) or folders')
    .option('--json', 'print the result as JSON')
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['en', 'de']).default('en'))
    .option('--today <date>', 'reference date for date inputs and generated scenarios (default: today)')
    .option('--generate', 'write <service>.boundaries.scenarios.yaml with a scenario per table boundary and dated change')
    .option('--out <dir>', 'with --generate: folder for the scenario files (default: beside each definition)')
    .option('--any-action', 'do not check action names against the built-in actions')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage.\n\nExamples:\n  $ amtsweg verify definitions/\n  $ amtsweg verify definitions/personalausweis.yaml --generate --today 2026-03-02 --out scenarios/\n')
    .action((paths: string[], opts: VerifyCliOptions) => {
      process.exitCode = runVerify(paths, opts, (s) => process.stdout.write(`${s}\n`));
    });
}
