/** Problems found by `verify`, in the same shape (and file:line:col form) as `validate`'s. */
import type { Problem, ProblemLang, YamlSource } from '../../core/definition';

export interface VerifyContext {
  file: string;
  src: YamlSource;
  problems: Problem[];
  /** Language of the messages (default English). */
  lang?: ProblemLang;
}

/** Adds a problem positioned at the YAML value of `path`; `de` is the German message and hint. */
export function report(
  ctx: VerifyContext, code: string, severity: Problem['severity'], path: (string | number)[], en: string, enHint?: string, de?: [string, string?],
): void {
  const at = ctx.src.valueAt(path);
  const german = ctx.lang === 'de' && de;
  const message = german ? de[0] : en;
  const hint = german ? de[1] : enHint;
  ctx.problems.push({ code, severity, message, ...(hint ? { hint } : {}), file: ctx.file, line: at.line, col: at.col, path });
}
