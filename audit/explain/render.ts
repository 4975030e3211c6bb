/** Markdown and HTML of a Begründung. Every text is escaped: citizen words can never become markup in either. */
import type { Doc, Para } from './document';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML[c]);

/**
 * Markdown: HTML-significant characters become entities (Markdown passes raw HTML through) and
 * every Markdown-significant character is backslash-escaped, so no citizen text turns into a
 * link, emphasis, table cell or HTML. `escapeMarkdown` is for text that starts a line (it also
 * escapes list and heading markers there); `escapeInline` for text inside a line.
 */
export function escapeInline(s: string): string {
  return s
    .replace(/[&<>]/g, (c) => HTML[c])
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

export function escapeMarkdown(s: string): string {
  return escapeInline(s).replace(/^(\s*)([-=+#>]|\d+\.)(?=\s|$)/, (_m, sp: string, mark: string) => `${sp}${mark.replace(/([-=+#>.])/, '\\$1')}`);
}

const mdPara = (p: Para): string => (p.lead ? `**${escapeInline(p.lead)}** ${escapeInline(p.text)}` : escapeMarkdown(p.text));

export function toMarkdown(doc: Doc): string {
  const out = [`# ${escapeInline(doc.title)}`, '', ...doc.meta.map(([k, v]) => `- **${escapeInline(k)}:** ${escapeInline(v)}`), ''];
  for (const s of doc.sections) {
    out.push(`## ${escapeInline(s.heading)}`, '');
    for (const p of s.paragraphs) out.push(mdPara(p), '');
    if (s.list) out.push(...s.list.map((i) => `- ${escapeMarkdown(i)}`), '');
    if (s.table) {
      out.push(`| ${s.table.head.map(escapeInline).join(' | ')} |`, `|${s.table.head.map(() => '---').join('|')}|`);
      for (const r of s.table.rows) out.push(`| ${r.map(escapeInline).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

const htmlPara = (p: Para): string => `<p>${p.lead ? `<strong>${escapeHtml(p.lead)}</strong> ` : ''}${escapeHtml(p.text)}</p>`;

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}'
  + 'table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}'
  + 'th{background:#eee}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}'
  + 'section.integrity p{font-size:.85rem;word-break:break-all;color:#333}';

export function toHtml(doc: Doc): string {
  const parts = [
    '<!doctype html>', `<html lang="${doc.lang}">`, '<head><meta charset="utf-8">', `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`, '</head>', '<body>', `<h1>${escapeHtml(doc.title)}</h1>`, '<dl>',
    ...doc.meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`), '</dl>',
  ];
  doc.sections.forEach((s, i) => {
    parts.push(`<section${i === doc.sections.length - 1 ? ' class="integrity"' : ''}>`, `<h2>${escapeHtml(s.heading)}</h2>`);
    for (const p of s.paragraphs) parts.push(htmlPara(p));
    if (s.list) parts.push('<ul>', ...s.list.map((x) => `<li>${escapeHtml(x)}</li>`), '</ul>');
    if (s.table) {
      parts.push('<table>', `<thead><tr>${s.table.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
      for (const r of s.table.rows) parts.push(`<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
      parts.push('</tbody>', '</table>');
    }
    parts.push('</section>');
  });
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
