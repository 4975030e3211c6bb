/**
 * `npm run bench`: runs the default benchmark modules (and flagged ones when their flag is
 * given), prints a table, and with --json merges the numbers into bench/results.json.
 * Flags: --json, --quick (short runs), --only=<name substring>[,<another>…], plus each module's own flag.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_MODULES } from './modules';
import { formatTable, mergeJson } from './report';
import type { BenchResult } from './types';
import { BENCH_BOOKING_LIMITS } from './bench-calendar';

/**
 * Ratios of figures from different modules of this run: the embedded turn against its floor (the
 * core step plus one raw SQLite transaction, both NORMAL; aim ≤ 3×).
 */
function derived(results: BenchResult[]): BenchResult[] {
  const v = (key: string) => results.find((r) => r.key === key)?.value;
  const out: BenchResult[] = [];
  const turn = v('embedded_turn_us_p50_normal');
  const core = v('core_step_us_p50');
  const raw = v('sqlite_raw_tx_per_s_normal');
  if (turn !== undefined && core !== undefined && raw !== undefined) {
    const floor = core + 1e6 / raw;
    out.push({ key: 'embedded_turn_cost_ratio_normal', value: turn / floor, unit: '×', note: `embedded_turn_us_p50_normal / (core_step_us_p50 + one raw NORMAL transaction = ${floor.toFixed(0)} µs); aim ≤ 3` });
  }
  // The same ratio in CPU time: on a shared machine wall times also count the waits for a core.
  const turnCpu = v('embedded_turn_cpu_us_p50_normal');
  const coreCpu = v('core_step_cpu_us_p50');
  const rawCpu = v('sqlite_raw_tx_cpu_us_normal');
  if (turnCpu !== undefined && coreCpu !== undefined && rawCpu !== undefined) {
    const floor = coreCpu + rawCpu;
    out.push({ key: 'embedded_turn_cpu_cost_ratio_normal', value: turnCpu / floor, unit: '×', note: `embedded_turn_cpu_us_p50_normal / (core_step_cpu_us_p50 + sqlite_raw_tx_cpu_us_normal = ${floor.toFixed(0)} µs); aim ≤ 3` });
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const root = join(__dirname, '..');
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
  const quick = flags.has('--quick');
  const tmp = mkdtempSync(join(tmpdir(), 'amtsweg-bench-'));
  process.env.AMTSWEG_LOG_LEVEL ??= 'warn';
  process.env.AMTSWEG_BOOKING_LIMITS ??= BENCH_BOOKING_LIMITS;
  const results: BenchResult[] = [];
  // Figures of a shared machine mean little without its load: recorded at the start and the end.
  const load = (when: string): BenchResult => ({ key: `bench_load_average_${when}`, value: loadavg()[0], unit: 'load', note: `1-minute load average at the ${when} of the run, on ${cpus().length} cores` });
  results.push(load('start'));
  let failed = 0;
  try {
    for (const mod of BENCH_MODULES) {
      if (mod.flag && !flags.has(mod.flag)) continue;
      if (only && !only.some((o) => mod.name.includes(o))) continue;
      process.stderr.write(`bench: ${mod.name} …\n`);
      try {
        results.push(...(await mod.run({ root, tmp: mkdtempSync(join(tmp, 'm-')), quick, log: (l) => process.stderr.write(l + '\n') })));
      } catch (err) {
        failed++;
        process.stderr.write(`bench: ${mod.name} failed: ${(err as Error).message}\n`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  results.push(...derived(results), load('end'));
  process.stdout.write(formatTable(results) + '\n');
  if (flags.has('--json')) {
    const file = join(root, 'bench', 'results.json');
    mergeJson(file, results, new Date().toISOString());
    process.stdout.write(`written: ${file}\n`);
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
