/** Loading definitions for the commands that run services (chat, serve). */
import fs from 'node:fs';
import { BUILT_IN_ACTIONS } from '../activities/specs';
import { loadCatalog } from '../catalog';
import { formatProblem, type Problem } from '../core/definition';
import type { CompiledService } from '../core/session/types';
import { CliError } from './errors';

/** The services of a folder and the problems found on the way (warnings included). */
export interface LoadedServices { services: CompiledService[]; problems: Problem[]; errors: Problem[] }

/** Loads every definition in `dir`; a missing folder is a clear error. */
export function loadServicesFrom(dir: string): LoadedServices {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new CliError(`Definitions folder "${dir}" not found. Pass the folder with --definitions DIR (default ./definitions).`);
  }
  const { services, problems } = loadCatalog(dir, { actions: BUILT_IN_ACTIONS });
  return { services, problems, errors: problems.filter((p) => p.severity === 'error') };
}

/** Problems as `file:line:col: message` blocks, one after the other. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => formatProblem(p)).join('\n');
}
