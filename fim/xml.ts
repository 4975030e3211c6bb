/**
 * A small, strict XML reader for FIM files: elements, attributes, text, CDATA, comments and
 * processing instructions, with namespace prefixes dropped and every element's line and column.
 * Broken input raises an {@link XmlError} naming the element and the position, never a crash.
 */

export interface XmlElement {
  /** Local name (prefix dropped): `xdf:datenfeld` → `datenfeld`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  col: number;
}

export class XmlError extends Error {
  readonly code = 'fim_xml';
  constructor(message: string, readonly line: number, readonly col: number) { super(message); }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, at: () => [number, number]): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    const v = ENTITIES[e];
    if (v === undefined) { const [l, c] = at(); throw new XmlError(`unknown entity ${m}; write &amp; for a literal &`, l, c); }
    return v;
  });
}

const local = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** Parses an XML text into its root element. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (n: number): void => {
    for (let k = 0; k < n && i < text.length; k++, i++) {
      if (text[i] === '\n') { line += 1; col = 1; } else col += 1;
    }
  };
  const pos = (): [number, number] => [line, col];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipTo = (end: string, what: string): void => {
    const j = text.indexOf(end, i);
    if (j < 0) throw new XmlError(`${what} is never closed (missing "${end}")`, line, col);
    advance(j + end.length - i);
  };
  if (text.charCodeAt(0) === 0xfeff) advance(1);
  while (i < text.length) {
    if (text.startsWith('<?', i)) { skipTo('?>', 'a processing instruction'); continue; }
    if (text.startsWith('<!--', i)) { skipTo('-->', 'a comment'); continue; }
    if (text.startsWith('<![CDATA[', i)) {
      const j = text.indexOf(']]>', i);
      if (j < 0) throw new XmlError('a CDATA section is never closed', line, col);
      if (stack.length > 0) stack[stack.length - 1].text += text.slice(i + 9, j);
      advance(j + 3 - i);
      continue;
    }
    if (text.startsWith('<!', i)) { skipTo('>', 'a declaration'); continue; }
    if (text.startsWith('</', i)) {
      const [l, c] = pos();
      const m = /^<\/([^\s>]+)\s*>/.exec(text.slice(i, i + 300));
      if (!m) throw new XmlError('a closing tag is broken', l, c);
      const open = stack.pop();
      if (!open) throw new XmlError(`</${m[1]}> closes nothing`, l, c);
      if (local(m[1]) !== open.name) throw new XmlError(`</${m[1]}> closes <${open.name}> opened at line ${open.line}, column ${open.col}; close <${open.name}> first`, l, c);
      open.text = open.text.trim();
      advance(m[0].length);
      continue;
    }
    if (text[i] === '<') {
      const [l, c] = pos();
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i, i + 4000));
      if (!m) {
        const name = /^<([\w.:-]*)/.exec(text.slice(i))?.[1] ?? '';
        throw new XmlError(`the start tag <${name}> is broken (attributes need quotes, the tag needs ">")`, l, c);
      }
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[local(a[1])] = decode(a[2] ?? a[3] ?? '', pos);
      const el: XmlElement = { name: local(m[1]), attrs, children: [], text: '', line: l, col: c };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else if (root) throw new XmlError(`a second root element <${el.name}>; an XML file has exactly one`, l, c);
      else root = el;
      if (!m[3]) stack.push(el);
      advance(m[0].length);
      continue;
    }
    const j = text.indexOf('<', i);
    const end = j < 0 ? text.length : j;
    const chunk = text.slice(i, end);
    if (stack.length > 0) stack[stack.length - 1].text += decode(chunk, pos);
    else if (chunk.trim()) throw new XmlError('text outside the root element', line, col);
    advance(end - i);
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    throw new XmlError(`<${open.name}> opened at line ${open.line}, column ${open.col} is never closed`, open.line, open.col);
  }
  if (!root) throw new XmlError('the file holds no XML element', 1, 1);
  return root;
}

/** First child with a local name. */
export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
/** All children with a local name. */
export const childrenOf = (el: XmlElement | undefined, name: string): XmlElement[] => el?.children.filter((c) => c.name === name) ?? [];
/** Text of a path of children, e.g. textAt(feld, 'identifikation', 'id'). */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  const t = cur?.text.trim();
  return t ? t : undefined;
}
