/** Free-text extractor: the trimmed, normalised message. Length and pattern rules live in slot.ts. */
import { normalizeText } from './normalize';
import type { ExtractContext, Extraction } from './types';

/** The whole message as text; an empty message is none. */
export function extractText(text: string, _ctx?: ExtractContext): Extraction<string> {
  const value = normalizeText(text);
  if (!value) return { kind: 'none' };
  return { kind: 'value', value, evidence: value };
}
