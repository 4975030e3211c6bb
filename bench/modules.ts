/** All benchmark modules. Add yours here; give it a `flag` if it should only run on request (e.g. --temporal). */
import { coreStepBench } from './core-step';
import { embeddedBench } from './embedded';
import { sqliteRawBench } from './sqlite-raw';
import { temporalBench } from './temporal';
import { auditBench } from './audit';
import { insightBench } from './insight';
import type { BenchModule } from './types';
import { validateBench } from './validate';
import { storeBench } from './store';
import { loadBench } from './load';

export const BENCH_MODULES: BenchModule[] = [coreStepBench, embeddedBench, sqliteRawBench, storeBench, validateBench, auditBench, insightBench, loadBench, temporalBench];
