/** `amtsweg explain <bundle>`: the reasons (Begründung) of a decision for a citizen or a court. */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { AuditError, explainBundle, readBundle, type ExplainFormat, type ExplainLang } from '../../audit';
import { trustOptions } from './replay';
import { CliError } from '../errors';

interface ExplainOptions { lang: ExplainLang; format: ExplainFormat; out?: string; publicKey?: string; trustedKeys?: string; requireSignature?: boolean }

/** Writes the explanation to `out` or returns it. */
export function runExplain(file: string, opts: ExplainOptions, out: (s: string) => void): number {
  try {
    const bundle = readBundle(file, trustOptions(opts));
    const text = explainBundle(bundle, file, { lang: opts.lang, format: opts.format });
    if (opts.out) {
      fs.writeFileSync(opts.out, text);
      out(`wrote ${opts.out}`);
    } else out(text);
    return 0;
  } catch (e) {
    if (e instanceof AuditError) throw new CliError(e.message);
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('explain')
    .description('write the reasons of a decision: facts with source and confirmation, rules with legal basis, result')
    .argument('<bundle>', 'audit bundle written by amtsweg export')
    .addOption(new Option('--lang <lang>', 'language').choices(['de', 'en']).default('de'))
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--trusted-keys <file-or-dir>', 'trust list of PEM public keys (default AMTSWEG_TRUSTED_KEYS)')
    .option('--require-signature', 'refuse an unsigned bundle')
    .option('--public-key <pem>', 'require the bundle to be signed by this Ed25519 key')
    .addHelpText('after', '\nExamples:\n  $ amtsweg explain case.json\n  $ amtsweg explain case.json --lang en --format html --out reasons.html\n')
    .action((file: string, opts: ExplainOptions) => {
      process.exitCode = runExplain(file, opts, (s) => process.stdout.write(`${s}\n`));
    });
}
