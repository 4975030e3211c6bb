/** core_step_us_p50/p99: typical citizen-message turns through the pure `step`, no I/O. */
import { step } from '../core/session';
import type { SessionSnapshot } from '../core/session/types';
import { answerFor, fixtureService } from '../host/embedded/test-fixture';
import { percentile, type BenchModule } from './types';

export const coreStepBench: BenchModule = {
  name: 'core step',
  async run(ctx) {
    const compiled = fixtureService();
    // Steady state is what a long-running server sees: warm the JIT first, then measure.
    const warmup = ctx.quick ? 10 : 300;
    const conversations = warmup + (ctx.quick ? 40 : 500);
    const samples: number[] = [];
    const cpu: number[] = [];
    let base = Date.parse('2026-11-20T09:00:00Z');
    for (let c = 0; c < conversations; c++) {
      const now = () => new Date((base += 1000)).toISOString();
      let snap: SessionSnapshot = step(compiled, null, { type: 'start', sessionId: `b${c}`, referenceDate: '2026-11-20', channel: 'api' }, now()).snapshot;
      for (let i = 0; i < 20 && snap.status === 'active'; i++) {
        if (snap.pending?.kind === 'effect') {
          const effectId = snap.pending.effectId;
          snap = step(compiled, snap, { type: 'effect.result', effectId, ok: true, result: { booking: 'GE-BENCH', beginn: '2026-11-24T08:00', location_name: 'Buer' } }, now()).snapshot;
          continue;
        }
        const text = answerFor(snap.pending);
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        snap = step(compiled, snap, { type: 'message', text }, now()).snapshot;
        if (c >= warmup) {
          samples.push(Number(process.hrtime.bigint() - t0) / 1000);
          const u = process.cpuUsage(c0);
          cpu.push(u.user + u.system);
        }
      }
    }
    samples.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const note = `${samples.length} message turns of the fixture service after ${warmup} warm-up conversations`;
    return [
      { key: 'core_step_us_p50', value: percentile(samples, 50), unit: 'µs', note },
      { key: 'core_step_us_p99', value: percentile(samples, 99), unit: 'µs', note },
      { key: 'core_step_cpu_us_p50', value: percentile(cpu, 50), unit: 'µs', note: `process CPU time of one such step (${note})` },
    ];
  },
};
