/** The --temporal-* flags of `serve`, `chat` and `export` (see temporal/flags.ts; no SDK is loaded). */
import type { Command } from 'commander';
import { addTemporalFlagsTo, temporalFlagsOf, type TemporalFlags } from '../host/temporal/flags';

export { temporalFlagsOf };
export type TemporalFlagValues = TemporalFlags;

/** Adds the flags to a command that runs on the embedded engine unless told `--engine temporal`. */
export function addTemporalFlags(cmd: Command): Command {
  return addTemporalFlagsTo(cmd, 'with --engine temporal: ');
}
