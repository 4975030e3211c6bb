/** Explain: the Begründung (§ 39 VwVfG) of a decision, as Markdown or HTML, in German or English. */
import type { AuditBundle } from '../bundle-schema';
import { bundleDefinition } from '../definition';
import { AuditError } from '../errors';
import { replayBundle } from '../replay';
import { buildDocument, type Doc } from './document';
import { toHtml, toMarkdown } from './render';
import type { ExplainLang } from './texts';

export type { ExplainLang } from './texts';
export type { Doc, Para, Section } from './document';
export { escapeHtml, escapeMarkdown, toHtml, toMarkdown } from './render';
export type ExplainFormat = 'md' | 'html';

/** The document of reasons for a checked bundle; refuses a bundle that does not replay. */
export function explainDocument(bundle: AuditBundle, file: string, lang: ExplainLang): Doc {
  if (lang !== 'de' && lang !== 'en') throw new AuditError('bad_lang', `unknown language "${String(lang)}"; use de or en.`);
  // Reasons are only given for what the record proves: the sections read below must replay.
  const replay = replayBundle(bundle, file);
  if (!replay.ok && !replay.purged) {
    const d = replay.difference!;
    throw new AuditError('bundle_differs', `${file}: the bundle does not replay (event ${d.seq}, ${d.type}, ${d.path}); no reasons are given for a record that does not hold. Run \`amtsweg replay ${file}\` for both sides.`);
  }
  return buildDocument(bundle, bundleDefinition(bundle, file), lang);
}

/** The reasons of a checked bundle as Markdown or HTML. */
export function explainBundle(bundle: AuditBundle, file: string, opts: { lang?: ExplainLang; format?: ExplainFormat } = {}): string {
  const doc = explainDocument(bundle, file, opts.lang ?? 'de');
  doc.sections.forEach((sec, i) => { sec.heading = `${i + 1}. ${sec.heading}`; });
  return (opts.format ?? 'md') === 'html' ? toHtml(doc) : toMarkdown(doc);
}
