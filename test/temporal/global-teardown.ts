/** Jest globalTeardown: stops this run's Temporal dev server. */
import { stopTestServer } from './server';
import { stopTestPostgres } from '../postgres/server';
import { stopImapServer } from '../imap/server';

export default async function globalTeardown(): Promise<void> {
  stopTestServer();
  stopTestPostgres();
  stopImapServer();
}
