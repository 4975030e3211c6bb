/** `amtsweg export <session>`: writes one case as an audit bundle (JSON, hash-chained, optionally signed). */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AuditError, exportEmbeddedSession, loadPrivateKey, renderBundle } from '../../audit';
import { EngineError } from '../../host/errors';
import { CliError } from '../errors';
import { addTemporalFlags, temporalFlagsOf } from '../temporal-flags';

interface ExportOptions { data: string; keyFile?: string; out?: string; sign?: string; temporal?: boolean; now?: string }

async function exportTemporal(workflowId: string, opts: ExportOptions & Record<string, unknown>) {
  // require, not import(): under tsx/cjs a dynamic import() of a .ts path fails ("Cannot find module").
  const { exportTemporalWorkflow } = require('../../audit/temporal-history') as typeof import('../../audit/temporal-history');
  return exportTemporalWorkflow(workflowId, { flags: temporalFlagsOf(opts) as Record<string, unknown>, exportedAt: opts.now ?? new Date().toISOString(), sign: opts.sign ? loadPrivateKey(opts.sign) : undefined });
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

export function register(program: Command): void {
  const cmd = program
    .command('export')
    .description('write one case as an audit bundle: definition, events, slots with evidence, rules with legal basis, effects, outcome, hash chain')
    .argument('<session>', 'session id (embedded) or workflow id (with --temporal)')
    .option('--data <dir>', 'data folder of the embedded engine', './data')
    .option('--key-file <file>', 'master key file (default <data>/master.key, or AMTSWEG_MASTER_KEY)')
    .option('-o, --out <file>', 'bundle file to write; - for standard output (default: standard output when it is not a terminal, else <session>.audit.json)')
    .option('--sign <key.pem>', 'sign the bundle with this Ed25519 private key (openssl genpkey -algorithm ed25519)')
    .option('--temporal', 'export a Temporal workflow (the argument is its workflow id)')
    .option('--now <iso>', 'export time to record (default: now)');
  addTemporalFlags(cmd);
  cmd.addHelpText('after', '\nThe bundle holds personal data: store it like the case file it is (written with mode 0600).\n\nExit codes: 0 written, 1 error, 3 the case was purged after retention (a chain-only bundle was written).\n\nExamples:\n  $ amtsweg export s_abc123 --out case.json\n  $ amtsweg export s_abc123 --sign keys/audit.pem > case.json\n  $ amtsweg export s_abc123 -o - | gzip > case.json.gz\n  $ amtsweg export --temporal amtsweg-s_abc123\n');
  cmd.action(async (id: string, opts: ExportOptions & Record<string, unknown>) => {
    const r = await runExport(id, opts, {
      write: (s) => process.stdout.write(s),
      note: (s) => process.stderr.write(`${s}\n`),
      stdoutIsTty: Boolean(process.stdout.isTTY),
    });
    process.exitCode = r.code;
  });
}
