/**
 * The audit bundle format, as a zod schema: the single source of the TypeScript types, the
 * check when a bundle is read, and `schema/audit-bundle.schema.json` for other tools.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'amtsweg.audit-bundle';
/**
 * Bumped on incompatible changes; a reader refuses bundles with a higher number. Version 2 adds
 * `integrity.sections` (a hash per section, so a change is named by its section); version 1
 * bundles are still read.
 */
export const BUNDLE_FORMAT_VERSION = 2;
export const AUDIT_BUNDLE_SCHEMA_PATH = 'schema/audit-bundle.schema.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/).describe('sha256, lower-case hex');
const Instant = z.string().min(1).describe('ISO 8601 instant');
const Json = z.unknown();

const SlotState = z.object({
  value: Json,
  source: z.enum(['extractor', 'llm', 'staff']),
  evidence: z.string().describe('The part of the citizen message the value was taken from'),
  turn: z.number().int(),
  confirmed: z.boolean(),
  by: z.string().optional().describe('Extractor name, or model and prompt hash'),
}).loose();

const RuleEvaluation = z.object({
  seq: z.number().int().describe('Event that evaluated the rule'),
  type: z.literal('rule'),
  rule: z.string(),
  inputs: z.record(z.string(), Json),
  row: z.union([z.string(), z.array(z.string())]).optional().describe('Matched decision-table row(s)'),
  version: z.string().optional().describe('valid_from date of the version used'),
  result: Json,
  legal_basis: z.array(z.string()).optional(),
}).loose();

const Event = z.object({
  seq: z.number().int().min(1),
  at: Instant.describe('The `now` the core was called with'),
  type: z.string(),
  event: z.record(z.string(), Json).optional().describe('The SessionEvent; absent when the case was purged'),
  trail: z.array(z.record(z.string(), Json)).optional().describe('Audit trail entries the core produced for this event'),
  messages: z.array(z.object({ role: z.enum(['assistant', 'staff']), text: z.string() })).optional(),
  effects: z.array(z.record(z.string(), Json)).optional().describe('Effects the core asked for'),
  digest: Sha256.describe('sha256 of the canonical JSON of { sessionId, seq, now, event }'),
  prevHash: Sha256,
  hash: Sha256.describe('sha256(prevHash + digest)'),
}).strict();

const Effect = z.object({
  effectId: z.string(),
  kind: z.string(),
  name: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  input: Json,
  result: Json.optional(),
}).strict();

const Signature = z.object({
  algorithm: z.literal('ed25519'),
  publicKey: z.string().describe('PEM (SPKI) of the signing key'),
  keyId: z.string().describe('sha256 of the public key DER, first 16 hex digits'),
  value: z.string().describe('base64 signature over the UTF-8 bytes of integrity.contentHash'),
}).strict();

export const AuditBundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(BUNDLE_FORMAT_VERSION)]),
  exportedAt: Instant,
  producer: z.object({
    engine: z.enum(['embedded', 'temporal']),
    engineVersion: z.string().describe('amtsweg package version that exported the case'),
    prompts: z.array(z.string()).describe('Models and prompt hashes that proposed slot values (empty without LLM)'),
    promptVersions: z.array(z.string()).optional().describe('Prompt files of the exporting installation, as name@hash'),
    workflowId: z.string().optional(),
    runId: z.string().optional(),
  }).strict(),
  definition: z.object({
    service: z.string(),
    version: z.string(),
    hash: Sha256.describe('sha256 of the YAML text'),
    source: z.string().describe('The exact YAML text that ran'),
  }).strict(),
  session: z.object({
    id: z.string(),
    service: z.string(),
    status: z.enum(['active', 'completed', 'handoff', 'cancelled']),
    channel: z.string(),
    locale: z.string(),
    referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    startedAt: Instant,
    updatedAt: Instant,
  }).strict(),
  purged: z.boolean().describe('true when the personal data was deleted after retention: only the chain remains'),
  events: z.array(Event).min(1),
  slots: z.record(z.string(), SlotState),
  rules: z.array(RuleEvaluation),
  effects: z.array(Effect),
  outcome: z.record(z.string(), Json).nullable().describe('OutcomeView of the session, or null'),
  snapshot: z.record(z.string(), Json).nullable().describe('Final SessionSnapshot (null when purged)'),
  chain: z.object({
    algorithm: z.literal('sha256'),
    genesis: Sha256,
    head: Sha256,
    length: z.number().int().min(1),
  }).strict(),
  integrity: z.object({
    algorithm: z.literal('sha256'),
    contentHash: Sha256.describe('sha256 of the canonical JSON of the bundle without `integrity`'),
    sections: z.record(z.string(), Sha256).optional().describe('sha256 of the canonical JSON of each top-level member but integrity (version 2): names the section a change is in'),
    signature: Signature.optional(),
  }).strict(),
}).strict();

export type AuditBundle = z.infer<typeof AuditBundle>;
export type BundleEvent = AuditBundle['events'][number];

/** JSON Schema (draft 2020-12) of the bundle format. */
export function auditBundleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(AuditBundle, { target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'https://amtsweg.example/schema/audit-bundle.schema.json',
    title: 'amtsweg audit bundle',
    description: 'One case of amtsweg: the definition that ran, every event with its audit trail, slots with evidence, rules with legal basis, effects, the outcome and the hash chain. Written in canonical form (sorted keys, 2-space indent).',
    ...rest,
  };
}

export function auditBundleJsonSchemaText(): string {
  return `${JSON.stringify(auditBundleJsonSchema(), null, 2)}\n`;
}
