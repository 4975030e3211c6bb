/** `amtsweg export <session>`: writes one case as an audit bundle (JSON, hash-chained, optionally signed). */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AuditError, exportEmbeddedSession, loadPrivateKey, renderBundle } from '../../audit';
import { EngineError } from '../../host/errors';
import { CliError, UsageError } from '../errors';
import { addTemporalFlags, temporalFlagsOf } from '../temporal-flags';
import { storeUrlFrom } from '../../store/open';

interface ExportOptions {
  data: string; keyFile?: string; out?: string; sign?: string; temporal?: boolean; now?: string; database?: string;
  finished?: boolean; since?: string; until?: string;
}

/** Where the Temporal sessions' payload keys are: --database / AMTSWEG_DATABASE_URL, else `<data>/store.db` if it exists. */
export function sessionKeyStoreOf(opts: { data?: string; database?: string }): { dataDir?: string; databaseUrl?: string } {
  const databaseUrl = storeUrlFrom(opts.database);
  if (databaseUrl) return { databaseUrl };
  return opts.data && fs.existsSync(path.join(opts.data, 'store.db')) ? { dataDir: opts.data } : {};
}

async function exportTemporal(workflowId: string, opts: ExportOptions & Record<string, unknown>) {
  // require, not import(): under tsx/cjs a dynamic import() of a .ts path fails ("Cannot find module").
  const { exportTemporalWorkflow } = require('../../audit/temporal-history') as typeof import('../../audit/temporal-history');
  return exportTemporalWorkflow(workflowId, {
    flags: temporalFlagsOf(opts) as Record<string, unknown>, exportedAt: opts.now ?? new Date().toISOString(), sign: opts.sign ? loadPrivateKey(opts.sign) : undefined,
    ...sessionKeyStoreOf(opts),
  });
}

/** Where the bundle goes: a file, or standard output (`-o -`, or no -o and stdout is not a terminal). */
export function exportTarget(id: string, out: string | undefined, stdoutIsTty: boolean): string | '-' {
  if (out === '-') return '-';
  if (out) return out;
  return stdoutIsTty ? `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.audit.json` : '-';
}

export interface ExportResult { target: string | '-'; purged: boolean; code: number }

/** Exit code of an export of a purged case: the chain is intact, the personal data is gone. */
export const EXIT_EXPORT_PURGED = 3;

/**
 * Runs the export. The bundle goes to `write` when the target is standard output; the summary
 * line goes to `note` (standard error then, so it never ends up inside the bundle).
 */
export async function runExport(id: string, opts: ExportOptions & Record<string, unknown>, io: { write(s: string): void; note(s: string): void; stdoutIsTty: boolean }): Promise<ExportResult> {
  const exportedAt = opts.now ?? new Date().toISOString();
  try {
    const bundle = opts.temporal
      ? await exportTemporal(id, opts)
      : exportEmbeddedSession(opts.data, id, { exportedAt, keyFile: opts.keyFile, sign: opts.sign ? loadPrivateKey(opts.sign) : undefined });
    const target = exportTarget(id, opts.out, io.stdoutIsTty);
    const summary = `session ${bundle.session.id} (${bundle.session.service}, ${bundle.session.status}), ${bundle.events.length} events${bundle.integrity.signature ? `, signed with key ${bundle.integrity.signature.keyId}` : ', unsigned'}${bundle.purged ? '; purged after retention: chain intact, no personal data' : ''}`;
    if (target === '-') {
      io.write(renderBundle(bundle));
      io.note(`exported ${summary}`);
    } else {
      fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
      fs.writeFileSync(target, renderBundle(bundle), { mode: 0o600 });
      io.note(`wrote ${target}: ${summary}`);
    }
    return { target, purged: bundle.purged, code: bundle.purged ? EXIT_EXPORT_PURGED : 0 };
  } catch (e) {
    if (e instanceof AuditError || e instanceof EngineError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * `export --finished --since <iso> --out <dir>`: a bundle per Temporal session that completed in
 * the window, before the namespace retention deletes its history; existing bundles stay.
 */
export async function runExportFinished(opts: ExportOptions & Record<string, unknown>, note: (s: string) => void): Promise<number> {
  if (!opts.since || Number.isNaN(Date.parse(opts.since))) throw new UsageError('export --finished needs --since <ISO instant> (e.g. 2026-12-01T00:00:00Z): the start of the window of finished sessions.');
  if (opts.until !== undefined && Number.isNaN(Date.parse(opts.until))) throw new UsageError(`--until: "${opts.until}" is not an ISO 8601 instant.`);
  if (!opts.out || opts.out === '-') throw new UsageError('export --finished writes one bundle per session: give a folder with --out <dir>.');
  const { temporalEngineFromFlags, settingsFromFlags } = require('../../host/temporal/cli-options') as typeof import('../../host/temporal/cli-options');
  const { exportFinished } = require('../../audit/temporal-retention') as typeof import('../../audit/temporal-retention');
  const flags = temporalFlagsOf(opts);
  const engine = await temporalEngineFromFlags(flags, [], () => undefined, { attempts: 1, ...sessionKeyStoreOf(opts) });
  try {
    const r = await exportFinished(engine, {
      since: opts.since, until: opts.until, outDir: opts.out, exportedAt: opts.now ?? new Date().toISOString(),
      sign: opts.sign ? loadPrivateKey(opts.sign) : undefined, keyFile: flags.temporalKeyFile, taskQueue: settingsFromFlags(flags).taskQueue,
    });
    for (const f of r.written) note(`wrote ${f}`);
    for (const f of r.failed) note(`failed ${f.id}: ${f.reason}`);
    note(`${r.written.length} bundle(s) written, ${r.existing.length} already there, ${r.failed.length} failed, in ${opts.out}`);
    return r.failed.length === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof AuditError || e instanceof EngineError) throw new CliError(e.message);
    throw e;
  } finally {
    await engine.close();
    await engine.shared?.close();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('export')
    .description('write one case as an audit bundle: definition, events, slots with evidence, rules with legal basis, effects, outcome, hash chain')
    .argument('[session]', 'session id (embedded) or workflow id (with --temporal); none with --finished')
    .option('--data <dir>', 'data folder of the embedded engine', './data')
    .option('--key-file <file>', 'master key file (default <data>/master.key, or AMTSWEG_MASTER_KEY)')
    .option('-o, --out <file>', 'bundle file to write; - for standard output (default: standard output when it is not a terminal, else <session>.audit.json)')
    .option('--sign <key.pem>', 'sign the bundle with this Ed25519 private key (openssl genpkey -algorithm ed25519)')
    .option('--temporal', 'export a Temporal workflow (the argument is its workflow id)')
    .option('--database <url>', 'with --temporal: the shared store holding the sessions\' payload keys (default AMTSWEG_DATABASE_URL, else <data>/store.db)')
    .option('--now <iso>', 'export time to record (default: now)')
    .option('--finished', 'Temporal: export every session that completed since --since into the folder --out (before the namespace retention deletes histories)')
    .option('--since <iso>', 'with --finished: start of the window (CloseTime >= since)')
    .option('--until <iso>', 'with --finished: end of the window (CloseTime < until)');
  addTemporalFlags(cmd);
  cmd.addHelpText('after', '\nThe bundle holds personal data: store it like the case file it is (written with mode 0600).\n\nExit codes: 0 written, 1 error, 3 the case was purged after retention (a chain-only bundle was written).\n\nExamples:\n  $ amtsweg export s_abc123 --out case.json\n  $ amtsweg export s_abc123 --sign keys/audit.pem > case.json\n  $ amtsweg export s_abc123 -o - | gzip > case.json.gz\n  $ amtsweg export --temporal amtsweg-s_abc123\n  $ amtsweg export --finished --since 2026-12-01T00:00:00Z --out /var/lib/amtsweg/bundles   daily, within the namespace retention\n');
  cmd.action(async (id: string | undefined, opts: ExportOptions & Record<string, unknown>) => {
    if (opts.finished) {
      process.exitCode = await runExportFinished(opts, (s) => process.stderr.write(`${s}\n`));
      return;
    }
    if (!id) throw new UsageError('Name the session to export, or use --finished --since <iso> --out <dir> for all finished Temporal sessions.');
    const r = await runExport(id, opts, {
      write: (s) => process.stdout.write(s),
      note: (s) => process.stderr.write(`${s}\n`),
      stdoutIsTty: Boolean(process.stdout.isTTY),
    });
    process.exitCode = r.code;
  });
}
