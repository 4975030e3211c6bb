/**
 * FEEL evaluation through feelin: expressions, conditions and unary tests over a canonical
 * scope. `today` is the session's reference date, never the clock.
 */
import { evaluate, unaryTest, SyntaxError as FeelSyntaxError, type Warning } from 'feelin';
import { RuleError } from './errors';
import { fastEvaluate, fastUnaryTest, UNSUPPORTED } from './fast-feel';
import { describeValue, fromFeelValue, toFeelScope, toFeelValue } from './feel-values';
import { CLOCK_FUNCTIONS } from './syntax';
import type { ValueType } from './types';

/** Options of every evaluation. */
export interface EvalOptions {
  /** The session's reference date, 'YYYY-MM-DD'; FEEL sees it as `today`. */
  today: string;
  /**
   * Static types of scope names; tells which strings are dates or times. A name listed here
   * but absent from the scope counts as known and empty (null), not as an unknown name.
   */
  types?: Record<string, ValueType>;
  /** Name of the rule being evaluated, for error messages. */
  rule?: string;
}

function where(expr: string, rule?: string): string {
  return rule ? `"${expr}" (in ${rule})` : `"${expr}"`;
}

/** Builds the FEEL context: converted scope plus `today`; `now` is shadowed so it cannot read the clock. */
export function feelContext(scope: Record<string, unknown>, opts: EvalOptions): Record<string, unknown> {
  const ctx = toFeelScope(scope, opts.types);
  for (const name of Object.keys(opts.types ?? {})) if (!(name in ctx)) ctx[name] = null;
  ctx.today = toFeelValue('today', opts.today, 'date');
  ctx.now = null;
  return ctx;
}

/** FEEL propagates null through operators; a warning caused by a null operand is not an error. */
function causedByNull(w: Warning): boolean {
  if (w.type !== 'INVALID_TYPE' && w.type !== 'INVALID_ARGUMENTS' && w.type !== 'NOT_COMPARABLE') return false;
  const values = Object.values(w.details?.values ?? {});
  return values.some((v) => v === null || v === undefined);
}

function warningToError(w: Warning, expr: string, rule?: string): RuleError {
  const at = w.position ? w.position.from : 0;
  const text = w.position ? expr.slice(w.position.from, w.position.to) : '';
  const details = { rule, expression: expr };
  switch (w.type) {
    case 'NO_VARIABLE_FOUND':
      if (/^\s*\(/.test(expr.slice(w.position?.to ?? 0))) {
        return new RuleError('unknown_name', `${where(expr, rule)}: "${text}" at column ${at} is not a FEEL function; check the spelling of the built-in (e.g. "string length", "years and months duration")`, details);
      }
      return new RuleError('unknown_name', `${where(expr, rule)}: unknown name "${text}" at column ${at}; declare it as a slot, value or action result, or fix the spelling`, details);
    case 'NO_FUNCTION_FOUND': {
      const fn = text.replace(/\s*\(.*$/s, '').trim();
      if (CLOCK_FUNCTIONS.includes(fn)) {
        return new RuleError('clock', `${where(expr, rule)}: ${fn}() at column ${at} would read the clock; write today (without parentheses), which is the session's reference date`, details);
      }
      return new RuleError('unknown_name', `${where(expr, rule)}: "${fn}" at column ${at} is not a FEEL function; check the spelling of the built-in (e.g. "string length", "years and months duration")`, details);
    }
    case 'NO_CONTEXT_ENTRY_FOUND':
    case 'NO_PROPERTY_FOUND':
      return new RuleError('unknown_name', `${where(expr, rule)}: "${text}" at column ${at} does not exist in the value before it; check the field name of the value or action result`, details);
    default:
      return new RuleError('feel_error', `${where(expr, rule)}: ${safeMessage(w)} at column ${at}; check the types of the operands`, details);
  }
}

/** feelin's message with every value replaced by its kind, so no personal data reaches a log. */
function safeMessage(w: Warning): string {
  const template = w.details?.template;
  if (!template) return w.type.toLowerCase().replace(/_/g, ' ');
  return template.replace(/'?\{(\w+)\}'?/g, (_m, key: string) => describeValue(w.details.values?.[key]));
}

function syntaxToError(err: unknown, expr: string, rule?: string): RuleError {
  const pos = err instanceof FeelSyntaxError ? err.position.from : 0;
  const msg = err instanceof Error ? err.message : String(err);
  return new RuleError('feel_syntax', `${where(expr, rule)}: FEEL syntax error at column ${pos} (${msg}); run "amtsweg validate" for details`, { rule, expression: expr });
}

function raiseWarnings(warnings: Warning[], expr: string, rule?: string): void {
  const real = warnings.filter((w) => !causedByNull(w));
  if (real.length > 0) {
    // An unknown variable explains the follow-up warnings, so report it first.
    const first = real.find((w) => w.type === 'NO_VARIABLE_FOUND') ?? real[0];
    throw warningToError(first, expr, rule);
  }
}

/** Evaluates a FEEL expression against a FEEL context and returns the raw FEEL value. */
export function evaluateFeel(expr: string, ctx: Record<string, unknown>, rule?: string): unknown {
  const fast = fastEvaluate(expr, ctx);
  if (fast !== UNSUPPORTED) return fast;
  let result: { value: unknown; warnings: Warning[] };
  try {
    result = evaluate(expr, ctx);
  } catch (err) {
    throw syntaxToError(err, expr, rule);
  }
  raiseWarnings(result.warnings, expr, rule);
  return result.value;
}

/** Evaluates FEEL unary tests (`< 24`, `[18..65]`, `"dogge"`, `-`, `not("x")`) with `?` bound to input. */
export function unaryTestFeel(test: string, input: unknown, ctx: Record<string, unknown>, rule?: string): boolean {
  const fast = fastUnaryTest(test, input, ctx);
  if (fast !== UNSUPPORTED) return fast === true;
  let result: { value: boolean | null; warnings: Warning[] };
  try {
    result = unaryTest(test, { ...ctx, '?': input });
  } catch (err) {
    throw syntaxToError(err, test, rule);
  }
  raiseWarnings(result.warnings, test, rule);
  return result.value === true;
}

/**
 * Evaluates a FEEL expression over a canonical scope and returns the result in canonical form
 * (dates 'YYYY-MM-DD', durations ISO 8601, numbers rounded to 10 decimals).
 * Unknown names and FEEL errors raise a {@link RuleError}; null operands propagate as null.
 */
export function evaluateExpression(expr: string, scope: Record<string, unknown>, opts: EvalOptions): unknown {
  const value = evaluateFeel(expr, feelContext(scope, opts), opts.rule);
  return fromFeelValue(value, expr);
}

/** Evaluates a FEEL condition: true only for true, false for false and null; anything else is an error. */
export function evaluateCondition(expr: string, scope: Record<string, unknown>, opts: EvalOptions): boolean {
  const value = evaluateFeel(expr, feelContext(scope, opts), opts.rule);
  if (value === true) return true;
  if (value === false || value === null || value === undefined) return false;
  throw new RuleError('not_boolean', `${where(expr, opts.rule)} should be a condition (true or false) but yields ${describeValue(value)}; compare the value, e.g. "x > 0" or "x = \\"ja\\""`, { rule: opts.rule, expression: expr });
}

/** Tests a canonical input value against FEEL unary tests, e.g. `evaluateUnaryTest('>= 24', 30, {}, opts)`. */
export function evaluateUnaryTest(test: string, input: unknown, scope: Record<string, unknown>, opts: EvalOptions & { inputType?: ValueType }): boolean {
  const ctx = feelContext(scope, opts);
  return unaryTestFeel(test, toFeelValue('?', input, opts.inputType), ctx, opts.rule);
}
