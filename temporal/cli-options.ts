/**
 * Shared command-line flags for everything that talks to Temporal (`worker`, `serve --engine
 * temporal`, `chat --engine temporal`), so the three read address, namespace, TLS and keys alike.
 */
import type { Command } from 'commander';
import type { CompiledService } from '../core/session/types';
import { loadKeyRing } from './codec';
import { temporalSettings, type TemporalSettings } from './connection';
import { createTemporalEngine, type TemporalEngine } from './engine';

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

/** Adds the --temporal-* flags to a command. Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TEMPORAL_TLS_*. */
export function addTemporalOptions(cmd: Command): Command {
  return cmd
    .option('--temporal-address <host:port>', 'Temporal frontend (env TEMPORAL_ADDRESS, default 127.0.0.1:7233)')
    .option('--temporal-namespace <ns>', 'Temporal namespace (env TEMPORAL_NAMESPACE, default "default")')
    .option('--temporal-task-queue <name>', 'task queue of the amtsweg workers (env TEMPORAL_TASK_QUEUE, default "amtsweg")')
    .option('--temporal-tls', 'connect with TLS using the system CAs (env TEMPORAL_TLS=true)')
    .option('--temporal-tls-cert <file>', 'client certificate for mTLS (env TEMPORAL_TLS_CERT)')
    .option('--temporal-tls-key <file>', 'client key for mTLS (env TEMPORAL_TLS_KEY)')
    .option('--temporal-tls-ca <file>', 'CA of the server (env TEMPORAL_TLS_CA)')
    .option('--temporal-key-file <file>', 'payload encryption keys {"active":"k1","keys":{"k1":"<base64>"}} (or AMTSWEG_TEMPORAL_KEYS + AMTSWEG_TEMPORAL_KEY_ID)');
}

/** Settings from the flags, falling back to the environment. */
export function settingsFromFlags(f: TemporalFlags): TemporalSettings {
  const tlsFiles = f.temporalTlsCert || f.temporalTlsKey || f.temporalTlsCa
    ? { certFile: f.temporalTlsCert, keyFile: f.temporalTlsKey, caFile: f.temporalTlsCa } : undefined;
  return temporalSettings({
    ...(f.temporalAddress ? { address: f.temporalAddress } : {}),
    ...(f.temporalNamespace ? { namespace: f.temporalNamespace } : {}),
    ...(f.temporalTaskQueue ? { taskQueue: f.temporalTaskQueue } : {}),
    ...(tlsFiles ? { tls: tlsFiles } : f.temporalTls ? { tls: true } : {}),
  });
}

/**
 * The engine for `serve --engine temporal` / `chat --engine temporal`: retries the connection,
 * telling the operator each time what is wrong and how to start a dev server.
 */
export function temporalEngineFromFlags(
  f: TemporalFlags,
  services: CompiledService[],
  log: (line: string) => void = (l) => console.error(l),
  extra: { today?: string; attempts?: number } = {},
): Promise<TemporalEngine> {
  const settings = settingsFromFlags(f);
  return createTemporalEngine({
    ...settings, services, today: extra.today,
    keyRing: loadKeyRing({ keyFile: f.temporalKeyFile }),
    retry: {
      attempts: extra.attempts ?? 30, delayMs: 2000,
      onRetry: (n, e) => log(`${e.message} (attempt ${n}, retrying in 2 s)`),
    },
  });
}
