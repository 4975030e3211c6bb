/** The `amtsweg` program: global options, help, exit codes and error reporting around the commands. */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { commands } from './commands';
import { CliError } from './errors';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const EXAMPLES = `
Examples:
  $ amtsweg validate definitions/              check every definition, file:line:col problems
  $ amtsweg compile definitions/terminvereinbarung.yaml --format mermaid
  $ amtsweg chat terminvereinbarung             talk to a service in the terminal
  $ amtsweg serve --port 3000                   HTTP API and web chat on http://127.0.0.1:3000

Environment: AMTSWEG_TODAY (reference date), AMTSWEG_MASTER_KEY (encryption key),
PORT, AMTSWEG_HOST, AMTSWEG_DEBUG=1 (stack traces on errors).`;

/** Builds the program with every registered command. Commander exits are turned into exceptions. */
export function createProgram(): Command {
  const program = new Command('amtsweg');
  program
    .description('amtsweg: citizen services as YAML definitions, run as durable conversations with full audit')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('after', EXAMPLES);
  for (const command of commands) command.register(program);
  return program;
}

/** Commander's own exits: help and version are fine (0); every other is wrong usage (2). */
function commanderExitCode(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
  if (err.code === 'commander.executeSubCommandAsync') return err.exitCode;
  return 2;
}

/**
 * Runs the CLI and returns the exit code. Failures print one clear line; the stack only with
 * AMTSWEG_DEBUG=1.
 */
export async function runCli(argv: string[], err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const program = createProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return commanderExitCode(e); // commander already printed its message
    if (process.env.AMTSWEG_DEBUG === '1' && e instanceof Error) err(`${e.stack}\n`);
    if (e instanceof CliError) {
      if (e.details) err(`${e.details}\n\n`);
      err(`amtsweg: ${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    err(`amtsweg: unexpected error: ${message}\n(run again with AMTSWEG_DEBUG=1 for details, and report it if it persists)\n`);
    return 1;
  }
}
