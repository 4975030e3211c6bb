/**
 * The `llm.answer` activity: the model chooses one of the definition's authored answer ids (or
 * `none`) for a citizen's question, with the words of the question it rests on. The schema
 * allows nothing else; what comes back is plain data for the pure core, which checks the id and
 * the evidence and always says the designer's text. Personal data is pseudonymised for external
 * providers. Never throws.
 */
import { z } from 'zod';
import type { AnswerChoiceResult, AnswerRequest } from '../core/llm/types';
import type { LlmClient } from './client';
import { failedCall, LlmError } from './errors';
import { loadPrompt, PROMPT_NAMES, type Prompt } from './prompts';
import { pseudonymise, restore } from './pseudonymise';

const MAX_MESSAGE_CHARS = 2000;

const RequestSchema = z.object({
  message: z.string(),
  locale: z.string().max(10),
  answers: z.array(z.object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/), keywords: z.array(z.string()).max(200), examples: z.array(z.string()).max(50),
  })).min(1).max(100),
  known: z.array(z.string()).optional(),
});

/** What the model must answer: an id of the offered answers or "none", and its evidence. */
export function answerChoiceSchema(ids: string[]): z.ZodType {
  return z.object({
    answer: z.enum(['none', ...ids] as [string, ...string[]]),
    evidence: z.string().describe('Exact words of the question that show what it asks'),
  }).strict();
}

// The envelope only: an id outside the enum still goes to the core, which refuses and records it.
const Envelope = z.object({ answer: z.string().max(200), evidence: z.string().max(4000).optional() }).passthrough();

export interface AnswerDeps { client: LlmClient; prompt?: Prompt }

/** Runs one answer choice. Failures come back as `{ ok: false, error }`. */
export async function chooseAnswer(input: unknown, deps: AnswerDeps): Promise<AnswerChoiceResult> {
  const prompt = deps.prompt ?? loadPrompt(PROMPT_NAMES.answer);
  const model = deps.client.config.model;
  const parsed = RequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'bad_request', message: 'llm.answer needs { message, locale, answers[] }.' }, model, promptHash: prompt.hash };
  const req = parsed.data as AnswerRequest;
  const message = req.message.slice(0, MAX_MESSAGE_CHARS);
  if (message.trim().length === 0) return { ok: true, answer: 'none', evidence: '', model, promptHash: prompt.hash };
  // The designer's keywords are what the citizen must be able to name; they are not personal.
  const keep = req.answers.flatMap((a) => [...a.keywords.flatMap((k) => k.split(/\s+/)), ...a.id.split('_')]);
  const pseudo = deps.client.config.external ? pseudonymise(message, req.known ?? [], keep) : { text: message, map: new Map<string, string>() };
  const schema = z.toJSONSchema(answerChoiceSchema(req.answers.map((a) => a.id)), { target: 'draft-2020-12' }) as Record<string, unknown>;
  delete schema.$schema;
  const user = [`LOCALE: ${req.locale}`, `ANSWERS: ${JSON.stringify(req.answers)}`, 'QUESTION:', pseudo.text].join('\n');
  try {
    const reply = await deps.client.completeJson({ system: prompt.text, user, schema, schemaName: 'answer_choice' });
    const env = Envelope.safeParse(reply.json);
    if (!env.success) throw new LlmError('schema_violation', 'The LLM reply does not have the shape { answer, evidence }.');
    const [evidence] = restore([env.data.evidence ?? ''], pseudo.map);
    return { ok: true, answer: env.data.answer, evidence, model: reply.model, promptHash: prompt.hash, usage: reply.usage };
  } catch (err) {
    return failedCall(err, model, prompt.hash);
  }
}

/** The `llm.answer` action handler for the action registry (embedded engine and Temporal worker). */
export function createLlmAnswerAction(deps: AnswerDeps): (input: Record<string, unknown>) => Promise<AnswerChoiceResult> {
  return (input) => chooseAnswer(input, deps);
}
