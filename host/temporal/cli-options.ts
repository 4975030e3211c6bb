/**
 * Shared command-line flags for everything that talks to Temporal (`worker`, `serve --engine
 * temporal`, `chat --engine temporal`), so the three read address, namespace, TLS and keys alike.
 */
import type { Command } from 'commander';
import type { CompiledService } from '../../core/session/types';
import { loadKeyRing } from './codec';
import { temporalSettings, type TemporalSettings } from './connection';
import { createTemporalEngine, type TemporalEngine } from './engine';
import { addTemporalFlagsTo, type TemporalFlags } from './flags';

export type { TemporalFlags };

/** Adds the --temporal-* flags to a command. */
export function addTemporalOptions(cmd: Command): Command {
  return addTemporalFlagsTo(cmd);
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
