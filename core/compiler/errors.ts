/** Errors of the compiler. They are programmer errors: `validate` should have caught them first. */

/** A definition that passed the schema but cannot be turned into a statechart. */
export class CompileError extends Error {
  readonly code: string;
  readonly path: (string | number)[];
  constructor(code: string, message: string, path: (string | number)[]) {
    super(message);
    this.name = 'CompileError';
    this.code = code;
    this.path = path;
  }
}
