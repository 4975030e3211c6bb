/**
 * Commands whose module is heavy (the Temporal worker loads the SDK and its native bridge) are
 * listed in `--help` by name and summary, and only required when they actually run.
 */
import { Command } from 'commander';

/** What every command module exports. */
export interface CommandModule { register(program: Command): void }

/**
 * A stand-in that registers `name` with a summary; when invoked it loads the real module,
 * registers it on a fresh program and hands it the original arguments (help included).
 */
export function lazyCommand(name: string, summary: string, load: () => CommandModule): CommandModule {
  return {
    register(program: Command) {
      program
        .command(name)
        .description(summary)
        .helpOption(false)
        .allowUnknownOption()
        .allowExcessArguments()
        .argument('[args...]')
        .usage('[options]  (see: amtsweg ' + name + ' --help)')
        .action(async () => {
          // rawArgs is set by commander at parse time but missing from its typings.
          const raw = (program as Command & { rawArgs: string[] }).rawArgs.slice(2);
          const rest = raw.slice(raw.indexOf(name) + 1);
          const inner = new Command(program.name()).exitOverride();
          load().register(inner);
          await inner.parseAsync([name, ...rest], { from: 'user' });
        });
    },
  };
}
