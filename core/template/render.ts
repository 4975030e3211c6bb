/** Renders a parsed template with a resolver for values and an evaluator for conditions. */
import type { TemplateNode } from './parse';
import { pickPlural, type PluralCategory } from './plural';

/** What rendering needs from its caller; `missing` is called for each inserted value that is absent or null. */
export interface TemplateEnv {
  /** The text of a value, or null when it is absent or null. */
  text(path: string): string | null;
  /** The raw value of a path (for plural forms). */
  raw(path: string): unknown;
  /** A FEEL condition; false for null. */
  cond(expr: string): boolean;
  /** The CLDR plural category of a count in the text's locale (default: one for 1, other otherwise). */
  plural?(n: number): PluralCategory;
  /** Shown for a missing value (e.g. "(keine Angabe)"). */
  missingText: string;
  missing?(path: string, at: number): void;
}

/** Renders nodes to text. */
export function renderNodes(nodes: TemplateNode[], env: TemplateEnv): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text': out += n.v; break;
      case 'insert': {
        const text = env.text(n.path);
        if (text === null) {
          env.missing?.(n.path, n.at);
          out += env.missingText;
        } else out += text;
        break;
      }
      case 'plural': {
        const v = env.raw(n.path);
        if (typeof v !== 'number') env.missing?.(n.path, n.at);
        const category = typeof v === 'number' && env.plural ? env.plural(v) : v === 1 ? 'one' : 'other';
        out += pickPlural(n.forms, category);
        break;
      }
      case 'if': {
        const hit = n.branches.find((b) => env.cond(b.cond));
        out += renderNodes(hit ? hit.body : n.otherwise, env);
        break;
      }
    }
  }
  return out;
}
