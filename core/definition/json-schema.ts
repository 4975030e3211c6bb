/** The JSON Schema editors use for autocompletion and checks, derived from the zod schema. */
import { z } from 'zod';
import { ServiceDefinition } from './schema';

/** Where the generated schema lives in the repository. */
export const JSON_SCHEMA_PATH = 'schema/service.schema.json';

/**
 * JSON Schema (draft 2020-12) of what a designer writes: the input side of the zod schema, so
 * defaults are optional and `version` may be a number. Recursive flow steps live in `$defs` (the schema gives FlowStep its id).
 */
export function serviceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ServiceDefinition, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'https://amtsweg.example/schema/service.schema.json',
    title: 'amtsweg service definition',
    description: 'A citizen service for amtsweg: slots to collect, derived values with legal basis, the flow and its outcomes.',
    ...rest,
  };
}

/** The schema as the exact text committed to the repository (2-space JSON, trailing newline). */
export function serviceJsonSchemaText(): string {
  return `${JSON.stringify(serviceJsonSchema(), null, 2)}\n`;
}
