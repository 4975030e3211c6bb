/**
 * insight_facts_ms_per_session: the desk's insight page computes its figures by decrypting and
 * replaying every session's recorded events; this is what one session costs (conversations of
 * 4–6 messages through the embedded engine on SQLite).
 */
import { join } from 'node:path';
import { createEmbeddedEngine } from '../host/embedded/embedded-engine';
import { answerFor, fixtureService } from '../host/embedded/test-fixture';
import type { BenchModule } from './types';

export const insightBench: BenchModule = {
  name: 'desk insight',
  async run(ctx) {
    const dataDir = join(ctx.tmp, 'insight');
    const engine = await createEmbeddedEngine({ dataDir, services: [fixtureService()], today: '2026-11-20', scheduler: false, synchronous: 'NORMAL', keyFile: join(dataDir, 'master.key') });
    const sessions = ctx.quick ? 30 : 200;
    for (let n = 0; n < sessions; n++) {
      const { id } = await engine.createSession({ service: 'termin_test' });
      for (let i = 0; i < 20; i++) {
        const view = await engine.view(id);
        if (view.status !== 'active') break;
        await engine.sendMessage(id, n % 4 === 0 && i === 1 ? 'blau' : answerFor(view.pending));
      }
    }
    const t0 = performance.now();
    const facts = await engine.insightFacts?.({}) ?? [];
    const ms = performance.now() - t0;
    await engine.close();
    return [{ key: 'insight_facts_ms_per_session', value: ms / Math.max(1, facts.length), unit: 'ms', note: `${facts.length} sessions replayed in ${Math.round(ms)} ms` }];
  },
};
