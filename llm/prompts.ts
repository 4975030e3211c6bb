/**
 * Versioned prompt files (`prompts/<name>.v<n>.md`). The text is loaded once; its sha256 (first
 * 16 hex digits) goes into the trail with the model name, so an auditor knows exactly which
 * instructions the model got.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PromptNotFoundError } from './errors';

export interface Prompt { name: string; text: string; hash: string }

/** The repository's prompts folder. */
export const PROMPTS_DIR = path.join(__dirname, '..', 'prompts');

/** Current versions of the prompts in use. */
export const PROMPT_NAMES = { extract: 'extract-slots.v1', route: 'route-service.v1', answer: 'choose-answer.v1' } as const;

const cache = new Map<string, Prompt>();

export function promptHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Loads `prompts/<name>.md` (cached). */
export function loadPrompt(name: string, dir = PROMPTS_DIR): Prompt {
  const key = `${dir}\u0000${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = path.join(dir, `${name}.md`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new PromptNotFoundError(name, dir);
  }
  const prompt = { name, text, hash: promptHash(text) };
  cache.set(key, prompt);
  return prompt;
}
