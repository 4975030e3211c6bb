/** `amtsweg translate`: drafts of missing translations for a person to review and merge. */
export { draftTranslations, TRANSLATE_PROMPT } from './draft';
export { DraftFile, DRAFT_SUFFIX, draftYaml, isDraftFile, parseDraft } from './draft-file';
export { draftProblems, mergeDraftFile, mergeDraftText, TranslationMergeError } from './merge';
export { missingTexts, placeholders, type MissingText } from './texts';
