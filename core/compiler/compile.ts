/** compileService: definition → CompiledService (flat step index + XState machine config, plain JSON). */
import type { ServiceDefinition } from '../definition/schema';
import type { CompiledService } from '../session/types';
import { flattenFlow } from './flatten';
import { buildMachineConfig } from './machine';

/**
 * Compiles a parsed definition. Pure: the host computes `hash` (sha256 of `source`).
 * Throws CompileError for references the schema cannot see (unknown slot or outcome, duplicate step id).
 */
export function compileService(definition: ServiceDefinition, meta: { source: string; hash: string }): CompiledService {
  const flow = flattenFlow(definition);
  const machine = buildMachineConfig(definition.service, flow, Object.keys(definition.outcomes));
  return {
    id: definition.service,
    version: definition.version,
    hash: meta.hash,
    source: meta.source,
    definition,
    machine,
    steps: flow.steps,
  };
}
