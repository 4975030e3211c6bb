/**
 * The real cause behind YAML's confusing messages for one space too many: a line indented deeper
 * than the line before it, although that line already has its value (`type: date` cannot have
 * children). YAML then reports "nested mappings are not allowed in compact mappings" on the line
 * before, or a chain of errors; this names the line and the column to write it at.
 */

export interface IndentProblem { line: number; col: number; expected: number; sibling: number; key: string }

const indentOf = (l: string): number => l.length - l.trimStart().length;
const blankOrComment = (l: string): boolean => l.trim() === '' || l.trimStart().startsWith('#');

/** A line `key: value` (or `- key: value`) whose value is complete on the line, so nothing may nest under it. */
function closedValue(line: string): { key: string; childCol: number } | null {
  const t = line.trimStart();
  const item = t.startsWith('- ');
  const body = item ? t.slice(2).trimStart() : t;
  const m = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?):(?:\s+(.*))?$/.exec(body);
  if (!m) return null;
  const value = (m[2] ?? '').replace(/\s+#.*$/, '').trim();
  if (value === '' || /^[|>][-+]?\d*$/.test(value) || /^&\S+$/.test(value)) return null;
  // An open flow collection continues on the next lines.
  const opens = (value.match(/[[{]/g) ?? []).length;
  const closes = (value.match(/[\]}]/g) ?? []).length;
  if (opens > closes || /^["']/.test(value) && !/["']$/.test(value)) return null;
  const childCol = indentOf(line) + (item ? line.trimStart().indexOf(body) : 0);
  return { key: m[1], childCol };
}

/**
 * Lines indented under a line that already has its value. A plain text may legally continue on a
 * deeper line, so callers use this only to explain a YAML syntax error next to it.
 */
export function indentationProblems(source: string): IndentProblem[] {
  const lines = source.split('\n');
  const out: IndentProblem[] = [];
  let prev = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (blankOrComment(l) || l.includes('\t')) continue;
    if (prev >= 0) {
      const p = lines[prev];
      const closed = closedValue(p);
      const here = indentOf(l);
      if (closed && here > closed.childCol) {
        out.push({ line: i + 1, col: here + 1, expected: closed.childCol + 1, sibling: prev + 1, key: closed.key });
      }
    }
    prev = i;
  }
  return out;
}
