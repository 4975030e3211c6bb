/**
 * The --temporal-* flags of `serve` and `chat`. Declared here rather than imported from
 * `temporal/cli-options.ts`, because that module loads the Temporal SDK and the embedded path
 * must not pay for it; the names match so `worker` and `serve` read alike.
 */
import type { Command } from 'commander';

/** The flag values as commander hands them over (same shape as temporal/cli-options' TemporalFlags). */
export interface TemporalFlagValues {
  temporalAddress?: string;
  temporalNamespace?: string;
  temporalTaskQueue?: string;
  temporalTls?: boolean;
  temporalTlsCert?: string;
  temporalTlsKey?: string;
  temporalTlsCa?: string;
  temporalKeyFile?: string;
}

/** Adds the flags to a command. */
export function addTemporalFlags(cmd: Command): Command {
  return cmd
    .option('--temporal-address <host:port>', 'with --engine temporal: Temporal frontend (env TEMPORAL_ADDRESS, default 127.0.0.1:7233)')
    .option('--temporal-namespace <ns>', 'with --engine temporal: namespace (env TEMPORAL_NAMESPACE, default "default")')
    .option('--temporal-task-queue <name>', 'with --engine temporal: task queue of the workers (env TEMPORAL_TASK_QUEUE, default "amtsweg")')
    .option('--temporal-tls', 'with --engine temporal: connect with TLS (env TEMPORAL_TLS=true)')
    .option('--temporal-tls-cert <file>', 'with --engine temporal: client certificate for mTLS (env TEMPORAL_TLS_CERT)')
    .option('--temporal-tls-key <file>', 'with --engine temporal: client key for mTLS (env TEMPORAL_TLS_KEY)')
    .option('--temporal-tls-ca <file>', 'with --engine temporal: CA of the server (env TEMPORAL_TLS_CA)')
    .option('--temporal-key-file <file>', 'with --engine temporal: payload encryption keys (or AMTSWEG_TEMPORAL_KEYS + AMTSWEG_TEMPORAL_KEY_ID)');
}

/** Picks the temporal flags out of a command's options. */
export function temporalFlagsOf(opts: object): TemporalFlagValues {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) if (k.startsWith('temporal') && v !== undefined) out[k] = v;
  return out as TemporalFlagValues;
}
