/** Errors of the command line: each carries the exit code and a message that says what to do. */

/** A failure the CLI reports as one clear line (no stack trace) and ends with `exitCode`. */
export class CliError extends Error {
  /** Lines printed before the message, e.g. the problems of a definition. */
  details?: string;

  constructor(message: string, readonly exitCode = 1, details?: string) {
    super(message);
    this.details = details;
    this.name = 'CliError';
  }
}

/** Wrong use of a command: bad option value, missing path. Exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
