/** Opens the engine a command runs on: embedded SQLite by default, Temporal on request. */
import path from 'node:path';
import type { CompiledService } from '../core/session/types';
import { createEmbeddedEngine } from '../engine';
import type { Engine } from '../engine/types';
import { CliError } from './errors';
import type { EngineKind } from './options';

export interface OpenEngineOptions {
  kind: EngineKind;
  dataDir: string;
  services: CompiledService[];
  today?: string;
}

type TemporalModule = { createTemporalEngine?: (opts: Record<string, unknown>) => Engine | Promise<Engine> };

/** Temporal connection settings from the environment, with the usual local defaults. */
export function temporalSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    address: env.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'amtsweg',
  };
}

async function openTemporal(opts: OpenEngineOptions): Promise<Engine> {
  let mod: TemporalModule;
  try {
    // Loaded on demand so the embedded path never pulls in the Temporal SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(__dirname, '..', 'temporal')) as TemporalModule;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`The Temporal engine could not be loaded (${detail}). Use --engine embedded, or check the temporal/ folder and its packages.`);
  }
  if (typeof mod.createTemporalEngine !== 'function') {
    throw new CliError('temporal/index.ts does not export createTemporalEngine; use --engine embedded.');
  }
  const settings = temporalSettings();
  try {
    return await mod.createTemporalEngine({ ...settings, services: opts.services, today: opts.today });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`Cannot reach Temporal at ${settings.address} (namespace ${settings.namespace}): ${detail}. `
      + 'Start a dev server with "npm run temporal:dev", or set TEMPORAL_ADDRESS.');
  }
}

/** Opens the chosen engine; every failure becomes a CliError saying what to do. */
export async function openEngine(opts: OpenEngineOptions): Promise<Engine> {
  if (opts.kind === 'temporal') return openTemporal(opts);
  try {
    return await createEmbeddedEngine({ dataDir: opts.dataDir, services: opts.services, today: opts.today });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`Cannot open the data folder ${opts.dataDir}: ${detail}`);
  }
}
