/** `amtsweg purge`: deletes the personal data of sessions past their definition's retention (crypto-shredding). */
import type { Command } from 'commander';
import { AuditError } from '../../audit';
import { formatPurgeReport, purgeExpired } from '../../audit/purge';
import { EngineError } from '../../host/errors';
import { CliError, UsageError } from '../errors';

interface PurgeOptions { data: string; keyFile?: string; now?: string; dryRun?: boolean; json?: boolean }

export function runPurge(opts: PurgeOptions, out: (s: string) => void): number {
  const now = opts.now ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now: "${now}" is not an ISO 8601 instant; write it like 2026-12-31T00:00:00Z.`);
  try {
    const report = purgeExpired(opts.data, { now: new Date(now).toISOString(), keyFile: opts.keyFile, dryRun: opts.dryRun });
    out(opts.json ? JSON.stringify(report, null, 2) : formatPurgeReport(report));
    return report.purged.every((p) => p.chainOk) ? 0 : 1;
  } catch (e) {
    if (e instanceof AuditError || e instanceof EngineError) throw new CliError(e.message);
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('purge')
    .description('delete personal data of ended sessions past their retention (privacy.retention); their hash chains still verify')
    .option('--data <dir>', 'data folder of the embedded engine', './data')
    .option('--key-file <file>', 'master key file (default <data>/master.key, or AMTSWEG_MASTER_KEY)')
    .option('--now <iso>', 'the time to judge retention against (default: now)')
    .option('--dry-run', 'only list what would be purged')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nRun it daily (cron, systemd timer). A running engine keeps recently used data keys in memory until restart.\n\nExamples:\n  $ amtsweg purge --data ./data --dry-run\n  $ amtsweg purge --now 2027-01-01T00:00:00Z\n')
    .action((opts: PurgeOptions) => {
      process.exitCode = runPurge(opts, (s) => process.stdout.write(`${s}\n`));
    });
}
