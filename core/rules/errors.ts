/** Errors of the rules layer. Every message names the expression or rule and says how to fix it. */

/** Codes a {@link RuleError} carries, so callers can branch without parsing messages. */
export type RuleErrorCode =
  | 'feel_syntax'
  | 'unknown_name'
  | 'feel_error'
  | 'clock'
  | 'not_boolean'
  | 'no_version'
  | 'bad_value'
  | 'cycle'
  | 'unique_hit'
  | 'bad_table';

/** A rule could not be evaluated: bad FEEL, an unknown name, no valid version, a table conflict. */
export class RuleError extends Error {
  readonly code: RuleErrorCode;
  /** The derived value or table the error belongs to, when known. */
  readonly rule?: string;
  /** The FEEL text that failed, when there is one. */
  readonly expression?: string;

  constructor(code: RuleErrorCode, message: string, details: { rule?: string; expression?: string } = {}) {
    super(message);
    this.name = 'RuleError';
    this.code = code;
    this.rule = details.rule;
    this.expression = details.expression;
  }
}

/** More than one row of a decision table with hit policy `unique` matched. */
export class UniqueHitError extends RuleError {
  /** Ids of all matching rows. */
  readonly rows: string[];
  /** The table inputs (canonical form) that made them match; kept out of the message because they may be personal data. */
  readonly inputs: Record<string, unknown>;

  constructor(rule: string, rows: string[], inputs: Record<string, unknown>) {
    super(
      'unique_hit',
      `decision table of ${rule}: rows ${rows.join(' and ')} ${rows.length === 2 ? 'both' : 'all'} match the same inputs (${Object.keys(inputs).join(', ')}), ` +
        'but hit policy unique allows exactly one; make the conditions of these rows disjoint ' +
        '(e.g. "< 24" and ">= 24") or use hit: first if the order decides',
      { rule },
    );
    this.name = 'UniqueHitError';
    this.rows = rows;
    this.inputs = inputs;
  }
}
