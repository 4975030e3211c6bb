/**
 * Plural forms by the CLDR rules of `Intl.PluralRules`: German and English need one/other,
 * Polish, Russian and Ukrainian one/few/many/other, Arabic zero/one/two/few/many/other.
 * A text writes `{plural n: Jahr | Jahre}` (one | other) or names the categories:
 * `{plural n: one=рік | few=роки | many=років | other=року}`. A missing category falls back to
 * `other`; `verify` reports every plural that lacks a category its text's locale needs.
 */

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** The word forms of one `{plural}`; `other` is always there. */
export type PluralForms = Partial<Record<PluralCategory, string>> & { other: string };

const RULES = new Map<string, Intl.PluralRules>();
function rules(locale: string): Intl.PluralRules {
  let r = RULES.get(locale);
  if (!r) { r = new Intl.PluralRules(locale); RULES.set(locale, r); }
  return r;
}

/** The CLDR category of a count in a locale ("pl", 5 → "many"). */
export function pluralCategory(locale: string, n: number): PluralCategory {
  return rules(locale).select(n) as PluralCategory;
}

/** The categories a locale's texts must name (in CLDR order). */
export function requiredCategories(locale: string): PluralCategory[] {
  const have = new Set(rules(locale).resolvedOptions().pluralCategories as string[]);
  return PLURAL_CATEGORIES.filter((c) => have.has(c));
}

/** The word for a count: its category's form, else `other`. */
export function pickPlural(forms: PluralForms, category: PluralCategory): string {
  return forms[category] ?? forms.other;
}

/** The categories a `{plural}` names but its locale needs and lacks. */
export function missingCategories(forms: PluralForms, locale: string): PluralCategory[] {
  return requiredCategories(locale).filter((c) => forms[c] === undefined);
}

/**
 * Parses the part after the colon: two plain forms (one | other) or named ones (`few=роки`).
 * Returns a message on a bad list.
 */
export function parsePluralForms(list: string): PluralForms | string {
  const parts = list.split('|').map((f) => f.trim());
  const named = parts.map((p) => /^([a-z]+)\s*=\s*(.*)$/s.exec(p));
  if (named.every((m) => m === null)) {
    if (parts.length !== 2 || parts.some((p) => !p)) return 'two forms (singular | plural) or named CLDR categories';
    return { one: parts[0], other: parts[1] };
  }
  if (named.some((m) => m === null)) return 'either all forms named (one=… | other=…) or none';
  const forms: Partial<Record<PluralCategory, string>> = {};
  for (const m of named as RegExpExecArray[]) {
    const cat = m[1] as PluralCategory;
    if (!PLURAL_CATEGORIES.includes(cat)) return `"${m[1]}" is no CLDR plural category (${PLURAL_CATEGORIES.join(', ')})`;
    if (forms[cat] !== undefined) return `"${cat}" is named twice`;
    forms[cat] = m[2].trim();
  }
  if (forms.other === undefined) return 'the category "other" is missing';
  return forms as PluralForms;
}
