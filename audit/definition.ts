/** Loads the definition a bundle carries (or one given on the command line) into a compiled service. */
import { readFileSync } from 'node:fs';
import { loadServiceSource } from '../catalog';
import { formatProblem } from '../core/definition';
import type { CompiledService } from '../core/session/types';
import type { AuditBundle } from './bundle-schema';
import { DefinitionLoadError, IntegrityError, AuditError } from './errors';

const cache = new Map<string, CompiledService>();

/** Compiles YAML text; problems of severity error make a DefinitionLoadError listing them. */
export function compileSource(source: string, file: string): CompiledService {
  const { service, problems } = loadServiceSource(source, file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!service || errors.length > 0) throw new DefinitionLoadError(file, errors.map(formatProblem).join('\n'));
  return service;
}

/** The exact definition the case ran with; its text must match the recorded hash. */
export function bundleDefinition(bundle: AuditBundle, file: string): CompiledService {
  const hit = cache.get(bundle.definition.hash);
  if (hit && hit.source === bundle.definition.source) return hit;
  let compiled: CompiledService;
  try {
    compiled = compileSource(bundle.definition.source, `${file}#definition`);
  } catch (e) {
    if (!(e instanceof DefinitionLoadError)) throw e;
    throw new AuditError('definition_incompatible', `${file}: the definition recorded in the bundle does not load with this amtsweg version (${e.details.split('\n')[0]}). Replay it with the amtsweg version named in producer.engineVersion.`);
  }
  if (compiled.hash !== bundle.definition.hash) {
    throw new IntegrityError(file, 'content', `the definition text does not match its recorded hash ${bundle.definition.hash.slice(0, 12)}… (the text hashes to ${compiled.hash.slice(0, 12)}…).`);
  }
  if (compiled.id !== bundle.session.service) {
    throw new AuditError('definition_mismatch', `${file}: the bundle's definition is service "${compiled.id}", but the session ran "${bundle.session.service}".`);
  }
  cache.set(compiled.hash, compiled);
  return compiled;
}

/** Loads a definition file (for `replay --against`). */
export function loadDefinitionFile(file: string): CompiledService {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AuditError('definition_unreadable', `${file}: cannot read the definition (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return compileSource(source, file);
}
