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
import { openStore } from '../../store/open';

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
export async function temporalEngineFromFlags(
  f: TemporalFlags,
  services: CompiledService[],
  log: (line: string) => void = (l) => console.error(l),
  extra: { today?: string; attempts?: number; databaseUrl?: string; dataDir?: string; addressProof?: boolean } = {},
): Promise<TemporalEngine> {
  const settings = settingsFromFlags(f);
  // The desk's case index (and the outbox) live in the shared store the workers use too.
  const shared = extra.databaseUrl || extra.dataDir ? await openStore({ url: extra.databaseUrl, dataDir: extra.dataDir }) : undefined;
  const env = process.env;
  try {
    return await createTemporalEngine({
      ...settings, services, today: extra.today, shared, addressProof: extra.addressProof,
      llm: Boolean(env.OPENAI_BASE_URL || env.AMTSWEG_LLM_MODEL || env.AMTSWEG_LLM_CONFIG),
      ...acceptTimeoutFrom(env.AMTSWEG_TEMPORAL_ACCEPT_MS),
      keyRing: loadKeyRing({ keyFile: f.temporalKeyFile }),
      retry: {
        attempts: extra.attempts ?? 30, delayMs: 2000,
        onRetry: (n, e) => log(`${e.message} (attempt ${n}, retrying in 2 s)`),
      },
    });
  } catch (e) {
    await shared?.close();
    throw e;
  }
}

/** AMTSWEG_TEMPORAL_ACCEPT_MS: how long a worker may take to accept a turn before 503 (default 5000; 1000–120000). */
function acceptTimeoutFrom(value: string | undefined): { acceptTimeoutMs?: number } {
  if (value === undefined || value.trim() === '') return {};
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1000 || ms > 120_000) {
    throw new Error(`AMTSWEG_TEMPORAL_ACCEPT_MS must be a whole number of milliseconds from 1000 to 120000, not "${value.slice(0, 20)}".`);
  }
  return { acceptTimeoutMs: ms };
}
