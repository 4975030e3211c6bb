/**
 * Server-side SVG charts of the insight page: plain shapes and text, no script, no external
 * font or asset; the page shows each as an <img> (data: URL) next to a table with the same numbers.
 */

const COLORS = ['#0b4dad', '#b35900', '#1f7a3a', '#8a1c7c', '#5a5a5a', '#a00000'];
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] as string));
const FACE = 'font-family="system-ui,Arial,sans-serif" fill="#1a1a1a"';
const FONT = `${FACE} font-size="12"`;
const HEAD = `${FACE} font-size="14" font-weight="bold"`;

/** Horizontal bars: one row per item, one segment per series (stacked), value labels at the end. */
export function barChart(title: string, rows: { label: string; values: number[] }[], series: string[], opts: { percent?: boolean } = {}): string {
  const width = 720;
  const labelW = 260;
  const rowH = 24;
  const legendH = series.length > 1 ? 22 : 0;
  const height = 34 + legendH + Math.max(1, rows.length) * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const scale = (width - labelW - 60) / (opts.percent ? 100 : max);
  const parts: string[] = [`<text x="0" y="16" ${HEAD}>${esc(title)}</text>`];
  series.forEach((s, i) => {
    if (series.length < 2) return;
    const x = i * 190;
    parts.push(`<rect x="${x}" y="26" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="36" ${FONT}>${esc(s)}</text>`);
  });
  rows.forEach((r, i) => {
    const y = 30 + legendH + i * rowH;
    const total = r.values.reduce((a, b) => a + b, 0);
    parts.push(`<text x="0" y="${y + 15}" ${FONT}>${esc(r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label)}</text>`);
    let x = labelW;
    r.values.forEach((v, j) => {
      const w = (opts.percent && total > 0 ? (v / total) * 100 : v) * scale;
      if (w > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[j % COLORS.length]}"/>`);
      x += w;
    });
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 15}" ${FONT}>${opts.percent ? `${total} Gespräche` : total}</text>`);
  });
  if (rows.length === 0) parts.push(`<text x="0" y="${44 + legendH}" ${FONT}>Keine Daten im gewählten Zeitraum.</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}

/** Vertical stacked columns over time (one column per day or week). */
export function timeChart(title: string, buckets: { bucket: string; values: number[] }[], series: string[]): string {
  const width = 720;
  const height = 260;
  const left = 40;
  const bottom = 200;
  const max = Math.max(1, ...buckets.map((b) => b.values.reduce((a, c) => a + c, 0)));
  const colW = Math.max(4, Math.min(40, (width - left - 10) / Math.max(1, buckets.length)));
  const parts: string[] = [`<text x="0" y="16" ${HEAD}>${esc(title)}</text>`];
  series.forEach((s, i) => {
    parts.push(`<rect x="${left + i * 120}" y="26" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${left + i * 120 + 16}" y="36" ${FONT}>${esc(s)}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${width}" y2="${bottom}" stroke="#767676"/><text x="0" y="${bottom}" ${FONT}>0</text><text x="0" y="58" ${FONT}>${max}</text>`);
  buckets.forEach((b, i) => {
    const x = left + i * colW;
    let y = bottom;
    b.values.forEach((v, j) => {
      const h = (v / max) * (bottom - 50);
      if (h > 0) parts.push(`<rect x="${(x + 1).toFixed(1)}" y="${(y - h).toFixed(1)}" width="${(colW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[j % COLORS.length]}"/>`);
      y -= h;
    });
    if (i === 0 || i === buckets.length - 1 || i % Math.ceil(buckets.length / 6) === 0) {
      parts.push(`<text x="${x.toFixed(1)}" y="${bottom + 16}" ${FACE} font-size="10">${esc(b.bucket.slice(5))}</text>`);
    }
  });
  if (buckets.length === 0) parts.push(`<text x="${left}" y="120" ${FONT}>Keine Daten im gewählten Zeitraum.</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}
