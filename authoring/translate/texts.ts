/** The citizen-facing texts of a definition that lack a locale, and their placeholders. */
import { textsOf } from '../../audit/verify/translations';
import type { Locale, ServiceDefinition } from '../../core/definition/schema';

export interface MissingText { path: string; de: string; en?: string }

/** Texts without a `locale` version (a plain string is German only). */
export function missingTexts(def: ServiceDefinition, locale: Locale): MissingText[] {
  const out: MissingText[] = [];
  for (const { path, text } of textsOf(def)) {
    const t = typeof text === 'string' ? { de: text } : (text as Record<string, string | undefined>);
    if (t[locale]) continue;
    out.push({ path: path.join('.'), de: t.de as string, ...(t.en ? { en: t.en } : {}) });
  }
  return out;
}

/** Placeholders and template words that a translation must keep verbatim ({name}, {if …}, {end}). */
export function placeholders(text: string): string[] {
  // In {plural n: Jahr | Jahre} only "{plural n" is fixed; the word forms are translated.
  return (text.match(/\{[^{}]*\}/g) ?? []).map((p) => (/^\{plural\s/.test(p) ? p.replace(/:.*$/s, '') : p)).sort();
}
