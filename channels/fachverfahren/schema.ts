/**
 * What a Fachverfahren receives: the JSON body of a `submit.http` delivery, as a zod schema and
 * its published JSON Schema (`schema/submission.schema.json`).
 */
import { z } from 'zod';

const SlotRecord = z.object({
  value: z.unknown().describe('Canonical value: dates YYYY-MM-DD, money as a number of euros, enums as the value id, lists for many: true'),
  source: z.enum(['extractor', 'llm', 'staff']).describe('Who supplied it: a deterministic extractor, the LLM (grounded and accepted), or a case worker'),
  evidence: z.string().describe('The words of the citizen the value was read from'),
  confirmed: z.boolean().describe('The citizen confirmed it (read-back or summary)'),
  by: z.string().optional().describe('Extractor name, or model and prompt hash'),
}).strict();

export const Submission = z.object({
  format: z.literal('amtsweg.submission/1'),
  id: z.string().describe('Idempotency key of this submission (also the Idempotency-Key header): a repeat is the same case'),
  service: z.string(),
  version: z.string(),
  definition_hash: z.string().describe('sha256 of the exact definition that ran'),
  session: z.string(),
  reference_date: z.string().describe('The date the rules were evaluated at'),
  submitted_at: z.string(),
  locale: z.string(),
  slots: z.record(z.string(), SlotRecord).describe('Every answered slot with its evidence'),
  values: z.record(z.string(), z.unknown()).describe('Derived values (fees, deadlines) as the rules computed them'),
  outcome: z.object({ id: z.string(), kind: z.string() }).strict().optional(),
  unmapped: z.array(z.string()).describe('Statements no slot captured (§ 24 Abs. 1 S. 3 VwVfG): a person must look at them'),
}).strict();
export type Submission = z.infer<typeof Submission>;

export function submissionJsonSchemaText(): string {
  const generated = z.toJSONSchema(Submission, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema, $id: 'https://amtsweg.example/schema/submission.schema.json', title: 'amtsweg back-office submission',
    description: 'Body of a submit.http delivery. Headers: Idempotency-Key (= id), Amtsweg-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>.',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
