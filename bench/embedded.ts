/**
 * embedded_turns_per_s: complete conversations through the embedded engine with durable
 * commits (start, every message, every action result counts as a turn), FULL and NORMAL.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedEngine } from '../host/embedded/embedded-engine';
import type { Synchronous } from '../host/embedded/db';
import { answerFor, fixtureService } from '../host/embedded/test-fixture';
import type { BenchModule, BenchResult } from './types';

export async function embeddedTurnsPerSecond(dataDir: string, synchronous: Synchronous, seconds: number): Promise<{ rate: number; conversations: number }> {
  mkdirSync(dataDir, { recursive: true });
  const engine = await createEmbeddedEngine({
    dataDir, services: [fixtureService()], today: '2026-11-20', scheduler: false, synchronous,
    keyFile: join(dataDir, 'master.key'),
  });
  let turns = 0;
  let conversations = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const { id } = await engine.createSession({ service: 'termin_test' });
    turns++;
    for (let i = 0; i < 20; i++) {
      const view = await engine.view(id);
      if (view.status !== 'active') break;
      await engine.sendMessage(id, answerFor(view.pending));
      turns++;
    }
    turns += (engine.db.prepare("SELECT COUNT(*) AS n FROM events WHERE session_id = ? AND type = 'effect.result'").get(id) as { n: number }).n;
    conversations++;
  }
  const rate = turns / ((performance.now() - t0) / 1000);
  await engine.close();
  return { rate, conversations };
}

export const embeddedBench: BenchModule = {
  name: 'embedded engine',
  async run(ctx) {
    const secs = ctx.quick ? 1 : 4;
    const full = await embeddedTurnsPerSecond(join(ctx.tmp, 'embedded-full'), 'FULL', secs);
    const normal = await embeddedTurnsPerSecond(join(ctx.tmp, 'embedded-normal'), 'NORMAL', secs);
    const out: BenchResult[] = [
      { key: 'embedded_turns_per_s', value: full.rate, unit: 'turns/s', note: `synchronous=FULL (default), ${full.conversations} conversations` },
      { key: 'embedded_turns_per_s_normal', value: normal.rate, unit: 'turns/s', note: `synchronous=NORMAL, ${normal.conversations} conversations` },
    ];
    return out;
  },
};
