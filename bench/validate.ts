/** validate_ms_per_definition: loadServiceFile (parse, validate, compile) over definitions/*.yaml. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule } from './types';

export const validateBench: BenchModule = {
  name: 'validate definitions',
  async run(ctx) {
    const dir = join(ctx.root, 'definitions');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !/\.scenarios\.ya?ml$/.test(f)).map((f) => join(dir, f));
    if (files.length === 0) return [];
    const { loadServiceFile } = require('../catalog') as typeof import('../catalog');
    const rounds = ctx.quick ? 3 : 20;
    for (const f of files) loadServiceFile(f); // warm-up
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const f of files) loadServiceFile(f);
    const ms = (performance.now() - t0) / (rounds * files.length);
    return [{ key: 'validate_ms_per_definition', value: ms, unit: 'ms', note: `${files.length} definitions × ${rounds} rounds` }];
  },
};
