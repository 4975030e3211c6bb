/** Shared helpers of the engine tests (not a test file). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedEngine } from './embedded-engine';
import type { EmbeddedEngine, EmbeddedEngineOptions } from './options';
import { answerFor, fixtureService } from './test-fixture';

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'amtsweg-engine-'));
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-20T09:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => { t += ms; }, iso: () => new Date(t).toISOString() };
}

export function openEngine(dataDir: string, extra: Partial<EmbeddedEngineOptions> = {}): Promise<EmbeddedEngine> {
  return createEmbeddedEngine({
    dataDir, services: [fixtureService(), fixtureService({ action: 'test.action', service: 'termin_action' })], today: '2026-11-20', scheduler: false,
    retry: { attempts: 3, baseDelayMs: 1 }, ...extra,
  });
}

/** Plays the citizen until the session leaves `active` or `untilPending` says stop. */
export async function converse(engine: EmbeddedEngine, id: string, stop?: (pending: unknown) => boolean, maxTurns = 20): Promise<string[]> {
  const said: string[] = [];
  for (let i = 0; i < maxTurns; i++) {
    const view = await engine.view(id);
    if (view.status !== 'active' || (stop && stop(view.pending))) return said;
    const answer = answerFor(view.pending);
    said.push(answer);
    await engine.sendMessage(id, answer);
  }
  throw new Error(`conversation did not finish in ${maxTurns} turns; last pending: ${JSON.stringify((await engine.view(id)).pending)}`);
}

/** Rows of the engine's shared store (its SQLite file), read on a connection of their own. */
export function sharedRows<T = Record<string, unknown>>(engine: EmbeddedEngine, query: string, ...params: unknown[]): T[] {
  const db = new Database(engine.shared.location.replace(/^sqlite:/, ''), { readonly: true });
  try { return db.prepare(query).all(...params) as T[]; } finally { db.close(); }
}
