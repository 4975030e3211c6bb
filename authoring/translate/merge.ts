/**
 * Merging a reviewed draft into its definition: each text becomes `{ de: …, <locale>: … }` in
 * the YAML (comments and layout elsewhere kept), the locale joins `locales:`, and the result
 * must load without errors before the file is written. An unreviewed draft is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { loadServiceSource } from '../../catalog';
import type { Problem } from '../../core/definition/problem';
import { parseDraft, type DraftFile } from './draft-file';

/** Why a merge did not happen: data with a code. */
export class TranslationMergeError extends Error {
  constructor(readonly code: 'not_reviewed' | 'path_missing' | 'invalid_result' | 'wrong_service', message: string) {
    super(message);
    this.name = 'TranslationMergeError';
  }
}

const segments = (path: string): (string | number)[] => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

function setText(doc: Document, path: string, locale: string, text: string): void {
  const segs = segments(path);
  const node = doc.getIn(segs, true);
  if (isScalar(node) && typeof node.value === 'string') {
    doc.setIn(segs, doc.createNode({ de: node.value, [locale]: text }, { flow: true }));
  } else if (isMap(node)) {
    node.set(locale, text);
  } else {
    throw new TranslationMergeError('path_missing', `${path}: no text there in the definition any more; draft again with amtsweg translate`);
  }
}

function addLocale(doc: Document, locale: string): void {
  const node = doc.get('locales', true);
  if (isSeq(node)) {
    if (!node.items.some((i) => isScalar(i) && i.value === locale)) node.add(doc.createNode(locale));
    node.flow = true;
  } else {
    const l = doc.createNode(['de', 'en', locale]);
    l.flow = true;
    doc.set('locales', l);
  }
}

/** The definition text with the draft merged in; throws TranslationMergeError. */
export function mergeDraftText(source: string, definitionFile: string, draft: DraftFile): string {
  if (!draft.reviewed) {
    throw new TranslationMergeError('not_reviewed', `the draft is not reviewed: check every text, set "reviewed: true", then merge again`);
  }
  const doc = parseDocument(source);
  if (doc.get('service') !== draft.service) {
    throw new TranslationMergeError('wrong_service', `the draft is for "${draft.service}", ${definitionFile} defines "${String(doc.get('service'))}"`);
  }
  for (const t of draft.texts) setText(doc, t.path, draft.locale, t.text);
  addLocale(doc, draft.locale);
  const out = doc.toString({ lineWidth: 0 });
  const errors = loadServiceSource(out, definitionFile).problems.filter((p: Problem) => p.severity === 'error');
  if (errors.length > 0) {
    throw new TranslationMergeError('invalid_result', `the merged definition would not load: ${errors.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
  }
  return out;
}

/** Merges a reviewed draft file into the definition it names; returns the definition's path. */
export function mergeDraftFile(draftFile: string): { definition: string; texts: number } {
  const draft = parseDraft(readFileSync(draftFile, 'utf8'), draftFile);
  const definition = resolve(dirname(draftFile), draft.definition);
  writeFileSync(definition, mergeDraftText(readFileSync(definition, 'utf8'), definition, draft));
  return { definition, texts: draft.texts.length };
}

/** verify's view of a draft: an unreviewed one is an error; a reviewed one not yet merged, a warning. */
export function draftProblems(draftFile: string): Problem[] {
  const at = { file: draftFile, line: 1, col: 1, path: [] as (string | number)[] };
  let draft: DraftFile;
  try { draft = parseDraft(readFileSync(draftFile, 'utf8'), draftFile); } catch (e) {
    return [{ ...at, code: 'translation_draft_invalid', severity: 'error', message: (e as Error).message }];
  }
  if (!draft.reviewed) {
    return [{
      ...at, code: 'translation_unreviewed', severity: 'error',
      message: `${draft.texts.length} machine-drafted ${draft.locale} text(s) for ${draft.service} are not reviewed`,
      hint: 'a person checks and corrects every text, sets "reviewed: true", then runs amtsweg translate --merge <draft>',
    }];
  }
  return [{
    ...at, code: 'translation_unmerged', severity: 'warning',
    message: `reviewed ${draft.locale} texts for ${draft.service} are not merged yet`,
    hint: `run amtsweg translate --merge ${draftFile}`,
  }];
}
