/**
 * The draft file `amtsweg translate` writes for a person to review: `<service>.<locale>.translation.yaml`
 * next to the definition. It is no definition (catalog and serve skip it); `verify` refuses it
 * while `reviewed` is false; `amtsweg translate --merge` copies the texts into the definition
 * only after a person set `reviewed: true`.
 */
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../../core/definition/schema';

export const DRAFT_SUFFIX = '.translation.yaml';

/** A file name of a translation draft. */
export const isDraftFile = (name: string): boolean => name.endsWith(DRAFT_SUFFIX);

export const DraftEntry = z.object({
  path: z.string().min(1).describe('YAML path of the text in the definition, e.g. slots.anliegen.ask'),
  de: z.string(),
  en: z.string().optional(),
  text: z.string().describe('The drafted translation; edit it when reviewing'),
}).strict();

export const DraftFile = z.object({
  kind: z.literal('amtsweg-translation-draft'),
  service: z.string(),
  definition: z.string().describe('The definition file, relative to this draft'),
  locale: z.enum(LOCALES),
  drafted_by: z.string().describe('Model and prompt hash that drafted the texts'),
  reviewed: z.boolean().describe('Set to true after a person checked every text'),
  reviewed_by: z.string().optional(),
  texts: z.array(DraftEntry),
  not_drafted: z.array(z.object({ path: z.string(), reason: z.string() }).strict()).default([]),
}).strict();
export type DraftFile = z.infer<typeof DraftFile>;

/** The draft as YAML, with a header that says what to do with it. */
export function draftYaml(d: DraftFile): string {
  const head = [
    `# Draft translations of ${d.service} into "${d.locale}", written by a language model (${d.drafted_by}).`,
    '# NOT REVIEWED. A person who reads both languages checks and corrects every "text" below,',
    '# then sets `reviewed: true` (and `reviewed_by`) and runs:',
    `#   amtsweg translate --merge <this file>`,
    '# `amtsweg verify` refuses this file while `reviewed` is false.',
    '',
  ].join('\n');
  return head + stringify(d, { lineWidth: 0 });
}

/** Parses a draft file; throws an Error naming the field on a bad one. */
export function parseDraft(text: string, file: string): DraftFile {
  let raw: unknown;
  try { raw = parse(text); } catch (e) { throw new Error(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`); }
  const r = DraftFile.safeParse(raw);
  if (!r.success) throw new Error(`${file}: not a translation draft: ${r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return r.data;
}
