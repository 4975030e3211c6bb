/** `amtsweg worker`: runs a Temporal worker for amtsweg sessions (one or many, on any machine). */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { addTemporalOptions, settingsFromFlags, type TemporalFlags } from '../../host/temporal/cli-options';
import { loadKeyRing } from '../../host/temporal/codec';
import { startWorker } from '../../host/temporal/worker';
import { storeUrlFrom } from '../../store/open';
import { fromCalendarData } from '../../activities/calendar/locations';
import { calendarFrom } from './serve';

/**
 * The designer's calendar beside the definitions (`calendar.yaml`), as the worker's booking
 * actions need it, so a worker books the same durations and locations as the embedded engine.
 */
export function workerCalendar(definitionsDir: string, err: (s: string) => void = (s) => console.error(s)): { locations?: ReturnType<typeof fromCalendarData>['locations']; concernMinutes?: Record<string, number> } {
  const calendar = calendarFrom(definitionsDir, err);
  if (!calendar) return {};
  const { locations, minutes } = fromCalendarData(calendar);
  return { locations, concernMinutes: minutes };
}

interface WorkerFlags extends TemporalFlags { data: string; definitions: string; today?: string; database?: string; workflowBundle?: string }

/** Registers the `worker` command. */
export function register(program: Command): void {
  addTemporalOptions(
    program
      .command('worker')
      .description('Run a Temporal worker that hosts amtsweg sessions (start `npm run temporal:dev` first for a local server)')
      .option('--data <dir>', 'data folder (the shared store defaults to SQLite <data>/store.db: one machine only)', './data')
      .option('--database <url>', 'shared store of every worker and serve: postgres://user:pass@host:5432/db (default: AMTSWEG_DATABASE_URL)')
      .option('--definitions <dir>', 'definitions directory: its calendar.yaml gives locations and durations (each session carries its own definition)', 'definitions')
      .option('--today <date>', 'fixed calendar date YYYY-MM-DD for actions (default: AMTSWEG_TODAY or today)')
      .option('--workflow-bundle <file>', 'a prebuilt workflow bundle (the code of bundleWorkflowCode for this release) instead of bundling at start (default: AMTSWEG_WORKFLOW_BUNDLE)'),
  ).action(async (flags: WorkerFlags) => {
    const settings = settingsFromFlags(flags);
    try {
      const running = await startWorker({
        ...settings,
        dataDir: resolve(flags.data),
        databaseUrl: storeUrlFrom(flags.database),
        definitionsDir: resolve(flags.definitions),
        ...workerCalendar(resolve(flags.definitions)),
        keyRing: loadKeyRing({ keyFile: flags.temporalKeyFile }),
        today: flags.today ?? process.env.AMTSWEG_TODAY,
        connectAttempts: 30,
        workflowBundlePath: flags.workflowBundle ?? (process.env.AMTSWEG_WORKFLOW_BUNDLE || undefined),
        log: (line) => console.log(line),
      });
      await running.done;
    } catch (e) {
      console.error(`amtsweg worker: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  });
}
