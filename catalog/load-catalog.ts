/** Loads every service definition of a folder and checks that their ids are unique. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseYamlSource, sortProblems, type Problem } from '../core/definition';
import type { CompiledService } from '../core/session/types';
import { fileProblem, loadServiceFile, type CatalogOptions } from './load-file';

/** Definition files: *.yaml and *.yml, but not scenario files (*.scenarios.yaml), translation drafts (*.translation.yaml), the calendar or the routing catalogue (catalog.yaml). */
export function isDefinitionFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/\.(scenarios|translation)\.ya?ml$/i.test(name) && !/(^|[\\/])(?:calendar|catalog)\.ya?ml$/i.test(name);
}

/** Loads all definitions in `dir` (not recursive), sorted by file name. Never throws. */
export function loadCatalog(dir: string, opts: CatalogOptions = {}): { services: CompiledService[]; problems: Problem[] } {
  const lang = opts.lang ?? 'en';
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && isDefinitionFile(d.name)).map((d) => d.name).sort();
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message;
    return { services: [], problems: [fileProblem(dir, 'read_error', { detail }, lang)] };
  }
  const services: CompiledService[] = [];
  const problems: Problem[] = [];
  const firstFile = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = loadServiceFile(file, opts);
    problems.push(...loaded.problems);
    if (!loaded.service) continue;
    const other = firstFile.get(loaded.service.id);
    if (other !== undefined) {
      const at = parseYamlSource(loaded.service.source).valueAt(['service']);
      problems.push(fileProblem(file, 'duplicate_service', { id: loaded.service.id, other }, lang, at, ['service']));
      continue;
    }
    firstFile.set(loaded.service.id, file);
    services.push(loaded.service);
  }
  return { services, problems: sortProblems(problems) };
}
