/**
 * `amtsweg replay <bundles...>`: recomputes each case through the pure core and compares it with
 * the record. `--against new.yaml` runs the recorded citizen facts under another definition and
 * reports which cases change (what-if).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import {
  AuditError, IntegrityError, formatReplayReport, formatWhatIf, loadDefinitionFile, loadPublicKey, loadTrustList, readCheckedBundle, replayBundle, whatIf,
  type AuditBundle, type ReadOptions, type ReplayReport,
} from '../../audit';
import { CliError, UsageError } from '../errors';
import { sessionKeyStoreOf } from './export';

/** Exit code when every case is intact but some were purged after retention (nothing to recompute). */
export const EXIT_PURGED = 3;

interface ReplayOptions {
  against?: string; json?: boolean; publicKey?: string; history?: boolean; temporalKeyFile?: string;
  trustedKeys?: string; requireSignature?: boolean; data?: string; database?: string;
}

/** The trust list: --trusted-keys, else AMTSWEG_TRUSTED_KEYS (a PEM file of public keys or a folder of them); --public-key adds one. */
export function trustOptions(opts: { publicKey?: string; trustedKeys?: string; requireSignature?: boolean }, env: NodeJS.ProcessEnv = process.env): ReadOptions {
  try {
    const list = opts.trustedKeys ?? env.AMTSWEG_TRUSTED_KEYS;
    const trusted = [...(list ? loadTrustList(list) : []), ...(opts.publicKey ? [loadPublicKey(opts.publicKey)] : [])];
    return { trusted, requireSignature: Boolean(opts.requireSignature || opts.publicKey) };
  } catch (e) {
    if (e instanceof AuditError) throw new UsageError(e.message);
    throw e;
  }
}

function isHistoryFile(file: string): boolean {
  try {
    const head = fs.readFileSync(file, 'utf8').slice(0, 4000);
    return /"eventType"|"workflowExecutionStartedEventAttributes"/.test(head) && !/"format":\s*"amtsweg\.audit-bundle"/.test(head);
  } catch {
    return false;
  }
}

async function replayHistoryFile(file: string, opts: ReplayOptions): Promise<ReplayReport> {
  // require, not import(): under tsx/cjs a dynamic import() of a .ts path fails ("Cannot find module").
  const { replayTemporalHistory } = require('../../audit/temporal-history') as typeof import('../../audit/temporal-history');
  const { openSessionKeys } = require('../../host/temporal/session-keys') as typeof import('../../host/temporal/session-keys');
  const { loadKeyRing } = require('../../host/temporal/codec') as typeof import('../../host/temporal/codec');
  // Per-session payload keys live in the shared store serve and workers use.
  const keys = await openSessionKeys(sessionKeyStoreOf({ data: opts.data ?? './data', database: opts.database }), loadKeyRing({ keyFile: opts.temporalKeyFile }));
  try {
    return await replayTemporalHistory(file, { keyFile: opts.temporalKeyFile, sessionKeys: keys?.keys });
  } finally {
    await keys?.close();
  }
}

/** Runs replay or what-if; returns the exit code. */
export async function runReplay(files: string[], opts: ReplayOptions, out: (s: string) => void): Promise<number> {
  if (files.length === 0) throw new UsageError('Pass one or more audit bundles (written by `amtsweg export`) or Temporal history JSON files.');
  const trust = trustOptions(opts);
  const failures: { file: string; message: string; integrity?: string }[] = [];
  const bundles: { file: string; bundle: AuditBundle }[] = [];
  const reports: ReplayReport[] = [];
  for (const file of files) {
    const history = opts.history || isHistoryFile(file);
    try {
      if (history) {
        if (opts.against) throw new AuditError('history_what_if', `${file}: what-if works on audit bundles; export the workflow first with \`amtsweg export --temporal <workflow-id>\`.`);
        reports.push(await replayHistoryFile(file, opts));
        continue;
      }
      const { bundle, signature } = readCheckedBundle(file, trust);
      if (opts.against) bundles.push({ file, bundle });
      else reports.push({ ...replayBundle(bundle, file), signature });
    } catch (e) {
      // Key and connection problems of the Temporal side are reported per file like broken bundles.
      if (!(e instanceof AuditError) && !(history && e instanceof Error)) throw e;
      failures.push({
        file, message: e instanceof AuditError ? e.message : `${file}: ${(e as Error).message.split('\n')[0]}`,
        ...(e instanceof IntegrityError ? { integrity: `the ${e.check} check failed${e.section ? ` in section ${e.section}` : ''}${e.seq ? ` at event ${e.seq}` : ''}: the bundle was changed after export` } : {}),
      });
    }
  }
  if (opts.against) {
    let compiled;
    try {
      compiled = loadDefinitionFile(opts.against);
    } catch (e) {
      if (e instanceof AuditError) throw new CliError(e.message, 1, (e as { details?: string }).details);
      throw e;
    }
    // What-if output never carries personal data: a broken file is named by the check that failed, not its values.
    const unreadable = failures.map((f) => ({ file: f.file, message: f.integrity ? `${f.file}: ${f.integrity}` : f.message }));
    const report = whatIf(bundles, compiled, opts.against, unreadable);
    out(opts.json ? JSON.stringify(report, null, 2) : formatWhatIf(report));
    return report.failed > 0 ? 1 : 0;
  }
  const ok = reports.filter((r) => r.ok).length;
  const purged = reports.filter((r) => r.purged).length;
  const differ = reports.length - ok - purged;
  const code = failures.length > 0 || differ > 0 ? 1 : purged > 0 ? EXIT_PURGED : 0;
  if (opts.json) out(JSON.stringify({ ok: code === 0, exitCode: code, replayed: reports.length, matched: ok, purged, reports, failures }, null, 2));
  else {
    for (const r of reports) out(formatReplayReport(r));
    for (const f of failures) out(`FAIL ${f.message}`);
    out(`\n${reports.length + failures.length} case(s): ${ok} replayed identically, ${differ} differ, ${purged} purged (chain intact), ${failures.length} could not be checked.`);
  }
  return code;
}

export function register(program: Command): void {
  program
    .command('replay')
    .description('replay audit bundles (or Temporal histories) through the same core: exit 0 only if every decision is reproduced')
    .argument('<files...>', 'audit bundles (amtsweg export) or Temporal history JSON files')
    .option('--against <definition.yaml>', 'what-if: run the recorded citizen facts under this definition and list the cases that change')
    .option('--json', 'print the result as JSON')
    .option('--trusted-keys <file-or-dir>', 'trust list: PEM public keys (one file, or a folder of *.pem); a signed bundle must be signed by one of them (default AMTSWEG_TRUSTED_KEYS)')
    .option('--require-signature', 'refuse unsigned bundles')
    .option('--public-key <pem>', 'require each bundle to be signed by this Ed25519 key (adds it to the trust list)')
    .option('--history', 'treat the files as Temporal history JSON (detected automatically otherwise)')
    .option('--temporal-key-file <file>', 'payload keys to decode Temporal histories (or AMTSWEG_TEMPORAL_KEYS)')
    .option('--data <dir>', 'Temporal histories: data folder whose store.db holds the sessions\' payload keys', './data')
    .option('--database <url>', 'Temporal histories: the shared store (PostgreSQL) holding the sessions\' payload keys (default AMTSWEG_DATABASE_URL)')
    .addHelpText('after', '\nExit codes: 0 all cases reproduced (what-if: all could be evaluated), 1 a difference or a broken file, 2 wrong usage, 3 all intact but some purged after retention (chain verified, nothing to recompute).\n\nExamples:\n  $ amtsweg replay case.json\n  $ amtsweg replay --public-key audit.pub.pem cases/*.json\n  $ amtsweg replay --trusted-keys keys/ --require-signature cases/*.json\n  $ amtsweg replay --against definitions/personalausweis.yaml cases/*.json --json\n')
    .action(async (files: string[], opts: ReplayOptions) => {
      process.exitCode = await runReplay(files, opts, (s) => process.stdout.write(`${s}\n`));
    });
}
