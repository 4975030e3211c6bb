/**
 * Read access to an embedded engine's data folder for the audit tools, without starting an
 * engine (which would resume pending actions and fire due timers: an export must not act).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadMasterKey } from '../platform/crypto';
import { openDatabase } from '../host/embedded/db';
import { SessionStore } from '../host/embedded/store';
import { ExportError } from './errors';

export interface AuditStore { db: Database; store: SessionStore; close(): void }

/** Opens `<dataDir>/amtsweg.db` with the master key (AMTSWEG_MASTER_KEY or the key file). */
export function openAuditStore(dataDir: string, keyFile?: string): AuditStore {
  if (!existsSync(join(dataDir, 'amtsweg.db'))) {
    throw new ExportError('no_data', `There is no amtsweg database in ${dataDir}. Pass the data folder of the engine with --data DIR (default ./data).`);
  }
  const file = keyFile ?? join(dataDir, 'master.key');
  if (!process.env.AMTSWEG_MASTER_KEY && !existsSync(file)) {
    throw new ExportError('no_key', `No master key: neither AMTSWEG_MASTER_KEY is set nor ${file} exists. Use the key the engine ran with.`);
  }
  const master = loadMasterKey(file);
  const db = openDatabase(dataDir);
  // The store only needs a sealer for the outbox, which the audit tools never write.
  const sealer = { seal: (): Buffer => { throw new Error('read-only'); }, open: (): string => { throw new Error('read-only'); } };
  const store = new SessionStore(db, master, sealer);
  return { db, store, close: () => db.close() };
}
