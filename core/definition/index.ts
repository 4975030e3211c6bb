/** The definition language: schema, YAML loader with positioned problems, and problem formatting. */
export * from './schema';
export { loadDefinition, type LoadOptions } from './load';
export type { ActionSpec } from './check-references';
export { formatProblem, sortProblems, hasErrors, type Problem, type ProblemLang } from './problem';
export { InvalidDefinitionError } from './errors';
export { parseYamlSource, type YamlSource, type Position } from './yaml-source';
export { didYouMean, editDistance } from './suggest';
export { describePath, messageFor } from './messages';
export { isCalendarDate } from './check-structure';
export { auditRetention, normKey } from './check-legal';
export { serviceJsonSchema, serviceJsonSchemaText, JSON_SCHEMA_PATH } from './json-schema';
