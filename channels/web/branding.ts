/**
 * A city's branding for the chat page and the widget: name, crest, colours, links to the legally
 * required pages, opening hours and phone number. One YAML file (`AMTSWEG_BRANDING`, default
 * `./branding.yaml`, else the built-in neutral look), read again whenever it changes on disk, so
 * a city changes its page without touching code. Colours that would break WCAG AA contrast are
 * refused, with the nearest colour that passes named in the error.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { adjustForContrast, contrastRatio, parseHex } from './contrast';
import { BrandingError, type BrandingProblem } from './errors';

const Text = z.union([z.string().min(1), z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1))]);
const Url = z.string().regex(/^(https?:\/\/|\/)[^\s"'<>]*$/, { message: 'expected an https:// URL or a path starting with /' });
const Colour = z.string().refine((v) => parseHex(v) !== null, { message: 'expected a colour written #rrggbb or #rgb' });

/** The branding file's schema. */
export const BrandingFile = z.object({
  name: Text.describe('The office as citizens know it, e.g. "Stadt Gelsenkirchen – Bürgerservice"'),
  crest: z.string().optional().describe('Path (relative to the branding file) of an SVG or PNG crest/logo'),
  crest_alt: Text.optional().describe('Text alternative of the crest, e.g. "Wappen der Stadt Gelsenkirchen"'),
  colors: z.object({
    primary: Colour.default('#0b4dad'), on_primary: Colour.default('#ffffff'),
    human: Colour.default('#1f5130'), text: Colour.default('#1a1a1a'), background: Colour.default('#ffffff'),
  }).strict().default({ primary: '#0b4dad', on_primary: '#ffffff', human: '#1f5130', text: '#1a1a1a', background: '#ffffff' }),
  links: z.object({
    impressum: Url, datenschutz: Url, barrierefreiheit: Url.default('/barrierefreiheit'),
    leichte_sprache: Url.default('/leichte-sprache'),
  }).strict(),
  opening_hours: Text.optional(),
  phone: z.string().regex(/^\+?[0-9 ()/-]{5,}$/, { message: 'expected a phone number such as +49 209 169-0' }).optional(),
  email: z.string().email().optional(),
  /** Origins of the city's own websites that may embed the widget (CORS for the citizen API). */
  widget_origins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, { message: 'expected an origin such as https://www.gelsenkirchen.de' })).default([]),
}).strict();
export type BrandingFile = z.infer<typeof BrandingFile>;

/** Branding ready to serve: texts still per locale, the crest as bytes. */
export interface Branding extends BrandingFile {
  crestFile?: { bytes: Buffer; type: string; ext: string };
}

/** The neutral default: no city name, no crest; links point to amtsweg's own pages. */
export const DEFAULT_BRANDING: Branding = BrandingFile.parse({
  name: { de: 'Bürgerservice', en: 'Citizen service' },
  links: { impressum: '/barrierefreiheit#betreiber', datenschutz: '/barrierefreiheit#betreiber' },
});

const AA = 4.5;

/** Every colour pair the page uses, checked against WCAG AA (4.5:1 for normal text). */
export function contrastProblems(colors: BrandingFile['colors']): BrandingProblem[] {
  const pairs: { fg: keyof typeof colors; bg: keyof typeof colors; use: string }[] = [
    { fg: 'text', bg: 'background', use: 'body text' },
    { fg: 'on_primary', bg: 'primary', use: 'text on buttons' },
    { fg: 'primary', bg: 'background', use: 'links and outlined buttons' },
    { fg: 'on_primary', bg: 'human', use: 'the "talk to a person" button' },
  ];
  const out: BrandingProblem[] = [];
  for (const p of pairs) {
    const ratio = contrastRatio(colors[p.fg], colors[p.bg]);
    if (ratio >= AA) continue;
    const moved = p.fg === 'on_primary' ? p.bg : p.fg;
    const other = moved === p.fg ? colors[p.bg] : colors[p.fg];
    const fix = adjustForContrast(colors[moved], other, AA);
    out.push({
      code: 'contrast', path: `colors.${moved}`,
      message: `colors.${p.fg} ${colors[p.fg]} on colors.${p.bg} ${colors[p.bg]} (${p.use}) has contrast ${ratio.toFixed(2)}:1; WCAG AA needs 4.5:1. Use colors.${moved}: "${fix}" or another colour that passes.`,
    });
  }
  return out;
}

const CREST_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp' };

/** Parses and checks a branding file's text; throws BrandingError with every problem. */
export function parseBranding(text: string, file: string): Branding {
  let raw: unknown;
  try { raw = parse(text); } catch (e) {
    throw new BrandingError(file, [{ code: 'yaml', path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const r = BrandingFile.safeParse(raw);
  if (!r.success) {
    throw new BrandingError(file, r.error.issues.map((i) => ({ code: 'schema', path: i.path.join('.'), message: i.message })));
  }
  const problems = contrastProblems(r.data.colors);
  if (problems.length > 0) throw new BrandingError(file, problems);
  const b: Branding = { ...r.data };
  if (r.data.crest) {
    const path = resolve(dirname(file), r.data.crest);
    const ext = extname(path).toLowerCase();
    const type = CREST_TYPES[ext];
    if (!type) throw new BrandingError(file, [{ code: 'crest', path: 'crest', message: `${r.data.crest}: use an .svg, .png or .webp file` }]);
    try { b.crestFile = { bytes: readFileSync(path), type, ext }; } catch {
      throw new BrandingError(file, [{ code: 'crest', path: 'crest', message: `${path} cannot be read; put the crest there or fix the path` }]);
    }
  }
  return b;
}

/** Reads a branding file; throws BrandingError. */
export function loadBranding(file: string): Branding {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch {
    throw new BrandingError(file, [{ code: 'missing', path: '', message: 'the file cannot be read; check AMTSWEG_BRANDING' }]);
  }
  return parseBranding(text, file);
}

/** A text of the branding in a locale (German, then the first one, as fallback). */
export function brandText(t: z.infer<typeof Text> | undefined, locale: string): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t[locale] ?? t.de ?? Object.values(t)[0] ?? '';
}

/**
 * A source of the current branding: the file is read again when its modification time changes;
 * a broken edit keeps the last good branding and reports the problem once.
 */
export function brandingSource(file: string | undefined, onProblem: (e: BrandingError) => void = () => {}): () => Branding {
  if (!file) return () => DEFAULT_BRANDING;
  let current = loadBranding(file);
  const stampOf = () => { const st = statSync(file); return `${st.mtimeMs}:${st.size}`; };
  let stamp = stampOf();
  return () => {
    try {
      const m = stampOf();
      if (m !== stamp) {
        stamp = m;
        current = loadBranding(file);
      }
    } catch (e) {
      if (e instanceof BrandingError) onProblem(e);
    }
    return current;
  };
}
