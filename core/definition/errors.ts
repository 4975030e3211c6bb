/** Errors of the definition area. Problems are data; this error carries them when a caller needs to stop. */
import { formatProblem, type Problem } from './problem';

/** Thrown by callers that cannot go on with an invalid definition; the message lists every problem. */
export class InvalidDefinitionError extends Error {
  readonly code = 'invalid_definition';
  constructor(readonly file: string, readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`${file} is not a valid service definition (${errors.length} error${errors.length === 1 ? '' : 's'}); fix these and load it again:\n${errors.map(formatProblem).join('\n')}`);
    this.name = 'InvalidDefinitionError';
  }
}
