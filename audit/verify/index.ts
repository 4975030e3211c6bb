/**
 * `verify`: what `validate` checks (structure, references, FEEL types) plus the soundness
 * checks a designer needs before citizens find the defects: table gaps and overlaps with
 * counterexamples, reachability and dead ends, data minimisation, automated acts, translations,
 * and holes in effective dating.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDefinitionFile, loadServiceSource } from '../../catalog';
import { parseYamlSource, sortProblems, type Problem, type ProblemLang } from '../../core/definition';
import type { CompiledService } from '../../core/session/types';
import { checkDating } from './dating';
import { checkFlow } from './flow';
import { checkMissingValues } from './missing';
import type { VerifyContext } from './problem';
import { checkPrivacy } from './privacy';
import { checkTables } from './tables';
import { checkTranslations } from './translations';
import { checkPlurals } from './plurals';

export interface VerifyOptions {
  /** Reference date for date-valued table inputs without their own dates (default: 2026-01-01). */
  today?: string;
  lang?: ProblemLang;
  /** Registered action names (unknown actions are errors when given). */
  actions?: readonly string[];
}

export interface VerifyResult { file: string; service?: CompiledService; problems: Problem[] }

/** Verifies YAML text read from `file`. Never throws. */
export function verifySource(source: string, file: string, opts: VerifyOptions = {}): VerifyResult {
  const { service, problems } = loadServiceSource(source, file, { lang: opts.lang, actions: opts.actions });
  if (!service) return { file, problems: sortProblems(problems) };
  const ctx: VerifyContext = { file, src: parseYamlSource(source), problems: [...problems], lang: opts.lang };
  const def = service.definition;
  const today = opts.today ?? '2026-01-01';
  const checks = [
    () => checkTables(def, ctx, today), () => checkFlow(def, ctx, today), () => checkPrivacy(def, ctx),
    () => checkTranslations(def, ctx), () => checkPlurals(def, ctx), () => checkDating(def, ctx), () => checkMissingValues(def, ctx, today),
  ];
  for (const check of checks) {
    try {
      check();
    } catch (e) {
      ctx.problems.push({ code: 'verify_failed', severity: 'error', message: `a check could not finish: ${(e as Error).message}`, hint: 'fix the problems reported by validate first', file, line: 1, col: 1, path: [] });
    }
  }
  return { file, service, problems: sortProblems(ctx.problems) };
}

/** Verifies a definition file. */
export function verifyFile(file: string, opts: VerifyOptions = {}): VerifyResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, problems: [{ code: 'read_error', severity: 'error', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code})`, file, line: 1, col: 1, path: [] }] };
  }
  return verifySource(source, file, opts);
}

/** Definition files of paths (folders are expanded, scenario files skipped). */
export function definitionFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      out.push(p); // verifyFile reports it
      continue;
    }
    if (isDir) out.push(...readdirSync(p).filter(isDefinitionFile).sort().map((f) => join(p, f)));
    else out.push(p);
  }
  return out;
}

export { checkTables, tablesOf, matchingRows, tableDomains, combinations, describeCombo, type TableRef } from './tables';
export { checkFlow, flowEdges, edgesOf, stepPath, type FlowEdge } from './flow';
export { checkPrivacy, usesByName } from './privacy';
export { checkTranslations, textsOf } from './translations';
export { checkDating, firstDates, dayBefore } from './dating';
export { domainOf, inputTypes, OTHER_TEXT } from './domains';
