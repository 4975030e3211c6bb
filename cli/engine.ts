/** Opens the engine a command runs on: embedded SQLite by default, Temporal on request. */
import path from 'node:path';
import type { CompiledService } from '../core/session/types';
import { fromCalendarData } from '../activities/calendar';
import type { CalendarData } from '../core/calendar';
import { createEmbeddedEngine } from '../host/embedded';
import type { Engine } from '../host/types';
import { CliError } from './errors';
import type { EngineKind } from './options';
import type { TemporalFlagValues } from './temporal-flags';

export interface OpenEngineOptions {
  kind: EngineKind;
  dataDir: string;
  services: CompiledService[];
  today?: string;
  /** --temporal-* flags, for --engine temporal. */
  temporal?: TemporalFlagValues;
  /** The designer-owned calendar (`calendar.yaml` beside the definitions). */
  calendar?: CalendarData;
  /** The shared store: postgres://… or sqlite:<file> (--database / AMTSWEG_DATABASE_URL); default `<dataDir>/store.db`. */
  databaseUrl?: string;
}

type TemporalCliModule = {
  temporalEngineFromFlags?: (flags: TemporalFlagValues, services: CompiledService[], log: (line: string) => void, extra: { today?: string; databaseUrl?: string; dataDir?: string; addressProof?: boolean }) => Promise<Engine>;
};

/**
 * Issue 12: addresses typed into a conversation are proven by a code before anything is booked
 * for or mailed to them. On unless AMTSWEG_ADDRESS_PROOF=off (a closed test installation).
 */
export function addressProofFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.AMTSWEG_ADDRESS_PROOF ?? '').trim().toLowerCase() !== 'off';
}

function firstLine(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

async function openTemporal(opts: OpenEngineOptions): Promise<Engine> {
  let mod: TemporalCliModule;
  try {
    // Loaded on demand so the embedded path never pulls in the Temporal SDK.
    mod = require(path.join(__dirname, '..', 'host', 'temporal', 'cli-options')) as TemporalCliModule;
  } catch (err) {
    throw new CliError(`The Temporal engine could not be loaded (${firstLine(err)}). Use --engine embedded, or check the temporal/ folder and its packages.`);
  }
  if (typeof mod.temporalEngineFromFlags !== 'function') {
    throw new CliError('temporal/cli-options.ts does not export temporalEngineFromFlags; use --engine embedded.');
  }
  try {
    return await mod.temporalEngineFromFlags(opts.temporal ?? {}, opts.services, (line) => process.stderr.write(`amtsweg: ${line}\n`), {
      today: opts.today, databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, addressProof: addressProofFromEnv(),
    });
  } catch (err) {
    throw new CliError(`Temporal engine not started: ${firstLine(err)}`);
  }
}

/**
 * The `llm.propose` action when an LLM endpoint is configured (OPENAI_BASE_URL, AMTSWEG_LLM_MODEL
 * or AMTSWEG_LLM_CONFIG); loaded only then, so the deterministic default never loads the SDK.
 */
function llmActions(env: NodeJS.ProcessEnv = process.env): Record<string, import('../activities/types').ActionHandler> | undefined {
  if (!env.OPENAI_BASE_URL && !env.AMTSWEG_LLM_MODEL && !env.AMTSWEG_LLM_CONFIG) return undefined;
  try {
    const host = (require('../llm/host') as typeof import('../llm/host')).llmHostFromEnv(env);
    return host?.actions;
  } catch (err) {
    throw new CliError(`LLM configuration: ${firstLine(err)}`);
  }
}

/** Opens the chosen engine; every failure becomes a CliError saying what to do. */
export async function openEngine(opts: OpenEngineOptions): Promise<Engine> {
  if (opts.kind === 'temporal') return openTemporal(opts);
  try {
    const calendar = opts.calendar ? fromCalendarData(opts.calendar) : undefined;
    return await createEmbeddedEngine({
      dataDir: opts.dataDir, services: opts.services, today: opts.today, actions: llmActions(), databaseUrl: opts.databaseUrl, addressProof: addressProofFromEnv(),
      ...(calendar ? { locations: calendar.locations, concernMinutes: calendar.minutes } : {}),
    });
  } catch (err) {
    throw new CliError(`Cannot open the data folder ${opts.dataDir}: ${firstLine(err)}`);
  }
}
