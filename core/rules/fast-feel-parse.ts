/**
 * The parsing half of the FEEL fast path (see fast-feel.ts): a tokenizer and a recursive-descent
 * parser for the shapes it covers, with each text parsed once. A text outside those shapes
 * parses to null, and the caller leaves it to feelin.
 */

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CMP_OPS = new Set(['<', '<=', '>', '>=', '=', '!=']);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysIn = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);
export const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function validIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

export type CmpOp = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type ArithOp = '+' | '-' | '*' | '/';
export type Node =
  | { k: 'lit'; v: number | string | boolean | null }
  | { k: 'dur'; years: number; months: number; days: number }
  | { k: 'date'; iso: string }
  | { k: 'ymd'; from: Node; to: Node; part: 'years' | 'months' }
  | { k: 'arith'; op: ArithOp; a: Node; b: Node }
  | { k: 'if'; c: Node; a: Node; b: Node }
  | { k: 'name'; name: string }
  | { k: 'cmp'; op: CmpOp; a: Node; b: Node }
  | { k: 'and' | 'or'; a: Node; b: Node }
  | { k: 'not'; a: Node };
/** A unary test: a comparison with the input on the left, or a literal the input must equal. */
export type Test = { op: CmpOp; b: Node };

// Words that are FEEL syntax or would read differently as names; an expression using them falls back.
const RESERVED = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'between', 'in', 'instance', 'of', 'for', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'function', 'external', 'date', 'time', 'duration', 'today', 'now']);
const TOKEN = /\s*(?:(<=|>=|!=|<|>|=|\(|\)|\+|-|\*|\/|,|\.)|(\d+(?:\.\d+)?)(?![\w.])|"([^"\\\n]*)"|([A-Za-z_][A-Za-z0-9_]*))/y;

const TRAILING_SPACE = /^\s*$/;

type Tok = { t: 'op'; v: string } | { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'word'; v: string };

function tokenize(text: string): Tok[] | null {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (TRAILING_SPACE.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return null;
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'op', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'num', v: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ t: 'str', v: m[3] });
    else out.push({ t: 'word', v: m[4] });
  }
  return out;
}

/**
 * Recursive descent over FEEL's precedence: top := 'if' top 'then' top 'else' top | or;
 * or := and ('or' and)*; and := cmp ('and' cmp)*; cmp := sum (op sum)?; sum := product
 * (('+'|'-') product)*; product := atom (('*'|'/') atom)*.
 */
class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  done(): boolean { return this.i === this.toks.length; }

  private peek(): Tok | undefined { return this.toks[this.i]; }

  private isWord(w: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'word' && t.v === w;
  }

  private isOp(o: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'op' && t.v === o;
  }

  top(): Node | null {
    if (!this.isWord('if')) return this.or();
    this.i++;
    const c = this.top();
    if (!c || !this.isWord('then')) return null;
    this.i++;
    const a = this.top();
    if (!a || !this.isWord('else')) return null;
    this.i++;
    const b = this.top();
    return b ? { k: 'if', c, a, b } : null;
  }

  private or(): Node | null {
    let a = this.and();
    while (a && this.isWord('or')) {
      this.i++;
      const b = this.and();
      a = b ? { k: 'or', a, b } : null;
    }
    return a;
  }

  private and(): Node | null {
    let a = this.cmp();
    while (a && this.isWord('and')) {
      this.i++;
      const b = this.cmp();
      a = b ? { k: 'and', a, b } : null;
    }
    return a;
  }

  private cmp(): Node | null {
    const a = this.sum();
    const t = this.peek();
    if (!a || !t || t.t !== 'op' || !CMP_OPS.has(t.v)) return a;
    this.i++;
    const b = this.sum();
    if (!b) return null;
    // FEEL chains comparisons (a < b = c); such texts go to feelin.
    const next = this.peek();
    if (next && next.t === 'op' && CMP_OPS.has(next.v)) return null;
    return { k: 'cmp', op: t.v as CmpOp, a, b };
  }

  /** `duration("P90D")`, `duration("P5Y")`, `date("2026-01-01")`: literals with one string argument. */
  private temporalLiteral(fn: 'duration' | 'date'): Node | null {
    this.i++;
    const arg = this.peek();
    if (!arg || arg.t !== 'str') return null;
    this.i++;
    if (!this.isOp(')')) return null;
    this.i++;
    if (fn === 'date') return validIsoDate(arg.v) ? { k: 'date', iso: arg.v } : null;
    const days = /^P(\d{1,6})D$/.exec(arg.v);
    if (days) return { k: 'dur', years: 0, months: 0, days: Number(days[1]) };
    const ym = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?$/.exec(arg.v);
    if (!ym || (ym[1] === undefined && ym[2] === undefined)) return null;
    return { k: 'dur', years: Number(ym[1] ?? 0), months: Number(ym[2] ?? 0), days: 0 };
  }

  /** `years and months duration(a, b).years` (or `.months`), the age rule. */
  private yearsAndMonths(): Node | null {
    for (const w of ['and', 'months', 'duration']) {
      if (!this.isWord(w)) return null;
      this.i++;
    }
    if (!this.isOp('(')) return null;
    this.i++;
    const from = this.top();
    if (!from || !this.isOp(',')) return null;
    this.i++;
    const to = this.top();
    if (!to || !this.isOp(')')) return null;
    this.i++;
    if (!this.isOp('.')) return null;
    this.i++;
    const part = this.peek();
    if (!part || part.t !== 'word' || (part.v !== 'years' && part.v !== 'months')) return null;
    this.i++;
    return { k: 'ymd', from, to, part: part.v };
  }

  private sum(): Node | null {
    let a = this.product();
    while (a && (this.isOp('+') || this.isOp('-'))) {
      const op = (this.toks[this.i++] as { v: ArithOp }).v;
      const b = this.product();
      a = b ? { k: 'arith', op, a, b } : null;
    }
    return a;
  }

  private product(): Node | null {
    let a = this.atom();
    while (a && (this.isOp('*') || this.isOp('/'))) {
      const op = (this.toks[this.i++] as { v: ArithOp }).v;
      const b = this.atom();
      a = b ? { k: 'arith', op, a, b } : null;
    }
    return a;
  }

  private atom(): Node | null {
    const t = this.peek();
    if (!t) return null;
    this.i++;
    if (t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'op') {
      if (t.v !== '(') return null;
      const inner = this.top();
      if (!inner || !this.isOp(')')) return null;
      this.i++;
      return inner;
    }
    if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
    if (t.v === 'null') return { k: 'lit', v: null };
    if (t.v === 'not') {
      if (!this.isOp('(')) return null;
      this.i++;
      const inner = this.top();
      if (!inner || !this.isOp(')')) return null;
      this.i++;
      return { k: 'not', a: inner };
    }
    if ((t.v === 'duration' || t.v === 'date') && this.isOp('(')) return this.temporalLiteral(t.v);
    if (t.v === 'years') return this.yearsAndMonths();
    if (RESERVED.has(t.v) && t.v !== 'today') return null;
    return { k: 'name', name: t.v };
  }
}

function parseExpr(text: string): Node | null {
  const toks = tokenize(text);
  if (!toks) return null;
  const p = new Parser(toks);
  const node = p.top();
  return node && p.done() ? node : null;
}

const exprCache = new Map<string, Node | null>();
const testCache = new Map<string, Test | null>();
// Expressions come from definitions, so the caches stay small; the bound only guards against
// callers that evaluate ever new texts.
const CACHE_LIMIT = 5000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function compiledExpr(text: string): Node | null {
  const hit = exprCache.get(text);
  if (hit !== undefined) return hit;
  let node: Node | null = null;
  try {
    node = parseExpr(text);
  } catch {
    node = null;
  }
  return remember(exprCache, text, node);
}

const UNARY = /^\s*(<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?|"[^"\\\n]*"|true|false)\s*$/;

export function compiledTest(text: string): Test | null {
  const hit = testCache.get(text);
  if (hit !== undefined) return hit;
  const m = UNARY.exec(text);
  let test: Test | null = null;
  if (m) {
    const lit = m[2];
    const v = lit.startsWith('"') ? lit.slice(1, -1) : lit === 'true' ? true : lit === 'false' ? false : Number(lit);
    test = { op: (m[1] as CmpOp | undefined) ?? '=', b: { k: 'lit', v } };
  }
  return remember(testCache, text, test);
}
