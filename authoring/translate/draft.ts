/**
 * Drafting missing translations with the configured LLM, for a person to review. The model gets
 * the German text (and English as context) and returns one translation per text id; a draft that
 * loses or changes a placeholder is not kept (listed under `not_drafted`), because a broken
 * template is worse than a German text. Nothing here runs when a citizen talks to amtsweg.
 */
import type { Locale, ServiceDefinition } from '../../core/definition/schema';
import type { LlmClient } from '../../llm/client';
import { loadPrompt } from '../../llm/prompts';
import type { DraftFile } from './draft-file';
import { missingTexts, placeholders, type MissingText } from './texts';

export const TRANSLATE_PROMPT = 'translate-texts.v1';
const BATCH = 8;

const NAMES: Partial<Record<Locale, string>> = {
  en: 'English', tr: 'Turkish', ar: 'Arabic (Modern Standard Arabic)', uk: 'Ukrainian', ru: 'Russian', pl: 'Polish',
  fr: 'French', es: 'Spanish', it: 'Italian',
};

const SCHEMA = {
  type: 'object', additionalProperties: false, required: ['translations'],
  properties: {
    translations: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['id', 'text'], properties: { id: { type: 'string' }, text: { type: 'string' } } },
    },
  },
};

async function draftBatch(client: LlmClient, system: string, locale: Locale, batch: MissingText[]): Promise<Map<string, string>> {
  const items = batch.map((t, i) => ({ id: `t${i + 1}`, de: t.de, ...(t.en ? { en: t.en } : {}) }));
  const user = `TARGET: ${NAMES[locale] ?? locale} (${locale})\nTEXTS:\n${JSON.stringify(items, null, 1)}`;
  const reply = await client.completeJson({ system, user, schema: SCHEMA, schemaName: 'translations' });
  const out = new Map<string, string>();
  const list = (reply.json as { translations?: { id?: unknown; text?: unknown }[] } | null)?.translations ?? [];
  for (const e of list) {
    const i = typeof e.id === 'string' ? Number(e.id.slice(1)) - 1 : -1;
    if (i >= 0 && i < batch.length && typeof e.text === 'string' && e.text.trim()) out.set(batch[i].path, e.text.trim());
  }
  return out;
}

/** Drafts every missing `locale` text of `def`; the result is unreviewed by construction. */
export async function draftTranslations(def: ServiceDefinition, definitionFile: string, locale: Locale, client: LlmClient): Promise<DraftFile> {
  const prompt = loadPrompt(TRANSLATE_PROMPT);
  const missing = missingTexts(def, locale);
  const draft: DraftFile = {
    kind: 'amtsweg-translation-draft', service: def.service, definition: definitionFile, locale,
    drafted_by: `${client.config.model} · prompt ${prompt.name} ${prompt.hash}`, reviewed: false, texts: [], not_drafted: [],
  };
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    let got: Map<string, string>;
    try {
      got = await draftBatch(client, prompt.text, locale, batch);
    } catch (e) {
      for (const t of batch) draft.not_drafted.push({ path: t.path, reason: `the model did not answer (${(e as { code?: string }).code ?? 'error'})` });
      continue;
    }
    for (const t of batch) {
      const text = got.get(t.path);
      if (!text) { draft.not_drafted.push({ path: t.path, reason: 'the model returned no translation' }); continue; }
      if (placeholders(text).join('\u0000') !== placeholders(t.de).join('\u0000')) {
        draft.not_drafted.push({ path: t.path, reason: `placeholders changed: expected ${placeholders(t.de).join(' ') || 'none'}, got ${placeholders(text).join(' ') || 'none'}` });
        continue;
      }
      draft.texts.push({ path: t.path, de: t.de, ...(t.en ? { en: t.en } : {}), text });
    }
  }
  return draft;
}
