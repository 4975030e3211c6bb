/**
 * embedded_turns_per_s: complete conversations through the embedded engine with durable
 * commits (start, every message, every action result counts as a turn), FULL and NORMAL; and
 * embedded_turn_us_p50/p99 (`_normal`): how long one citizen message takes through the engine, and
 * embedded_turn_cpu_us_p50_normal: the CPU time it takes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedEngine } from '../host/embedded/embedded-engine';
import type { Synchronous } from '../host/embedded/db';
import { answerFor, fixtureService } from '../host/embedded/test-fixture';
import { benchCalendarOptions } from './bench-calendar';
import { percentile, type BenchModule, type BenchResult } from './types';

export interface EmbeddedFigures {
  rate: number; conversations: number; completed: number;
  /** Wall time of each citizen message (sorted), and the process CPU time it took (sorted). */
  messageUs: number[]; messageCpuUs: number[];
}

/** Conversations before any message counts (JIT, statement cache), and at least this many after them. */
const WARMUP_CONVERSATIONS = 20;

/**
 * Runs conversations for `seconds`, and on a slow (shared) machine on until `minMeasured` of them
 * came after the warm-up, but never past `maxSeconds`: a time bound alone left a loaded machine
 * with few, barely warmed-up samples.
 */
export async function embeddedTurnsPerSecond(dataDir: string, synchronous: Synchronous, seconds: number, minMeasured = 0, maxSeconds = seconds): Promise<EmbeddedFigures> {
  mkdirSync(dataDir, { recursive: true });
  const engine = await createEmbeddedEngine({
    dataDir, services: [fixtureService()], today: '2026-11-20', scheduler: false, synchronous,
    keyFile: join(dataDir, 'master.key'), ...benchCalendarOptions(),
  });
  let turns = 0;
  let conversations = 0;
  let completed = 0;
  const messageUs: number[] = [];
  const messageCpuUs: number[] = [];
  const count = engine.db.prepare("SELECT COUNT(*) AS n FROM events WHERE session_id = ? AND type = 'effect.result'");
  const t0 = performance.now();
  const more = () => {
    const ms = performance.now() - t0;
    return ms < seconds * 1000 || (conversations < WARMUP_CONVERSATIONS + minMeasured && ms < maxSeconds * 1000);
  };
  while (more()) {
    const { id } = await engine.createSession({ service: 'termin_test' });
    turns++;
    let status = 'active';
    for (let i = 0; i < 20 && status === 'active'; i++) {
      const view = await engine.view(id);
      const text = answerFor(view.pending);
      const c0 = process.cpuUsage();
      const s0 = process.hrtime.bigint();
      status = (await engine.sendMessage(id, text)).status;
      // After the warm-up conversations: the JIT and the statement cache are what a running server has.
      if (conversations >= WARMUP_CONVERSATIONS) {
        messageUs.push(Number(process.hrtime.bigint() - s0) / 1000);
        const c = process.cpuUsage(c0);
        messageCpuUs.push(c.user + c.system);
      }
      turns++;
    }
    if (status === 'completed') completed++;
    turns += (count.get(id) as { n: number }).n;
    conversations++;
  }
  const rate = turns / ((performance.now() - t0) / 1000);
  await engine.close();
  return { rate, conversations, completed, messageUs: messageUs.sort((a, b) => a - b), messageCpuUs: messageCpuUs.sort((a, b) => a - b) };
}

export const embeddedBench: BenchModule = {
  name: 'embedded engine',
  async run(ctx) {
    const secs = ctx.quick ? 1 : 4;
    const min = ctx.quick ? 10 : 100;
    const full = await embeddedTurnsPerSecond(join(ctx.tmp, 'embedded-full'), 'FULL', secs, min, 60);
    const normal = await embeddedTurnsPerSecond(join(ctx.tmp, 'embedded-normal'), 'NORMAL', secs, min, 60);
    const note = (f: EmbeddedFigures, sync: string) => `synchronous=${sync}, ${f.conversations} conversations (${f.completed} booked)`;
    const out: BenchResult[] = [
      { key: 'embedded_turns_per_s', value: full.rate, unit: 'turns/s', note: note(full, 'FULL (default)') },
      { key: 'embedded_turns_per_s_normal', value: normal.rate, unit: 'turns/s', note: note(normal, 'NORMAL') },
      { key: 'embedded_turn_us_p50', value: percentile(full.messageUs, 50), unit: 'µs', note: `one citizen message through the engine (step, commit, and the booking when confirmed), ${full.messageUs.length} messages, FULL` },
      { key: 'embedded_turn_us_p50_normal', value: percentile(normal.messageUs, 50), unit: 'µs', note: `the same, NORMAL, ${normal.messageUs.length} messages` },
      { key: 'embedded_turn_us_p99_normal', value: percentile(normal.messageUs, 99), unit: 'µs', note: 'NORMAL' },
      { key: 'embedded_turn_cpu_us_p50_normal', value: percentile(normal.messageCpuUs, 50), unit: 'µs', note: 'process CPU time (user+system) of one citizen message, NORMAL: unlike wall time, not inflated by waiting for a core on a loaded machine' },
    ];
    return out;
  },
};
