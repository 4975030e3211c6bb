/**
 * Static FEEL analysis on feelin's lezer tree: syntax problems with a column, and the names an
 * expression reads. Pure; used by the validator, `verify` and dependency ordering.
 */
import { parseExpression, parseUnaryTests } from 'feelin';
import type { SyntaxNode } from '@lezer/common';
import type { FeelProblem } from './types';

/** Whether a FEEL text is a full expression or a unary test (decision table cell). */
export type FeelKind = 'expression' | 'unaryTest';

/** Names every rule sees without declaring them. */
export const IMPLICIT_NAMES: readonly string[] = ['today'];

const CLOCK_FUNCTIONS = ['now', 'today'];

/** Parses FEEL into feelin's lezer tree; returns null if the parser itself gives up. */
export function parseFeel(expr: string, kind: FeelKind): SyntaxNode | null {
  try {
    const tree = kind === 'unaryTest' ? parseUnaryTests(expr, {}, undefined) : parseExpression(expr, {}, undefined);
    return tree.topNode;
  } catch {
    return null;
  }
}

/** Source text of a node, multi-word names with single spaces. */
export function nodeText(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to).replace(/\s+/g, ' ').trim();
}

/** Direct children of a node. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function walk(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(node);
  for (let c = node.firstChild; c; c = c.nextSibling) walk(c, visit);
}

/** Name of the function a FunctionInvocation calls ("years and months duration", "count"). */
export function calleeName(expr: string, invocation: SyntaxNode): string {
  const callee = invocation.firstChild;
  return callee ? nodeText(expr, callee) : '';
}

function syntaxMessage(expr: string, err: SyntaxNode): string {
  const end = expr.trimEnd().length;
  if (err.from >= end) {
    const parent = err.parent?.name ?? 'expression';
    return `the expression ends too early at column ${err.from}: the ${humanNode(parent)} is incomplete`;
  }
  const text = err.to > err.from ? expr.slice(err.from, err.to) : expr.slice(err.from).split(/\s/)[0];
  if (text.startsWith('"')) return `the string starting at column ${err.from} is not closed; add the missing "`;
  return `unexpected "${text}" at column ${err.from}`;
}

function humanNode(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Syntax check of a FEEL text. Reports the first syntax error with its 0-based column inside
 * the expression, and calls of now()/today() (rules must not read the clock).
 */
export function checkFeelSyntax(expr: string, kind: FeelKind = 'expression'): FeelProblem[] {
  if (expr.trim() === '') return [{ code: 'feel_syntax', message: 'the FEEL text is empty', col: 0 }];
  const root = parseFeel(expr, kind);
  if (!root) return [{ code: 'feel_syntax', message: 'the FEEL parser could not read this text', col: 0 }];
  const problems: FeelProblem[] = [];
  let firstError: SyntaxNode | null = null;
  walk(root, (n) => {
    if (n.type.isError && !firstError) firstError = n;
    if (n.name === 'FunctionInvocation') {
      const fn = calleeName(expr, n);
      if (CLOCK_FUNCTIONS.includes(fn)) {
        problems.push({ code: 'feel_clock', col: n.from, message: `${fn}() at column ${n.from} would read the clock; write today (without parentheses), the session's reference date` });
      }
    }
  });
  if (firstError) problems.unshift({ code: 'feel_syntax', message: syntaxMessage(expr, firstError), col: (firstError as SyntaxNode).from });
  return problems;
}

/** Names bound inside the expression itself (for/some/every variables, function parameters, context keys). */
function boundNames(expr: string, root: SyntaxNode): Set<string> {
  const bound = new Set<string>();
  walk(root, (n) => {
    if (n.name === 'InExpression' || n.name === 'FormalParameter' || n.name === 'Key') {
      const name = n.getChild('Name') ?? n.getChild('ParameterName');
      if (name) bound.add(nodeText(expr, name));
    }
  });
  return bound;
}

function insideFilter(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.name === 'FilterExpression') return true;
  return false;
}

/**
 * The names a FEEL text reads, in order of first use: `termin.beginn` → `termin`; built-in
 * functions (`years and months duration`, `count`) and locally bound names are not included;
 * `today` only with `includeImplicit`.
 */
export function referencedNames(expr: string, opts: { kind?: FeelKind; includeImplicit?: boolean } = {}): string[] {
  const root = parseFeel(expr, opts.kind ?? 'expression');
  if (!root) return [];
  const bound = boundNames(expr, root);
  const seen: string[] = [];
  walk(root, (n) => {
    if (n.name !== 'VariableName') return;
    const parent = n.parent;
    if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === n.from) return;
    if (parent?.name === 'QualifiedName' || parent?.name === 'Type') return;
    const name = nodeText(expr, n);
    if (name === '' || name === '?' || bound.has(name)) return;
    if (name === 'item' && insideFilter(n)) return;
    if (!opts.includeImplicit && IMPLICIT_NAMES.includes(name)) return;
    if (!seen.includes(name)) seen.push(name);
  });
  return seen;
}
