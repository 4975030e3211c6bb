/**
 * The amtsweg Temporal worker: bundles the workflow once, registers the action activities and
 * runs until SIGTERM/SIGINT, when it finishes its current tasks and exits cleanly. It logs only
 * ids and counts, never slot values (payloads are encrypted by the codec anyway).
 */
import { mkdirSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActionRegistry } from '../../../activities';
import type { Location } from '../../../activities/calendar';
import type { ActionHandler, ActionRegistry } from '../../../activities/types';
import { amtswegDataConverter, loadKeyRing, type KeyRing } from '../codec';
import { connectionOptions, temporalSettings, type TemporalSettings } from '../connection';
import { TemporalUnreachableError } from '../errors';
import { openStore, type SharedStore } from '../../../store';
import { createSessionActivities } from './activities';
import { workflowBundle } from './bundle';
import { keyRingSealer } from './sealer';
import { storeSessionKeys, type SessionKeys } from '../session-keys';

export interface StartWorkerOptions extends Partial<TemporalSettings> {
  /** Data folder; the shared store defaults to SQLite in `<dataDir>/store.db` (one machine only). */
  dataDir: string;
  /**
   * The shared store (calendar, outbox, idempotency records, case index) every worker and serve
   * must see: postgres://… (AMTSWEG_DATABASE_URL / --database). Without it: `<dataDir>/store.db`.
   */
  databaseUrl?: string;
  /** An open store (tests, embedding); the caller closes it. */
  store?: SharedStore;
  /** Accepted for symmetry with `serve`; definitions travel in each workflow's input. */
  definitionsDir?: string;
  keyRing?: KeyRing;
  keyFile?: string;
  today?: string;
  /** Extra actions (tests: a scripted LLM); default: `llm.propose` when OPENAI_BASE_URL / AMTSWEG_LLM_MODEL / AMTSWEG_LLM_CONFIG is set. */
  actions?: Record<string, ActionHandler>;
  /** Locations and minutes per concern from the designer's `calendar.yaml` (default: the built-in Gelsenkirchen data). */
  locations?: Location[];
  concernMinutes?: Record<string, number>;
  /** A prepared registry (tests); default: createActionRegistry over the shared store. */
  registry?: ActionRegistry;
  /** Another workflows module (tests of non-determinism); default: workflows/index.ts. */
  workflowsPath?: string;
  /** A prebuilt bundle file (from `workflowBundle()`), to skip bundling in short-lived processes. */
  workflowBundlePath?: string;
  log?: (line: string) => void;
  maxConcurrentActivityTaskExecutions?: number;
  /** Connection attempts, 2 s apart, before giving up (default 1). */
  connectAttempts?: number;
  /** Level of the SDK's own log (ids and states only, no payloads); default WARN. */
  sdkLogLevel?: LogLevel;
  /** Per-session payload keys; default: in the worker's shared store (`false`: ring keys only). */
  sessionKeys?: SessionKeys | false;
}

let runtimeInstalled = false;

/** Activities a worker runs at once (the SDK's option), and the extra store connections beside them. */
export const DEFAULT_ACTIVITY_SLOTS = 20;
const POOL_HEADROOM = 6;

/** `llm.propose` from the environment, loaded only when an endpoint is configured. */
function llmActionsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, ActionHandler> {
  if (!env.OPENAI_BASE_URL && !env.AMTSWEG_LLM_MODEL && !env.AMTSWEG_LLM_CONFIG) return {};
  return (require('../../../llm/host') as typeof import('../../../llm/host')).llmHostFromEnv(env)?.actions ?? {};
}

/** The SDK's runtime is process-wide and can be configured once, before the first worker. */
function installRuntime(level: LogLevel): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    // Signals: the runtime shuts every worker down on SIGINT/SIGTERM/SIGQUIT (drain, then exit).
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch { /* already installed by the host process */ }
}

export interface RunningWorker {
  worker: Worker;
  /** The shared store the worker's actions use (undefined when a prepared registry was given). */
  store?: SharedStore;
  /** Resolves when the worker has shut down (after `shutdown()` or a signal). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Connects, bundles and starts a worker. Throws TemporalUnreachableError when Temporal does not answer. */
export async function startWorker(opts: StartWorkerOptions): Promise<RunningWorker> {
  installRuntime(opts.sdkLogLevel ?? (process.env.AMTSWEG_TEMPORAL_LOG_LEVEL as LogLevel | undefined) ?? 'WARN');
  const settings = temporalSettings(opts);
  const log = opts.log ?? ((line: string) => console.log(line));
  const ring = opts.keyRing ?? loadKeyRing({ keyFile: opts.keyFile });
  mkdirSync(opts.dataDir, { recursive: true });
  const activitySlots = opts.maxConcurrentActivityTaskExecutions ?? DEFAULT_ACTIVITY_SLOTS;
  // Every running activity may hold one connection; the payload codec's key lookups and the case
  // index need a few more, so they never wait behind a full set of activities.
  const store = opts.registry ? undefined : opts.store ?? await openStore({ url: opts.databaseUrl, dataDir: opts.dataDir, poolSize: activitySlots + POOL_HEADROOM });
  const ownStore = !opts.registry && !opts.store ? store : undefined;
  const registry = opts.registry ?? createActionRegistry({ store, today: opts.today, sealer: keyRingSealer(ring), locations: opts.locations, concernMinutes: opts.concernMinutes });
  // LLM proposals are an activity like every action: `llm.propose` when an endpoint is configured.
  for (const [name, handler] of Object.entries(opts.actions ?? llmActionsFromEnv())) if (!registry.has(name)) registry.register(name, handler);
  let connection: NativeConnection | undefined;
  const attempts = opts.connectAttempts ?? 1;
  for (let i = 1; !connection; i++) {
    try {
      connection = await NativeConnection.connect(connectionOptions(settings) as Parameters<typeof NativeConnection.connect>[0]);
    } catch (e) {
      const err = new TemporalUnreachableError(settings.address, e, settings.namespace);
      if (i >= attempts) { await ownStore?.close(); throw err; }
      log(`${err.message} (attempt ${i}, retrying in 2 s)`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  // Each session's payloads under its own key (found in the shared store), so purge can shred them.
  const sessionKeys = opts.sessionKeys === false ? undefined : opts.sessionKeys ?? (store ? storeSessionKeys(store.payloadKeys, ring) : undefined);
  const bundle = opts.workflowBundlePath ? { codePath: opts.workflowBundlePath } : await workflowBundle(opts.workflowsPath);
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: bundle,
    activities: createSessionActivities(registry, store),
    dataConverter: amtswegDataConverter(ring, { sessionKeys }),
    maxConcurrentActivityTaskExecutions: activitySlots,
  });
  log(`amtsweg worker: task queue ${settings.taskQueue}, namespace ${settings.namespace}, ${settings.address}, key ${ring.activeKeyId}, actions ${registry.names().join(',')}${store ? `, store ${store.location}` : ''}`);
  const conn = connection;
  const done = worker.run().finally(async () => {
    await conn.close().catch(() => {});
    await ownStore?.close();
    log('amtsweg worker: stopped');
  });
  return {
    worker,
    store,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

export { createSessionActivities } from './activities';
export { workflowBundle, WORKFLOWS_PATH } from './bundle';
export { keyRingSealer } from './sealer';
