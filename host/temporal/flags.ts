/**
 * The --temporal-* command-line flags, declared once for `worker`, `serve`, `chat` and
 * `export`. No Temporal SDK import here: commands on the embedded engine load this file too.
 */
import type { Command } from 'commander';

/** The flag values as commander hands them over. */
export interface TemporalFlags {
  temporalAddress?: string;
  temporalNamespace?: string;
  temporalTaskQueue?: string;
  temporalTls?: boolean;
  temporalTlsCert?: string;
  temporalTlsKey?: string;
  temporalTlsCa?: string;
  temporalKeyFile?: string;
}

/** Adds the flags to a command; `lead` prefixes each description (e.g. "with --engine temporal: "). */
export function addTemporalFlagsTo(cmd: Command, lead = ''): Command {
  return cmd
    .option('--temporal-address <host:port>', `${lead}Temporal frontend (env TEMPORAL_ADDRESS, default 127.0.0.1:7233)`)
    .option('--temporal-namespace <ns>', `${lead}Temporal namespace (env TEMPORAL_NAMESPACE, default "default")`)
    .option('--temporal-task-queue <name>', `${lead}task queue of the amtsweg workers (env TEMPORAL_TASK_QUEUE, default "amtsweg")`)
    .option('--temporal-tls', `${lead}connect with TLS using the system CAs (env TEMPORAL_TLS=true)`)
    .option('--temporal-tls-cert <file>', `${lead}client certificate for mTLS (env TEMPORAL_TLS_CERT)`)
    .option('--temporal-tls-key <file>', `${lead}client key for mTLS (env TEMPORAL_TLS_KEY)`)
    .option('--temporal-tls-ca <file>', `${lead}CA of the server (env TEMPORAL_TLS_CA)`)
    .option('--temporal-key-file <file>', `${lead}payload encryption keys {"active":"k1","keys":{"k1":"<base64>"}} (or AMTSWEG_TEMPORAL_KEYS + AMTSWEG_TEMPORAL_KEY_ID)`);
}

/** Picks the temporal flags out of a command's options. */
export function temporalFlagsOf(opts: object): TemporalFlags {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) if (k.startsWith('temporal') && v !== undefined) out[k] = v;
  return out as TemporalFlags;
}
