/** `amtsweg validate <paths...>`: checks definition files and folders, prints every problem at its line and column. */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { BUILT_IN_ACTIONS } from '../../activities/specs';
import { CALENDAR_FILE, isCalendarFile, isDefinitionFile, loadCalendarFile, loadCatalog, loadServiceFile, type CatalogOptions } from '../../catalog';
import { formatProblem, type ActionSpec, type Problem } from '../../core/definition';
import { UsageError } from '../errors';

type Lang = 'en' | 'de';

interface Checked { files: number; services: { id: string; version: string; file?: string }[]; problems: Problem[] }

/** The built-in actions with their inputs (static data: validating needs no database). */
export function builtInActionSpecs(): ActionSpec[] {
  return [...BUILT_IN_ACTIONS];
}

/** Names of the built-in actions. */
export function builtInActions(): string[] {
  return BUILT_IN_ACTIONS.map((a) => a.name);
}

function checkPath(target: string, load: CatalogOptions): Checked {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const files = fs.readdirSync(target).filter(isDefinitionFile).length;
    const { services, problems } = loadCatalog(target, load);
    const calendar = path.join(target, CALENDAR_FILE);
    const extra = fs.existsSync(calendar) ? loadCalendarFile(calendar, load.lang).problems : [];
    return { files: files + (fs.existsSync(calendar) ? 1 : 0), services: services.map((s) => ({ id: s.id, version: s.version })), problems: [...extra, ...problems] };
  }
  if (isCalendarFile(target)) return { files: 1, services: [], problems: loadCalendarFile(target, load.lang).problems };
  const { service, problems } = loadServiceFile(target, load);
  return { files: 1, services: service ? [{ id: service.id, version: service.version, file: target }] : [], problems };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs the check and returns the exit code: 0 without errors (warnings allowed), 1 with errors. */
export function runValidate(paths: string[], opts: { lang: Lang; json: boolean; actions?: ActionSpec[] }, out: (s: string) => void): number {
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new UsageError(`No such file or folder: ${missing.join(', ')}. Pass definition files (*.yaml) or folders that hold them.`);
  }
  const all: Checked = { files: 0, services: [], problems: [] };
  for (const target of paths) {
    const checked = checkPath(path.normalize(target), { lang: opts.lang, actions: opts.actions });
    all.files += checked.files;
    all.services.push(...checked.services);
    all.problems.push(...checked.problems);
  }
  const errors = all.problems.filter((p) => p.severity === 'error').length;
  const warnings = all.problems.length - errors;
  if (opts.json) {
    out(JSON.stringify({ ok: errors === 0, files: all.files, errors, warnings, services: all.services, problems: all.problems }, null, 2));
  } else {
    for (const p of all.problems) out(formatProblem(p));
    const de = opts.lang === 'de';
    const summary = de
      ? `${all.files} ${all.files === 1 ? 'Datei' : 'Dateien'} geprüft: ${errors} Fehler, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}.`
      : `${plural(all.files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
    out((all.problems.length > 0 ? '\n' : '') + summary);
    if (all.files === 0) out(de ? 'Keine Definitionen gefunden (*.yaml).' : 'No definitions found (*.yaml).');
  }
  return errors > 0 ? 1 : 0;
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check service definitions; prints every problem as file:line:col with a hint')
    .argument('<paths...>', 'definition files (*.yaml) or folders')
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['en', 'de']).default('en'))
    .option('--json', 'print the result as JSON')
    .option('--any-action', 'do not check action names against the built-in actions (for deployments that register their own)')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage.\n\nExamples:\n  $ amtsweg validate definitions/\n  $ amtsweg validate definitions/terminvereinbarung.yaml --lang de\n')
    .action((paths: string[], opts: { lang: Lang; json?: boolean; anyAction?: boolean }) => {
      const actions = opts.anyAction ? undefined : builtInActionSpecs();
      process.exitCode = runValidate(paths, { lang: opts.lang, json: Boolean(opts.json), actions }, (s) => process.stdout.write(`${s}\n`));
    });
}
