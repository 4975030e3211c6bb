/**
 * Static type inference for common FEEL, to catch designer mistakes before a session runs:
 * comparing a date with a number, adding a string to a number, `and` on a non-boolean.
 * Whatever it does not understand is `any`, so it never raises a false alarm.
 */
import type { SyntaxNode } from '@lezer/common';
import type { SlotType } from '../definition/schema';
import { calleeName, childrenOf, nodeText, parseFeel } from './syntax';
import type { FeelProblem, ValueType } from './types';

/** The FEEL value type a slot of the given type holds. */
export function slotValueType(t: SlotType, many = false): ValueType {
  if (many) return 'list';
  switch (t) {
    case 'date': return 'date';
    case 'time': return 'time';
    case 'integer': case 'number': case 'money': return 'number';
    case 'boolean': return 'boolean';
    default: return 'string';
  }
}

const FN_TYPES: Record<string, ValueType> = {};
const fnGroup = (type: ValueType, names: string[]): void => { for (const n of names) FN_TYPES[n] = type; };
fnGroup('number', ['count', 'sum', 'mean', 'median', 'stddev', 'product', 'abs', 'floor', 'ceiling', 'round up', 'round down',
  'round half up', 'round half down', 'decimal', 'modulo', 'sqrt', 'log', 'exp', 'string length', 'number', 'day of year', 'week of year', 'index of']);
fnGroup('string', ['string', 'substring', 'substring before', 'substring after', 'upper case', 'lower case', 'replace',
  'string join', 'month of year', 'day of week', 'trim']);
fnGroup('boolean', ['contains', 'starts with', 'ends with', 'matches', 'list contains', 'all', 'any', 'not', 'odd', 'even',
  'is', 'before', 'after', 'meets', 'met by', 'overlaps', 'finishes', 'finished by', 'includes', 'during', 'starts', 'started by', 'coincides', 'is empty']);
fnGroup('list', ['append', 'concatenate', 'sublist', 'insert before', 'remove', 'reverse', 'union', 'distinct values',
  'flatten', 'sort', 'split', 'get entries', 'mode', 'duplicate values']);
fnGroup('date', ['date']);
fnGroup('time', ['time']);
fnGroup('duration', ['duration', 'years and months duration']);
fnGroup('context', ['context', 'context put', 'context merge']);

/** Functions whose first argument must be a string. */
const STRING_ARG_FNS = ['string length', 'upper case', 'lower case', 'substring', 'substring before', 'substring after', 'starts with', 'ends with', 'contains', 'matches'];

const PROPERTY_TYPES: Partial<Record<ValueType, Record<string, ValueType>>> = {
  date: { year: 'number', month: 'number', day: 'number', weekday: 'number' },
  time: { hour: 'number', minute: 'number', second: 'number' },
  duration: { years: 'number', months: 'number', days: 'number', hours: 'number', minutes: 'number', seconds: 'number' },
};

const ARITH: Record<string, Array<[ValueType, ValueType, ValueType]>> = {
  '+': [['number', 'number', 'number'], ['string', 'string', 'string'], ['date', 'duration', 'date'], ['duration', 'date', 'date'],
    ['time', 'duration', 'time'], ['duration', 'time', 'time'], ['duration', 'duration', 'duration']],
  '-': [['number', 'number', 'number'], ['date', 'date', 'duration'], ['date', 'duration', 'date'], ['time', 'time', 'duration'],
    ['time', 'duration', 'time'], ['duration', 'duration', 'duration']],
  '*': [['number', 'number', 'number'], ['number', 'duration', 'duration'], ['duration', 'number', 'duration']],
  '/': [['number', 'number', 'number'], ['duration', 'number', 'duration'], ['duration', 'duration', 'number']],
  '**': [['number', 'number', 'number']],
};
const VERB: Record<string, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '**': 'raise' };

const known = (t: ValueType): boolean => t !== 'any' && t !== 'null';
const article = (t: ValueType): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

class Inferrer {
  readonly problems: FeelProblem[] = [];
  constructor(private readonly expr: string, private readonly env: Record<string, ValueType>) {}

  private problem(col: number, message: string): void {
    this.problems.push({ code: 'feel_type', col, message });
  }

  private operands(node: SyntaxNode): SyntaxNode[] {
    return childrenOf(node).filter((c) => !c.type.isError);
  }

  infer(node: SyntaxNode): ValueType {
    const kids = this.operands(node);
    switch (node.name) {
      case 'Expression': case 'ParenthesizedExpression': case 'FunctionBody': {
        const inner = kids.filter((k) => k.name !== '(' && k.name !== ')');
        return inner.length === 1 ? this.infer(inner[0]) : this.inferAll(inner);
      }
      case 'NumericLiteral': return 'number';
      case 'StringLiteral': return 'string';
      case 'BooleanLiteral': return 'boolean';
      case 'null': return 'null';
      case 'VariableName': {
        const name = nodeText(this.expr, node);
        return this.env[name] ?? (name === 'today' ? 'date' : 'any');
      }
      case 'PathExpression': {
        const base = this.infer(kids[0]);
        const prop = kids.find((k) => k.name === 'PathName');
        return (prop && PROPERTY_TYPES[base]?.[nodeText(this.expr, prop)]) ?? 'any';
      }
      case 'FunctionInvocation': return this.invocation(node, kids);
      case 'DateTimeLiteral': return this.dateTimeLiteral(node, kids);
      case 'Comparison': this.comparison(kids); return 'boolean';
      case 'ArithmeticExpression': return this.arithmetic(kids);
      case 'Conjunction': case 'Disjunction': {
        for (const k of kids) if (k.name !== 'and' && k.name !== 'or') this.expectBoolean(k, node.name === 'Conjunction' ? 'and' : 'or');
        return 'boolean';
      }
      case 'IfExpression': {
        const [cond, a, b] = kids.filter((k) => !['if', 'then', 'else'].includes(k.name));
        if (cond) this.expectBoolean(cond, 'if');
        const ta = a ? this.infer(a) : 'any';
        const tb = b ? this.infer(b) : 'any';
        if (ta === tb) return ta;
        if (ta === 'null') return tb;
        if (tb === 'null') return ta;
        return 'any';
      }
      case 'List': this.inferAll(kids); return 'list';
      case 'Context': this.inferAll(kids); return 'context';
      case 'ForExpression': this.inferAll(kids); return 'list';
      case 'QuantifiedExpression': case 'InstanceOfExpression': this.inferAll(kids); return 'boolean';
      default: this.inferAll(kids); return 'any';
    }
  }

  private inferAll(nodes: SyntaxNode[]): ValueType {
    for (const n of nodes) this.infer(n);
    return 'any';
  }

  private expectBoolean(node: SyntaxNode, op: string): void {
    const t = this.infer(node);
    if (known(t) && t !== 'boolean') {
      this.problem(node.from, `"${op}" needs a condition (true/false), but "${nodeText(this.expr, node)}" at column ${node.from} is ${article(t)}; compare it, e.g. "${nodeText(this.expr, node)} > 0"`);
    }
  }

  private invocation(node: SyntaxNode, kids: SyntaxNode[]): ValueType {
    const name = calleeName(this.expr, node);
    const params = kids.find((k) => k.name === 'PositionalParameters');
    const args = params ? this.operands(params) : [];
    const named = kids.find((k) => k.name === 'NamedParameters');
    if (named) this.inferAll(this.operands(named));
    if (name === 'not' && args.length === 1) {
      this.expectBoolean(args[0], 'not');
    } else if (STRING_ARG_FNS.includes(name) && args.length > 0) {
      const t = this.infer(args[0]);
      if (known(t) && t !== 'string') this.problem(args[0].from, `${name}() expects a string, but "${nodeText(this.expr, args[0])}" at column ${args[0].from} is ${article(t)}; convert it with string(...)`);
      this.inferAll(args.slice(1));
    } else if (name === 'years and months duration') {
      for (const a of args) {
        const t = this.infer(a);
        if (known(t) && t !== 'date') this.problem(a.from, `years and months duration() expects two dates, but "${nodeText(this.expr, a)}" at column ${a.from} is ${article(t)}`);
      }
    } else {
      this.inferAll(args);
    }
    return FN_TYPES[name] ?? 'any';
  }

  private dateTimeLiteral(node: SyntaxNode, kids: SyntaxNode[]): ValueType {
    const ctor = kids.find((k) => k.name === 'DateTimeConstructor');
    if (ctor) return FN_TYPES[nodeText(this.expr, ctor)] ?? 'any';
    const at = nodeText(this.expr, node).replace(/^@"|"$/g, '');
    if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return 'date';
    if (/^-?P/.test(at)) return 'duration';
    if (/^\d{2}:\d{2}/.test(at)) return 'time';
    return 'any';
  }

  private mismatch(col: number, left: SyntaxNode, lt: ValueType, right: SyntaxNode, rt: ValueType): void {
    this.problem(col, `cannot compare ${article(lt)} ("${nodeText(this.expr, left)}") with ${article(rt)} ("${nodeText(this.expr, right)}") at column ${col}; both sides must have the same type${lt === 'date' || rt === 'date' ? ', e.g. date("2020-01-01") or a duration' : ''}`);
  }

  private comparison(kids: SyntaxNode[]): void {
    const [left, op, ...rest] = kids;
    if (!left || !op) { this.inferAll(kids); return; }
    const lt = this.infer(left);
    if (op.name === 'CompareOp') {
      const right = rest[0];
      if (!right) return;
      const rt = this.infer(right);
      if (known(lt) && known(rt) && lt !== rt) this.mismatch(op.from, left, lt, right, rt);
    } else if (op.name === 'between') {
      for (const r of rest.filter((k) => k.name !== 'and')) {
        const rt = this.infer(r);
        if (known(lt) && known(rt) && lt !== rt) this.mismatch(r.from, left, lt, r, rt);
      }
    } else if (op.name === 'in') {
      for (const r of rest) this.unaryTests(r, left, lt);
    } else {
      this.inferAll(rest);
    }
  }

  /** Checks the endpoints and values of `x in ...` against the type of x. */
  private unaryTests(node: SyntaxNode, left: SyntaxNode, lt: ValueType): void {
    switch (node.name) {
      case 'PositiveUnaryTests': case 'PositiveUnaryTest': case 'SimplePositiveUnaryTest': case 'Interval':
        for (const k of this.operands(node)) this.unaryTests(k, left, lt);
        return;
      case 'CompareOp': case '[': case ']': case '(': case ')': case '..':
        return;
      default: {
        const t = this.infer(node);
        // A list or range variable on the right of `in` holds elements of unknown type.
        if (known(lt) && known(t) && t !== lt && t !== 'list') this.mismatch(node.from, left, lt, node, t);
      }
    }
  }

  private arithmetic(kids: SyntaxNode[]): ValueType {
    if (kids.length === 2 && kids[0].name === 'ArithOp') {
      const t = this.infer(kids[1]);
      if (known(t) && t !== 'number' && t !== 'duration') this.problem(kids[0].from, `cannot negate ${article(t)} at column ${kids[0].from}`);
      return t === 'duration' ? 'duration' : known(t) ? 'number' : 'any';
    }
    const [left, op, right] = kids;
    if (!left || !op || !right) { this.inferAll(kids); return 'any'; }
    const lt = this.infer(left);
    const rt = this.infer(right);
    const sym = nodeText(this.expr, op);
    if (!known(lt) || !known(rt)) return lt === 'number' && rt === 'number' ? 'number' : 'any';
    const hit = (ARITH[sym] ?? []).find(([a, b]) => a === lt && b === rt);
    if (hit) return hit[2];
    this.problem(op.from, `cannot ${VERB[sym] ?? 'combine'} ${article(lt)} ("${nodeText(this.expr, left)}") and ${article(rt)} ("${nodeText(this.expr, right)}") with "${sym}" at column ${op.from}${lt === 'string' || rt === 'string' ? '; convert with number(...) or string(...)' : ''}`);
    return 'any';
  }
}

/**
 * Infers the type of a FEEL expression given the types of the names it reads, and reports type
 * mismatches with a 0-based column. Unknown constructs yield `any` without a problem.
 */
export function inferExpressionType(expr: string, env: Record<string, ValueType>): { type: ValueType; problems: FeelProblem[] } {
  const root = parseFeel(expr, 'expression');
  if (!root) return { type: 'any', problems: [] };
  const inferrer = new Inferrer(expr, env);
  const type = inferrer.infer(root);
  return { type, problems: inferrer.problems };
}
