/** WCAG 2.1 contrast of sRGB colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). */

/** Parses #rgb or #rrggbb; null for anything else. */
export function parseHex(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? m[1].split('').map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a colour. */
export function luminance(rgb: [number, number, number]): number {
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

/** Contrast ratio of two #hex colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

const toHex = (rgb: number[]): string => `#${rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;

/**
 * The nearest colour of the same hue, darkened (or lightened when `against` is dark) in small
 * steps until it reaches `ratio` against `against`; offered to the operator as a fix.
 */
export function adjustForContrast(colour: string, against: string, ratio: number): string {
  const rgb = parseHex(colour);
  const bg = parseHex(against);
  if (!rgb || !bg) return colour;
  const darken = luminance(bg) > 0.18;
  for (let k = 0; k <= 100; k++) {
    const f = k / 100;
    const c = rgb.map((v) => (darken ? v * (1 - f) : v + (255 - v) * f));
    const hex = toHex(c);
    if (contrastRatio(hex, against) >= ratio) return hex;
  }
  return darken ? '#000000' : '#ffffff';
}
