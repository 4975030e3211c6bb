/**
 * Static FEEL analysis on feelin's lezer tree: syntax problems with a column, and the names an
 * expression reads. Pure; used by the validator, `verify` and dependency ordering.
 */
import { evaluate, parseExpression, parseUnaryTests } from 'feelin';
import type { SyntaxNode } from '@lezer/common';
import type { FeelProblem } from './types';

/** Whether a FEEL text is a full expression or a unary test (decision table cell). */
export type FeelKind = 'expression' | 'unaryTest';

/** Names every rule sees without declaring them. */
export const IMPLICIT_NAMES: readonly string[] = ['today'];

/** Built-ins that would read the clock; rules get `today` as a value instead. */
export const CLOCK_FUNCTIONS: readonly string[] = ['now', 'today'];

const builtinCache = new Map<string, boolean>();
const namesCache = new Map<string, string[]>();

/** Whether feelin knows a built-in function of this name (asked once per name, deterministic). */
export function isBuiltinFunction(name: string): boolean {
  let known = builtinCache.get(name);
  if (known === undefined) {
    try {
      known = typeof evaluate(name, {}).value === 'function';
    } catch {
      known = false;
    }
    builtinCache.set(name, known);
  }
  return known;
}

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
    // lezer-feel reads `a < < 16` as a comparison with a unary test on the right, which feelin
    // cannot evaluate: for a designer it is a doubled operator, so report it as syntax.
    // The same happens inside a unary test: `>== 3`, `=> 3`, `== 3`, `<> 3` parse, then match nothing.
    const doubled = n.name === 'SimplePositiveUnaryTest'
      && ((kind === 'expression' && n.parent?.name === 'Comparison') || n.parent?.name === 'SimplePositiveUnaryTest');
    if (doubled && !firstError && !problems.some((p) => p.code === 'feel_syntax')) {
      const example = kind === 'expression' ? '"alter < 16"' : '">= 3", "< 24", "= 1" or "!= 1"';
      problems.push({ code: 'feel_syntax', col: n.from, message: `a second comparison operator at column ${n.from}: write one operator, e.g. ${example}` });
    }
    if (n.name === 'FunctionInvocation') {
      const fn = calleeName(expr, n);
      if (CLOCK_FUNCTIONS.includes(fn)) {
        problems.push({ code: 'feel_clock', col: n.from, message: `${fn}() at column ${n.from} would read the clock; write today (without parentheses), the session's reference date` });
      } else if (n.firstChild?.name === 'VariableName' && !isBuiltinFunction(fn)) {
        problems.push({ code: 'feel_unknown_function', col: n.from, message: `"${fn}" at column ${n.from} is not a FEEL function; check the spelling of the built-in (e.g. "string length", "years and months duration")` });
      }
    }
  });
  if (firstError) problems.unshift({ code: 'feel_syntax', message: syntaxMessage(expr, firstError), col: (firstError as SyntaxNode).from });
  return problems;
}

function keyName(expr: string, entry: SyntaxNode): string | undefined {
  const key = entry.getChild('Key');
  return key ? nodeText(expr, key).replace(/^"(.*)"$/, '$1') : undefined;
}

function namesOf(expr: string, nodes: SyntaxNode[], type: string): string[] {
  const out: string[] = [];
  for (const n of nodes) walk(n, (c) => { if (c.name === type) out.push(nodeText(expr, c)); });
  return out;
}

/**
 * Whether a name is bound inside the expression where it is used: by an earlier entry of an
 * enclosing context (`{a: 1, b: a + 1}`, but not `{name: name}`), a for/some/every variable
 * or a function parameter.
 */
function isBound(expr: string, node: SyntaxNode, name: string): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.name === 'ContextEntry' && p.parent?.name === 'Context') {
      for (let s = p.prevSibling; s; s = s.prevSibling) if (s.name === 'ContextEntry' && keyName(expr, s) === name) return true;
    }
    if ((p.name === 'ForExpression' || p.name === 'QuantifiedExpression') && child.name !== 'InExpressions') {
      const vars = p.getChild('InExpressions')?.getChildren('InExpression').map((i) => i.getChild('Name')) ?? [];
      if (vars.some((v) => v && nodeText(expr, v) === name)) return true;
    }
    if (p.name === 'InExpression' && p.parent?.name === 'InExpressions') {
      for (let s = p.prevSibling; s; s = s.prevSibling) {
        const bound = s.name === 'InExpression' ? s.getChild('Name') : null;
        if (bound && nodeText(expr, bound) === name) return true;
      }
    }
    if (p.name === 'FunctionDefinition') {
      const params = p.getChild('FormalParameters');
      if (params && namesOf(expr, [params], 'ParameterName').includes(name)) return true;
    }
  }
  return false;
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
  // Derived values and tables ask for the same texts on every recomputation; a parse costs ~100 µs.
  const key = `${opts.kind ?? 'expression'}|${opts.includeImplicit === true}|${expr}`;
  let names = namesCache.get(key);
  if (names === undefined) {
    names = collectNames(expr, opts);
    if (namesCache.size >= 5000) namesCache.clear();
    namesCache.set(key, names);
  }
  return [...names];
}

function collectNames(expr: string, opts: { kind?: FeelKind; includeImplicit?: boolean }): string[] {
  const root = parseFeel(expr, opts.kind ?? 'expression');
  if (!root) return [];
  const seen: string[] = [];
  walk(root, (n) => {
    if (n.name !== 'VariableName') return;
    const parent = n.parent;
    if (parent?.name === 'FunctionInvocation' && parent.firstChild?.from === n.from) return;
    if (parent?.name === 'QualifiedName' || parent?.name === 'Type') return;
    const name = nodeText(expr, n);
    if (name === '' || name === '?' || isBound(expr, n, name)) return;
    if (name === 'item' && insideFilter(n)) return;
    if (!opts.includeImplicit && IMPLICIT_NAMES.includes(name)) return;
    if (!seen.includes(name)) seen.push(name);
  });
  return seen;
}
