/**
 * The desk's message catalogue in the languages of the city, typed so a missing key fails tsc.
 * Staff choose the language (`?lang=` on /desk, default German); the same catalogue serves the
 * pages, the browser scripts and the reason sentences of the API.
 */
import type { Locale } from '../../../core/definition/schema';
import { parseTemplate, pluralCategory, renderNodes } from '../../../core/template';
import { DESK_AR } from './ar';
import { DESK_DE, type DeskKey } from './de';
import { DESK_EN } from './en';
import { DESK_PL } from './pl';
import { DESK_RU } from './ru';
import { DESK_TR } from './tr';
import { DESK_UK } from './uk';

export type { DeskKey } from './de';

export const DESK_LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const satisfies readonly Locale[];
export type DeskLocale = (typeof DESK_LOCALES)[number];

export const DESK_TEXTS: Record<DeskLocale, Record<DeskKey, string>> = {
  de: DESK_DE, en: DESK_EN, tr: DESK_TR, ar: DESK_AR, uk: DESK_UK, ru: DESK_RU, pl: DESK_PL,
};

/** A locale the desk speaks, or German. */
export const deskLocale = (l: unknown): DeskLocale =>
  (typeof l === 'string' && (DESK_LOCALES as readonly string[]).includes(l) ? l : 'de') as DeskLocale;

/** Right-to-left locales of the desk. */
export const deskDir = (l: DeskLocale): 'rtl' | 'ltr' => (l === 'ar' ? 'rtl' : 'ltr');

/** A desk text with `{name}` filled in and `{plural n: …}` picked by the locale's CLDR rules. */
export function deskText(locale: DeskLocale, key: DeskKey, vars: Record<string, string | number> = {}): string {
  const source = DESK_TEXTS[locale][key];
  if (!source.includes('{')) return source;
  const parsed = parseTemplate(source);
  if (!parsed.ok) return source;
  return renderNodes(parsed.nodes, {
    text: (p) => (p in vars ? String(vars[p]) : null),
    raw: (p) => vars[p],
    cond: () => false,
    missingText: '',
    plural: (n) => pluralCategory(locale, n),
  });
}

/** Every text of one locale for a browser script: `t(key, vars)`. */
export const deskTranslator = (locale: DeskLocale) => (key: DeskKey, vars?: Record<string, string | number>): string => deskText(locale, key, vars);
