/**
 * The `llm.propose` activity: asks the model for values of the slots in play, with the JSON
 * Schema of exactly those slots, the versioned prompt and only the current message. Personal
 * data is pseudonymised for external providers and restored afterwards. The result is plain
 * data for the pure core, which alone decides what to accept; this never throws.
 */
import { z } from 'zod';
import { valueSchema } from '../core/llm/value-schema';
import type { ExtractRequest, ExtractSlotSpec, ProposalsResult } from '../core/llm/types';
import { SLOT_TYPES } from '../core/definition/schema';
import type { LlmClient } from './client';
import { failedCall, LlmError } from './errors';
import { loadPrompt, PROMPT_NAMES, type Prompt } from './prompts';
import { pseudonymise, restore } from './pseudonymise';

/** Longest message sent to the model; citizen messages are ≤ 4 KB anyway. */
const MAX_MESSAGE_CHARS = 4000;

const RequestSchema = z.object({
  message: z.string(),
  locale: z.string().max(10),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  slots: z.array(z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/), type: z.enum(SLOT_TYPES), description: z.string().optional(), values: z.array(z.string()).optional(),
  })).max(50),
  known: z.array(z.string()).optional(),
});

/** What the model must answer: one typed entry per proposed slot, plus unmapped statements. */
export function replySchema(slots: ExtractSlotSpec[]): z.ZodType {
  const items = slots.map((s) => z.object({
    slot: z.literal(s.name),
    value: valueSchema(s.type, s.values),
    evidence: z.string().describe('Exact words of the message the value comes from'),
  }).strict());
  const item = items.length === 1 ? items[0] : z.union(items as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return z.object({ proposals: z.array(item), unmapped: z.array(z.string()) }).strict();
}

/** JSON Schema for the structured output (draft 2020-12, strict: no additional properties). */
export function replyJsonSchema(slots: ExtractSlotSpec[]): Record<string, unknown> {
  const schema = z.toJSONSchema(replySchema(slots), { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

// Only the envelope is checked here: each proposal, hostile or not, goes to the core, which
// rejects it with a reason for the trail.
const Envelope = z.object({
  proposals: z.array(z.object({ slot: z.string(), value: z.unknown(), evidence: z.string() }).passthrough()).max(200),
  unmapped: z.array(z.string()).max(200).optional(),
}).passthrough();

function userPrompt(req: ExtractRequest, message: string): string {
  const slots = req.slots.map((s) => ({ name: s.name, type: s.type, ...(s.description ? { description: s.description } : {}), ...(s.values ? { values: s.values } : {}) }));
  return [`TODAY: ${req.today}`, `LOCALE: ${req.locale}`, `SLOTS: ${JSON.stringify(slots)}`, 'MESSAGE:', message].join('\n');
}

export interface ProposeDeps { client: LlmClient; prompt?: Prompt }

/** Runs one proposal request. Failures come back as `{ ok: false, error }`. */
export async function proposeSlots(input: unknown, deps: ProposeDeps): Promise<ProposalsResult> {
  const prompt = deps.prompt ?? loadPrompt(PROMPT_NAMES.extract);
  const model = deps.client.config.model;
  const parsed = RequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'bad_request', message: 'llm.propose needs { message, locale, today, slots[] }.' }, model, promptHash: prompt.hash };
  const req = parsed.data as ExtractRequest;
  if (req.slots.length === 0 || req.message.trim().length === 0) return { ok: true, proposals: [], unmapped: [], model, promptHash: prompt.hash };
  const message = req.message.slice(0, MAX_MESSAGE_CHARS);
  // Words of enum value ids ("hans_sachs_haus" → hans, sachs, haus) are what the citizen must be able to name.
  const keep = req.slots.flatMap((sl) => (sl.values ?? []).flatMap((v) => v.split('_')));
  const pseudo = deps.client.config.external ? pseudonymise(message, req.known ?? [], keep, { today: req.today }) : { text: message, map: new Map<string, string>() };
  try {
    const reply = await deps.client.completeJson({
      system: prompt.text, user: userPrompt(req, pseudo.text), schema: replyJsonSchema(req.slots), schemaName: 'slot_proposals',
    });
    const env = Envelope.safeParse(reply.json);
    if (!env.success) throw new LlmError('schema_violation', 'The LLM reply does not have the shape { proposals: [...], unmapped: [...] }.');
    // Extra top-level keys ("approved": true) become proposals, so the core rejects and records them.
    const extras = Object.entries(env.data).filter(([k]) => k !== 'proposals' && k !== 'unmapped')
      .map(([k, v]) => ({ slot: k, value: v, evidence: '' }));
    const proposals = [...env.data.proposals.map((p) => ({ slot: p.slot, value: p.value, evidence: p.evidence })), ...extras];
    return {
      ok: true,
      proposals: restore(proposals, pseudo.map),
      unmapped: restore(env.data.unmapped ?? [], pseudo.map),
      model: reply.model,
      promptHash: prompt.hash,
      usage: reply.usage,
    };
  } catch (err) {
    return failedCall(err, model, prompt.hash);
  }
}

/** The `llm.propose` action handler for the action registry (embedded engine and Temporal worker). */
export function createLlmProposeAction(deps: ProposeDeps): (input: Record<string, unknown>) => Promise<ProposalsResult> {
  return (input) => proposeSlots(input, deps);
}
