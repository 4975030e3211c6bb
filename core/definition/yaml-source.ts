/** The YAML side of loading: parse with positions and find where a path of the parsed value was written. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';

export interface Position { line: number; col: number }

export interface YamlSyntaxProblem { code: string; message: string; offset: number }

/** A parsed YAML file that can answer "where was this written?" for any path into its value. */
export interface YamlSource {
  text: string;
  doc: Document;
  value: unknown;
  syntax: YamlSyntaxProblem[];
  /** Position of the value at `path`; falls back to the nearest written ancestor. */
  valueAt(path: readonly (string | number)[]): Position;
  /** Position of the key at `path` (for a map entry), else of its value. */
  keyAt(path: readonly (string | number)[]): Position;
  /** Position of character `index` of the string value at `path` (for errors inside FEEL and templates). */
  charAt(path: readonly (string | number)[], index: number): Position;
  /** The source text of the value at `path`, as written (quotes included). */
  rawText(path: readonly (string | number)[]): string | undefined;
  /** Lines (1-based) that carry a YAML syntax error. */
  brokenLines: Set<number>;
}

interface Located { node?: YamlNode; key?: YamlNode; depth: number }

/** Parses YAML text, keeping every node's offsets; never throws. */
export function parseYamlSource(text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true });
  const syntax: YamlSyntaxProblem[] = doc.errors.map((e) => ({ code: e.code, message: e.message, offset: e.pos[0] }));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    syntax.push({ code: 'TO_JS', message: (e as Error).message, offset: 0 });
    value = undefined;
  }
  const pos = (offset: number): Position => {
    const p = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const locate = (path: readonly (string | number)[]): Located => {
    let node: unknown = doc.contents;
    let key: YamlNode | undefined;
    let depth = 0;
    for (const seg of path) {
      let next: unknown;
      let nextKey: YamlNode | undefined;
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && keyText(it.key) === String(seg));
        if (pair) {
          nextKey = pair.key as YamlNode;
          next = pair.value ?? undefined;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined && nextKey === undefined) break;
      key = nextKey;
      node = next ?? null;
      depth++;
      if (next === undefined || next === null) {
        // A key with an empty value: point at the key.
        return { key, node: undefined, depth };
      }
    }
    return { node: node as YamlNode | undefined, key, depth };
  };
  const start = (n: YamlNode | undefined): number | undefined => n?.range?.[0];
  const brokenLines = new Set(syntax.map((s) => pos(s.offset).line));
  return {
    text, doc, value, syntax, brokenLines,
    valueAt(path) {
      const l = locate(path);
      const offset = l.depth === path.length ? start(l.node) ?? start(l.key) : start(l.key) ?? start(l.node);
      return pos(offset ?? 0);
    },
    keyAt(path) {
      const l = locate(path);
      return pos(start(l.key) ?? start(l.node) ?? 0);
    },
    rawText(path) {
      const l = locate(path);
      if (l.depth !== path.length || !l.node?.range) return undefined;
      return text.slice(l.node.range[0], l.node.range[1]);
    },
    charAt(path, index) {
      const l = locate(path);
      if (l.depth !== path.length || !isScalar(l.node) || typeof l.node.value !== 'string' || !l.node.range) {
        return pos(start(l.node) ?? start(l.key) ?? 0);
      }
      const [from, to] = l.node.range;
      return pos(from + offsetInScalar(text.slice(from, to), l.node.value, index, String(l.node.type)));
    },
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Maps an index into a scalar's value to an offset into its raw source. Walks both texts and
 * matches characters, so quotes, escapes (\" and '') and line folding are skipped over.
 */
export function offsetInScalar(raw: string, value: string, index: number, type: string): number {
  let r = 0;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    r = raw.indexOf('\n') + 1;
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    r = 1;
  }
  const end = value.trimEnd().length;
  // "Ends too early" errors point past the text: show them right after its last character.
  if (index >= end && end > 0) return offsetInScalar(raw, value, end - 1, type) + 1;
  const target = Math.max(0, Math.min(index, value.length));
  for (let v = 0; v <= target && v < value.length; v++) {
    const ch = value[v];
    // Folded line breaks become spaces in the value; any whitespace in the raw text matches them.
    const found = ch === ' ' ? indexOfWhitespace(raw, r) : raw.indexOf(ch, r);
    if (found < 0) return r;
    if (v === target) return found;
    r = found + 1;
  }
  return Math.min(r, raw.length);
}

function indexOfWhitespace(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) if (raw[i] === ' ' || raw[i] === '\n' || raw[i] === '\t') return i;
  return -1;
}
