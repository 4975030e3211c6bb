/** Errors of the audit tools. Each has a stable `code` and a message that says what to do. */

/** Base class: the CLI prints `message` as one line, never a stack trace. */
export class AuditError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'AuditError';
  }
}

/** A bundle file that cannot be used: unreadable, truncated, altered, from a newer format. */
export class BundleError extends AuditError {
  constructor(code: string, readonly file: string, message: string) {
    super(code, `${file}: ${message}`);
    this.name = 'BundleError';
  }
}

/**
 * The tamper evidence failed: hash chain, a recomputed section, content hash, signature or the
 * canonical form. `seq` names the event and `section` the part of the bundle when known.
 */
export class IntegrityError extends BundleError {
  constructor(file: string, readonly check: 'chain' | 'section' | 'content' | 'signature' | 'canonical', message: string, readonly seq?: number, readonly section?: string) {
    super(`integrity_${check}`, file, message);
    this.name = 'IntegrityError';
  }
}

/** A definition file given to `replay --against` or `verify` could not be loaded. */
export class DefinitionLoadError extends AuditError {
  constructor(readonly file: string, readonly details: string) {
    super('definition_invalid', `${file}: the definition has errors; run \`amtsweg validate ${file}\` and fix them first`);
    this.name = 'DefinitionLoadError';
  }
}

/** A session or workflow to export was not found or cannot be read. */
export class ExportError extends AuditError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'ExportError';
  }
}

/** A Temporal history that is not an amtsweg session workflow or cannot be read. */
export class HistoryError extends AuditError {
  constructor(readonly file: string, message: string) {
    super('history_invalid', `${file}: ${message}`);
    this.name = 'HistoryError';
  }
}
