/** sqlite_raw_tx_per_s: bare better-sqlite3 single-row insert transactions with the engine's pragmas. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { applyPragmas, type Synchronous } from '../host/embedded/db';
import type { BenchModule, BenchResult } from './types';

export function rawTxPerSecond(file: string, synchronous: Synchronous, seconds: number): number {
  return rawTx(file, synchronous, seconds).rate;
}

/** Transactions per second, and the process CPU time per transaction (µs). */
export function rawTx(file: string, synchronous: Synchronous, seconds: number): { rate: number; cpuUs: number } {
  const db = new Database(file);
  applyPragmas(db, synchronous);
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  const tx = db.transaction((b: Buffer) => insert.run(b));
  const payload = Buffer.alloc(512, 1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) {
    tx(payload);
    n++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  db.close();
  return { rate, cpuUs: (c.user + c.system) / n };
}

export const sqliteRawBench: BenchModule = {
  name: 'sqlite raw',
  async run(ctx) {
    const secs = ctx.quick ? 0.5 : 2;
    const out: BenchResult[] = [
      { key: 'sqlite_raw_tx_per_s', value: rawTxPerSecond(join(ctx.tmp, 'raw-full.db'), 'FULL', secs), unit: 'tx/s', note: 'WAL, synchronous=FULL (engine default)' },
    ];
    const normal = rawTx(join(ctx.tmp, 'raw-normal.db'), 'NORMAL', secs);
    out.push(
      { key: 'sqlite_raw_tx_per_s_normal', value: normal.rate, unit: 'tx/s', note: 'WAL, synchronous=NORMAL' },
      { key: 'sqlite_raw_tx_cpu_us_normal', value: normal.cpuUs, unit: 'µs', note: 'process CPU time per raw NORMAL transaction' },
    );
    return out;
  },
};
