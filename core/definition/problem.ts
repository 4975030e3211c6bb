/** Problems found in a definition are data: a stable code, a position and a message a designer can act on. */

/** One problem in a definition file, positioned at 1-based line and column. */
export type Problem = {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  file: string;
  line: number;
  col: number;
  path: (string | number)[];
};

/** Languages problem messages are available in. */
export type ProblemLang = 'en' | 'de';

/** `file:line:col: message` plus the hint on an indented second line. */
export function formatProblem(p: Problem): string {
  const level = p.severity === 'warning' ? 'warning: ' : '';
  const head = `${p.file}:${p.line}:${p.col}: ${level}${p.message}`;
  return p.hint ? `${head}\n    ${p.hint}` : head;
}

/** Orders problems by position, errors before warnings on the same spot, and drops exact repeats. */
export function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}|${p.line}|${p.col}|${p.code}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col
    || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** True if any problem is an error (warnings alone do not stop a definition from loading). */
export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
