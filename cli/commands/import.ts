/** `amtsweg import fim <file.xml>`: a definition skeleton from an XDatenfelder 2 or 3 data schema. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FimError, readXDatenfelder, skeletonOf } from '../../fim';
import { CliError, UsageError } from '../errors';

/** Imports a FIM file; writes the skeleton to `output` (or returns it for stdout). Exit code 0, or a CliError. */
export function runImportFim(file: string, opts: { output?: string; force?: boolean }, out: (s: string) => void): number {
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}. Pass an XDatenfelder data schema (*.xml).`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let skeleton;
  try {
    skeleton = skeletonOf(readXDatenfelder(text), path.basename(file));
  } catch (e) {
    if (e instanceof FimError) throw new CliError(`${file}:${e.line}:${e.col}: ${e.message}`);
    throw e;
  }
  if (opts.output) {
    if (fs.existsSync(opts.output) && !opts.force) throw new UsageError(`${opts.output} exists; pass --force to overwrite it, or choose another --output.`);
    fs.writeFileSync(opts.output, skeleton.yaml);
    out(`wrote ${opts.output}: ${skeleton.slots.length} slot(s)${skeleton.skipped.length ? `, ${skeleton.skipped.length} field(s) skipped (see the comments)` : ''}. Next: amtsweg validate ${opts.output}`);
  } else out(skeleton.yaml.trimEnd());
  return 0;
}

export function register(program: Command): void {
  const imp = program.command('import').description('start a definition from another format (fim: XDatenfelder 2 or 3 data schemas)');
  imp
    .command('fim')
    .description('turn an XDatenfelder 2 or 3 data schema (Stammdatenschema) into a definition skeleton: slots with types, ask texts from the labels, constraints, code lists, FIM ids')
    .argument('<file.xml>', 'the XDatenfelder file')
    .option('-o, --output <file.yaml>', 'write the skeleton there (default: print it)')
    .option('--force', 'overwrite the output file')
    .addHelpText('after', '\nExit codes: 0 written, 1 the FIM file is broken (file:line:col and the element), 2 wrong usage.\n\nExample:\n  $ amtsweg import fim hundesteuer.xdf3.xml -o definitions/hundesteuer-fim.yaml\n')
    .action((file: string, opts: { output?: string; force?: boolean }) => {
      process.exitCode = runImportFim(file, opts, (s) => process.stdout.write(`${s}\n`));
    });
}
