/** Contract of one benchmark module. Modules are listed in `modules.ts`; opt-in ones have a flag. */
export interface BenchResult {
  /** Key in bench/results.json, e.g. core_step_us_p50. */
  key: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** A fresh temporary folder the module may use. */
  tmp: string;
  /** Smaller runs (CI smoke). */
  quick: boolean;
  log: (line: string) => void;
}

export interface BenchModule {
  name: string;
  /** Runs only when this flag is given (e.g. "--temporal"); default modules have none. */
  flag?: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** Percentile (0..100) of a sorted array, nearest-rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
