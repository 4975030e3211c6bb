/**
 * The databases the store contract suite runs on: SQLite in a temp folder, and PostgreSQL — a
 * real server from Debian's packages, started once per jest run (test/postgres/server.ts), with
 * a fresh database per suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SharedStore } from '../../store';
import { createTestDatabase } from '../postgres/server';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A URL for processes of their own (sqlite:<file> or postgres://…). */
  url(): Promise<string>;
  open(): Promise<SharedStore>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-store-'));
  return {
    name: 'sqlite',
    url: async () => `sqlite:${join(dir, 'store.db')}`,
    open: () => openStore({ dataDir: dir }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): Backend {
  let url: Promise<string> | undefined;
  const get = () => (url ??= createTestDatabase());
  return {
    name: 'postgres',
    url: get,
    open: async () => openStore({ url: await get() }),
    cleanup: async () => undefined,
  };
}

export const BACKENDS: (() => Backend)[] = [sqliteBackend, postgresBackend];
