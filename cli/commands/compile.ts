/** `amtsweg compile <file> --format xstate|mermaid`: the compiled statechart on stdout. */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { loadServiceFile } from '../../catalog';
import { toMermaid } from '../../core/compiler';
import { formatProblems } from '../catalog';
import { CliError, UsageError } from '../errors';

/** Compiles one definition; the output text, or a CliError listing the problems. */
export function runCompile(file: string, format: 'xstate' | 'mermaid'): string {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new UsageError(`No such definition file: ${file}. Pass a *.yaml file, e.g. definitions/terminvereinbarung.yaml.`);
  }
  const { service, problems } = loadServiceFile(file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!service || errors.length > 0) {
    throw new CliError(`${file} has ${errors.length} error(s); fix them (see "amtsweg validate ${file}") and compile again.`, 1, formatProblems(errors));
  }
  return format === 'mermaid' ? toMermaid(service) : JSON.stringify(service.machine, null, 2);
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command('compile')
    .description('compile a definition to its XState machine (JSON) or a Mermaid diagram')
    .argument('<file>', 'definition file (*.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['xstate', 'mermaid']).default('xstate'))
    .addHelpText('after', '\nExamples:\n  $ amtsweg compile definitions/terminvereinbarung.yaml --format mermaid > termin.mmd\n  $ amtsweg compile definitions/terminvereinbarung.yaml > termin.machine.json\n')
    .action((file: string, opts: { format: 'xstate' | 'mermaid' }) => {
      process.stdout.write(`${runCompile(file, opts.format)}\n`);
    });
}
