/** `amtsweg purge`: deletes the personal data of sessions past their definition's retention (crypto-shredding). */
import type { Command } from 'commander';
import { AuditError } from '../../audit';
import { formatPurgeReport, purgeExpired } from '../../audit/purge';
import { EngineError } from '../../host/errors';
import { CliError, UsageError } from '../errors';
import { IsoDuration } from '../../core/definition/schema';
import { openStore, storeUrlFrom } from '../../store';
import { addTemporalFlags, temporalFlagsOf } from '../temporal-flags';
import { sessionKeyStoreOf } from './export';

interface PurgeOptions { data: string; keyFile?: string; now?: string; dryRun?: boolean; json?: boolean; grace?: string; database?: string; temporal?: boolean; keepHistories?: boolean }

/**
 * Deletes what a PostgreSQL shared store keeps of purged sessions (outbox rows, e-mail threads,
 * desk case entries, action records). The SQLite store.db in the data folder is already shredded
 * and compacted by the purge itself; a PostgreSQL store lives elsewhere and is reached by its URL.
 */
export async function forgetInSharedStore(url: string | undefined, sessionIds: string[]): Promise<number> {
  if (!url || !/^postgres(ql)?:/.test(url) || sessionIds.length === 0) return 0;
  const store = await openStore({ url });
  try {
    for (const id of sessionIds) await store.retention.forgetSession(id);
    return sessionIds.length;
  } finally {
    await store.close();
  }
}

export function runPurge(opts: PurgeOptions, out: (s: string) => void, onPurged?: (ids: string[]) => void): number {
  const now = opts.now ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now: "${now}" is not an ISO 8601 instant; write it like 2026-12-31T00:00:00Z.`);
  if (opts.grace !== undefined && !IsoDuration.safeParse(opts.grace).success) throw new UsageError(`--grace: "${opts.grace}" is not an ISO 8601 duration; write it like P14D.`);
  try {
    const report = purgeExpired(opts.data, { now: new Date(now).toISOString(), keyFile: opts.keyFile, dryRun: opts.dryRun, grace: opts.grace });
    out(opts.json ? JSON.stringify(report, null, 2) : formatPurgeReport(report));
    if (!report.dryRun) onPurged?.(report.purged.map((p) => p.id));
    return report.purged.every((p) => p.chainOk) ? 0 : 1;
  } catch (e) {
    if (e instanceof AuditError || e instanceof EngineError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * `purge --temporal`: the finished Temporal sessions past retention lose their session key
 * (crypto-shredding), their rows in the shared store and their workflow executions.
 */
export async function runTemporalPurge(opts: PurgeOptions & Record<string, unknown>, out: (s: string) => void): Promise<number> {
  const now = opts.now ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now: "${now}" is not an ISO 8601 instant; write it like 2026-12-31T00:00:00Z.`);
  const where = sessionKeyStoreOf(opts);
  if (!where.dataDir && !where.databaseUrl) {
    throw new UsageError(`purge --temporal needs the shared store that holds the sessions' payload keys: --database <url> (or AMTSWEG_DATABASE_URL), or --data with a store.db (none in ${opts.data}).`);
  }
  const { temporalEngineFromFlags, settingsFromFlags } = require('../../host/temporal/cli-options') as typeof import('../../host/temporal/cli-options');
  const { purgeTemporal, formatTemporalPurgeReport } = require('../../audit/temporal-retention') as typeof import('../../audit/temporal-retention');
  const flags = temporalFlagsOf(opts);
  const engine = await temporalEngineFromFlags(flags, [], () => undefined, { attempts: 1, ...where });
  try {
    const report = await purgeTemporal(engine, engine.shared, { now: new Date(now).toISOString(), dryRun: opts.dryRun, keepHistories: opts.keepHistories, keyFile: flags.temporalKeyFile, taskQueue: settingsFromFlags(flags).taskQueue });
    out(opts.json ? JSON.stringify(report, null, 2) : formatTemporalPurgeReport(report));
    return report.skipped.length === 0 ? 0 : 1;
  } finally {
    await engine.close();
    await engine.shared?.close();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('purge')
    .description('delete personal data of ended sessions past their retention (privacy.retention); their hash chains still verify')
    .option('--data <dir>', 'data folder of the embedded engine', './data')
    .option('--key-file <file>', 'master key file (default <data>/master.key, or AMTSWEG_MASTER_KEY)')
    .option('--now <iso>', 'the time to judge retention against (default: now)')
    .option('--dry-run', 'only list what would be purged or reminded, and why')
    .option('--grace <duration>', 'time between the reminder about an open desk case and its purge (ISO 8601)', 'P14D')
    .option('--json', 'print the result as JSON')
    .option('--database <url>', 'shared store on PostgreSQL whose rows of purged sessions are deleted too (default AMTSWEG_DATABASE_URL)')
    .option('--temporal', 'purge finished Temporal sessions: shred their payload keys in the shared store, delete their workflow executions')
    .option('--keep-histories', 'with --temporal: leave the (then undecryptable) executions to the namespace retention');
  addTemporalFlags(cmd);
  cmd
    .addHelpText('after', '\nA completed or cancelled session is purged privacy.retention after its last activity (risk: high services keep\ntheir audit trail at least P6M). An open desk case gets a reminder first and is purged after --grace unless\nsomeone acts on it. Purged data is overwritten and the database compacted (no copy in the file or its WAL).\nRun it daily (cron, systemd timer).\nOn Temporal (--temporal): each finished session past retention loses its own payload key (crypto-shredding:\nevery copy of its history becomes undecryptable) and its workflow executions are deleted.\n\nExamples:\n  $ amtsweg purge --data ./data --dry-run\n  $ amtsweg purge --now 2027-01-01T00:00:00Z      judge retention as of that instant\n  $ amtsweg purge --temporal --database postgres://… --dry-run\n')
    .action(async (opts: PurgeOptions & Record<string, unknown>) => {
      if (opts.temporal) {
        process.exitCode = await runTemporalPurge(opts, (s) => process.stdout.write(`${s}\n`));
        return;
      }
      let purged: string[] = [];
      process.exitCode = runPurge(opts, (s) => process.stdout.write(`${s}\n`), (ids) => { purged = ids; });
      const url = storeUrlFrom(opts.database);
      if (!opts.dryRun && purged.length > 0) {
        const n = await forgetInSharedStore(url, purged);
        if (n > 0) process.stdout.write(`deleted the shared store's rows of ${n} purged session(s) in PostgreSQL\n`);
      }
    });
}
