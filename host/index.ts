/**
 * The engine contract every host implements (embedded in `host/embedded/`, Temporal in
 * `host/temporal/`): the Engine interface and its views, errors as data, the shared view mappers.
 * The HTTP API, the CLI and the channels talk only to this.
 */
export type * from './types';
export * from './errors';
export { toSessionView, toCaseSummary, toCaseDetail, openQuestions } from './views';
export { berlinDate } from './reference-date';
