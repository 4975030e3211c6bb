/**
 * Test harness for Temporal suites: in-process workers (one task queue per reference date, so the
 * calendar's "today" matches) and Temporal engines against this run's dev server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledService } from '../../core/session/types';
import { randomKeyRing, type KeyRing } from '../../host/temporal/codec';
import { createTemporalEngine, type TemporalEngine, type TemporalEngineOptions } from '../../host/temporal/engine';
import { startWorker, type RunningWorker } from '../../host/temporal/worker';
import { storeSessionKeys, type SessionKeys } from '../../host/temporal/session-keys';
import { openStore, type SharedStore } from '../../store';
import { testTemporalAddress } from './server';

export interface TemporalHarness {
  address: string;
  ring: KeyRing;
  /**
   * The per-session payload keys every harness worker and engine uses (in `keysDir/store.db`),
   * as serve and workers share them through one store in production.
   */
  sessionKeys: SessionKeys;
  keyStore: SharedStore;
  keysDir: string;
  /** An engine (and its worker) whose reference date and calendar "today" is `today`. */
  engineFor(today: string, extra?: Partial<TemporalEngineOptions>): Promise<TemporalEngine>;
  /** The task queue of the default worker for `today` (for engines built by a test itself). */
  taskQueueFor(today: string): Promise<string>;
  close(): Promise<void>;
}

export async function temporalHarness(services: CompiledService[]): Promise<TemporalHarness> {
  const address = await testTemporalAddress();
  const ring = randomKeyRing('test');
  const workers: RunningWorker[] = [];
  const engines = new Map<string, TemporalEngine>();
  const dirs: string[] = [];
  const queues = new Map<string, string>();
  const keysDir = mkdtempSync(join(tmpdir(), 'amtsweg-tkeys-'));
  dirs.push(keysDir);
  const keyStore = await openStore({ dataDir: keysDir });
  const sessionKeys = storeSessionKeys(keyStore.payloadKeys, ring);

  /** One worker (and calendar database) per date and engine options, so suites do not share bookings. */
  async function queueFor(today: string, key: string): Promise<string> {
    let q = queues.get(key);
    if (!q) {
      q = `test-${today}-${randomUUID()}`;
      const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-tw-'));
      dirs.push(dataDir);
      workers.push(await startWorker({ address, taskQueue: q, dataDir, keyRing: ring, today, sessionKeys, log: () => {} }));
      queues.set(key, q);
    }
    return q;
  }

  return {
    address,
    ring,
    sessionKeys,
    keyStore,
    keysDir,
    async engineFor(today, extra = {}) {
      const key = `${today}|${JSON.stringify(extra)}`;
      let e = engines.get(key);
      if (!e) {
        // A worker just started for this queue may take long to accept its first task on a loaded
        // 2-core CI machine; the accept deadline itself is tested in outage.test.ts.
        e = await createTemporalEngine({ address, taskQueue: await queueFor(today, key), services, today, keyRing: ring, sessionKeys, acceptTimeoutMs: 60_000, ...extra });
        engines.set(key, e);
      }
      return e;
    },
    taskQueueFor: (today) => queueFor(today, `${today}|${JSON.stringify({})}`),
    async close() {
      for (const e of engines.values()) await e.close();
      for (const w of workers) await w.shutdown();
      await keyStore.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Replaces what legitimately differs between two runs (ids, instants, booking numbers) by placeholders. */
export function normalize(value: unknown, sessionId: string): unknown {
  const text = JSON.stringify(value ?? null)
    .split(sessionId).join('<session>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<instant>')
    .replace(/GE-[A-Z2-9]{8}/g, '<booking>');
  return JSON.parse(text);
}
