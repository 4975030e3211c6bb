/**
 * `amtsweg test`: finds `*.scenarios.yaml` files, runs each against its definition on a fresh
 * embedded engine (temporary SQLite file per reference date), and measures coverage from the
 * sessions' audit trails.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fromCalendarData } from '../activities/calendar';
import { CALENDAR_FILE, loadCalendarFile, loadCatalog } from '../catalog';
import type { CompiledService, SessionSnapshot, TrailEntry } from '../core/session/types';
import { createEmbeddedEngine, type EmbeddedEngine } from '../host/embedded';
import { addCoverage, addValueCoverage, coverageReport, coverageUniverse, emptyCovered, type Covered, type CoverageReport } from './coverage';
import { loadScenarioFile, runScenarioFile, type ScenarioResult } from './run';

export interface FileResult { file: string; service: string; results: ScenarioResult[]; error?: string }
export interface TestReport { files: FileResult[]; coverage: CoverageReport[]; passed: number; failed: number; errors: number }

/** Scenario files of the given paths: folders are searched, a definition brings its scenario files. */
export function scenarioFiles(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.scenarios\.ya?ml$/i.test(f)) out.add(join(p, f));
    } else if (/\.scenarios\.ya?ml$/i.test(p)) out.add(p);
    else {
      const stem = basename(p).replace(/\.ya?ml$/i, '');
      for (const f of readdirSync(dirname(p)).sort()) if (f.startsWith(`${stem}.`) && /\.scenarios\.ya?ml$/i.test(f)) out.add(join(dirname(p), f));
    }
  }
  return [...out];
}

/** Runs every scenario file; never throws for a broken file (it is reported as an error). */
export async function runTests(paths: string[]): Promise<TestReport> {
  const files: FileResult[] = [];
  const catalogs = new Map<string, CompiledService[]>();
  const covered = new Map<string, { compiled: CompiledService; covered: Covered }>();
  for (const file of scenarioFiles(paths)) {
    let service = '?';
    const dirs: string[] = [];
    const engines: EmbeddedEngine[] = [];
    try {
      const parsed = loadScenarioFile(file);
      service = parsed.service;
      const dir = dirname(file);
      if (!catalogs.has(dir)) catalogs.set(dir, loadCatalog(dir).services);
      const compiled = catalogs.get(dir)!.find((s) => s.id === service);
      if (!compiled) throw new Error(`${file}: no valid definition of service "${service}" in ${dir}; run amtsweg validate ${dir}`);
      const calendarFile = join(dir, CALENDAR_FILE);
      const calendarData = existsSync(calendarFile) ? loadCalendarFile(calendarFile).calendar : undefined;
      const calendar = calendarData ? fromCalendarData(calendarData) : undefined;
      const byDate = new Map<string, EmbeddedEngine>();
      const results = await runScenarioFile(parsed, async (today) => {
        let e = byDate.get(today);
        if (!e) {
          const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-test-'));
          dirs.push(dataDir);
          e = await createEmbeddedEngine({
            dataDir, services: [compiled], today, scheduler: false, keyFile: join(dataDir, 'master.key'), retry: { attempts: 1, baseDelayMs: 1 },
            ...(calendar ? { locations: calendar.locations, concernMinutes: calendar.minutes } : {}),
          });
          engines.push(e);
          byDate.set(today, e);
        }
        return e;
      });
      const entry = covered.get(compiled.hash) ?? { compiled, covered: emptyCovered() };
      covered.set(compiled.hash, entry);
      const flat = coverageUniverse(compiled).flat;
      for (const [i, r] of results.entries()) {
        const engine = byDate.get(parsed.scenarios[i].today ?? parsed.today)!;
        const exp = await engine.exportSession(r.sessionId);
        addCoverage(entry.covered, flat, exp.events.map((ev) => (ev.body?.trail ?? []) as TrailEntry[]));
        addValueCoverage(entry.covered, compiled, exp.snapshot as SessionSnapshot);
      }
      files.push({ file, service, results });
    } catch (e) {
      files.push({ file, service, results: [], error: (e as Error).message });
    } finally {
      for (const e of engines) await e.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }
  const all = files.flatMap((f) => f.results);
  return {
    files,
    coverage: [...covered.values()].map((c) => coverageReport(c.compiled, c.covered)),
    passed: all.filter((r) => r.passed).length,
    failed: all.filter((r) => !r.passed).length,
    errors: files.filter((f) => f.error).length,
  };
}
