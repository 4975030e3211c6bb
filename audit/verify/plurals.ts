/**
 * `{plural}` forms a text's language needs by CLDR: a Polish, Russian or Ukrainian text naming
 * only two forms would say "5 lata" instead of "5 lat"; verify names the missing categories.
 */
import type { LocalizedText, ServiceDefinition } from '../../core/definition/schema';
import { missingCategories, parseTemplate, type TemplateNode } from '../../core/template';
import { report, type VerifyContext } from './problem';
import { textsOf } from './translations';

function plurals(nodes: TemplateNode[], out: Extract<TemplateNode, { t: 'plural' }>[] = []): typeof out {
  for (const n of nodes) {
    if (n.t === 'plural') out.push(n);
    if (n.t === 'if') {
      for (const b of n.branches) plurals(b.body, out);
      plurals(n.otherwise, out);
    }
  }
  return out;
}

const versions = (text: LocalizedText): [string, string, boolean][] =>
  typeof text === 'string' ? [['de', text, false]] : Object.entries(text).filter((e): e is [string, string] => typeof e[1] === 'string').map(([l, t]) => [l, t, true]);

export function checkPlurals(def: ServiceDefinition, ctx: VerifyContext): void {
  for (const { path, text } of textsOf(def)) {
    for (const [locale, source, keyed] of versions(text)) {
      const parsed = parseTemplate(source);
      if (!parsed.ok) continue;
      for (const p of plurals(parsed.nodes)) {
        const missing = missingCategories(p.forms, locale);
        if (missing.length === 0) continue;
        const at = keyed ? [...path, locale] : path;
        const named = missing.map((c) => `${c}=…`).join(' | ');
        report(ctx, 'plural_category_missing', 'error', at,
          `${at.join('.')}: {plural ${p.path}} has no ${missing.join(', ')} form, which ${locale} needs (CLDR); those counts would get the "other" form`,
          `name every category: {plural ${p.path}: ${named} | other=…}`,
          [`${at.join('.')}: {plural ${p.path}} hat keine Form für ${missing.join(', ')}, die ${locale} braucht (CLDR)`, `nennen Sie jede Kategorie: {plural ${p.path}: ${named} | other=…}`]);
      }
    }
  }
}
