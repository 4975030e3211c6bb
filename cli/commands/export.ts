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
  const { exportTemporalWorkflow } = await import('../../audit/temporal-history');
  return exportTemporalWorkflow(workflowId, { flags: temporalFlagsOf(opts) as Record<string, unknown>, exportedAt: opts.now ?? new Date().toISOString(), sign: opts.sign ? loadPrivateKey(opts.sign) : undefined });
}

/** Runs the export; returns the file written. */
export async function runExport(id: string, opts: ExportOptions & Record<string, unknown>, out: (s: string) => void): Promise<string> {
  const exportedAt = opts.now ?? new Date().toISOString();
  try {
    const bundle = opts.temporal
      ? await exportTemporal(id, opts)
      : exportEmbeddedSession(opts.data, id, { exportedAt, keyFile: opts.keyFile, sign: opts.sign ? loadPrivateKey(opts.sign) : undefined });
    const file = opts.out ?? `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.audit.json`;
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, renderBundle(bundle), { mode: 0o600 });
    out(`wrote ${file}: session ${bundle.session.id} (${bundle.session.service}, ${bundle.session.status}), ${bundle.events.length} events${bundle.integrity.signature ? `, signed with key ${bundle.integrity.signature.keyId}` : ''}${bundle.purged ? ' (purged: chain only)' : ''}`);
    return file;
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
    .option('-o, --out <file>', 'bundle file to write (default <session>.audit.json)')
    .option('--sign <key.pem>', 'sign the bundle with this Ed25519 private key (openssl genpkey -algorithm ed25519)')
    .option('--temporal', 'export a Temporal workflow (the argument is its workflow id)')
    .option('--now <iso>', 'export time to record (default: now)');
  addTemporalFlags(cmd);
  cmd.addHelpText('after', '\nThe bundle holds personal data: store it like the case file it is (written with mode 0600).\n\nExamples:\n  $ amtsweg export s_abc123 --out case.json\n  $ amtsweg export s_abc123 --sign keys/audit.pem\n  $ amtsweg export --temporal amtsweg-s_abc123\n');
  cmd.action(async (id: string, opts: ExportOptions & Record<string, unknown>) => {
    await runExport(id, opts, (s) => process.stdout.write(`${s}\n`));
  });
}
