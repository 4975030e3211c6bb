/**
 * The definition language of amtsweg, as a zod schema. This file is the single source:
 * TypeScript types, the JSON Schema for editors (`schema/service.schema.json`) and the
 * structural part of `amtsweg validate` all derive from it.
 */
import { ACT_KINDS, OUTCOME_KINDS } from './outcome-kinds';
import { z } from 'zod';

/** Locales a definition may carry texts for. German is mandatory, the rest optional. */
export const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'fr', 'es', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** Slot types with deterministic extractors behind them. */
export const SLOT_TYPES = [
  'text', 'date', 'time', 'integer', 'number', 'money', 'boolean', 'enum', 'email', 'phone', 'postcode',
] as const;
export type SlotType = (typeof SLOT_TYPES)[number];

/** A FEEL expression (https://docs.camunda.io/docs/components/modeler/feel/what-is-feel/). */
export const FeelExpression = z.string().min(1).describe('A FEEL expression, e.g. "alter >= 24" or "geburtsdatum < today".');

/** Texts per locale as an object; German is mandatory. */
export const LocalizedTextObject = z.object({
  de: z.string().min(1).describe('German text (mandatory)'),
  en: z.string().optional(), tr: z.string().optional(), ar: z.string().optional(), uk: z.string().optional(),
  ru: z.string().optional(), pl: z.string().optional(), fr: z.string().optional(), es: z.string().optional(),
  it: z.string().optional(),
}).strict();

/** A text per locale. A plain string is German. */
export const LocalizedText = z.union([
  z.string().min(1),
  LocalizedTextObject,
]).describe('Text shown to the citizen: a German string, or { de: ..., en: ... }. Templates may use {slot} and {value.field}.');
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Words per locale, e.g. synonyms of an enum value or routing keywords. */
export const LocalizedWords = z.object({
  de: z.array(z.string().min(1)).optional(), en: z.array(z.string().min(1)).optional(),
  tr: z.array(z.string().min(1)).optional(), ar: z.array(z.string().min(1)).optional(),
  uk: z.array(z.string().min(1)).optional(), ru: z.array(z.string().min(1)).optional(),
  pl: z.array(z.string().min(1)).optional(),
}).strict().describe('Words per locale: { de: [..], en: [..], tr: [..] }');

/** A reference to a legal norm, e.g. "§ 6 Abs. 1 PAuswG". */
export const LegalRef = z.union([
  z.string().min(1),
  z.object({ ref: z.string().min(1), url: z.string().url().optional(), text: z.string().optional() }).strict(),
]).describe('A legal norm: "§ 1 PAuswGebV" or { ref, url?, text? }');
export type LegalRef = z.infer<typeof LegalRef>;

/** ISO 8601 duration (P30D, PT10M, P6M). */
export const IsoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
  message: 'expected an ISO 8601 duration such as P30D, P6M or PT10M',
});

/** A calendar date YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD' });

/** The FIM (XDatenfelder) data field behind a slot. */
export const FimRef = z.object({
  id: z.string().min(1).describe('FIM id of the data field, e.g. F60000227'),
  version: z.string().optional(),
  name: z.string().optional().describe('Name of the field in the FIM data schema'),
  schema: z.string().optional().describe('Id of the FIM data schema (Datenschema) it came from'),
}).strict();

export const EnumValue = z.object({
  label: LocalizedText.describe('How the value is shown and read back'),
  synonyms: LocalizedWords.optional().describe('Words a citizen may use for this value'),
}).strict();

export const ValidRule = z.object({
  rule: FeelExpression.describe('FEEL condition that must be true; the slot itself is in scope by its name'),
  hint: LocalizedText.optional().describe('Shown when the rule fails'),
}).strict();

export const Slot = z.object({
  type: z.enum(SLOT_TYPES).describe('Value type; decides the extractor and the validation'),
  label: LocalizedText.optional().describe('How the slot is named in summaries and on the case-worker desk, e.g. { de: Geburtsdatum, en: Date of birth }'),
  ask: LocalizedText.describe('The question that asks for this slot'),
  hint: LocalizedText.optional().describe('Added when the answer could not be understood or was invalid'),
  description: z.string().optional().describe('What the slot means (for designers and the LLM prompt)'),
  personal: z.boolean().default(false).describe('Personal data (DSGVO): encrypted at rest, pseudonymised for external LLMs, purged after retention'),
  purpose: z.string().optional().describe('Why this personal slot is needed (data minimisation, Art. 5 DSGVO)'),
  confirm: z.boolean().default(false).describe('Read the value back and ask for confirmation before it is used'),
  optional: z.boolean().default(false).describe('The citizen may skip it ("überspringen")'),
  when: FeelExpression.optional().describe('Asked only if this FEEL condition is true'),
  valid: z.union([FeelExpression, z.array(ValidRule).min(1)]).optional().describe('FEEL condition(s) the value must satisfy'),
  values: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), EnumValue).optional().describe('For type enum: the allowed values with labels and synonyms'),
  min: z.number().optional(), max: z.number().optional(),
  min_length: z.number().int().nonnegative().optional(), max_length: z.number().int().positive().optional(),
  pattern: z.string().optional().describe('Regular expression the text must match'),
  accept_anytime: z.boolean().default(false).describe('May be taken from any message, even before it is asked'),
  cues: LocalizedWords.optional().describe('Words near a value that show it belongs to this slot ("seit", "geboren", "Hunde"); used to attribute values in a message with several facts'),
  examples: LocalizedWords.optional().describe('Example answers a citizen might give (for designers, tests and the LLM prompt)'),
  many: z.boolean().optional().describe('For type enum: the citizen may choose several values ("Perso und Reisepass", "beides"); the value is a list'),
  default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional()
    .describe('The value rules see when the slot is not asked (its `when` is false, its step was not on the path, or it was skipped); without it the value is null'),
  fim: FimRef.optional().describe('The FIM data field this slot stands for (kept by `amtsweg import fim`)'),
}).strict();
export type Slot = z.infer<typeof Slot>;

export const TableRow = z.object({
  id: z.string().optional().describe('Row id for the audit trail; defaults to r1, r2, ...'),
  when: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .describe('Input name → FEEL unary test ("< 24", ">= 24", "[1..3]", "\\"ja\\"", "-") or a literal'),
  then: z.union([z.number(), z.string(), z.boolean(), LocalizedTextObject])
    .describe('Result of this row: a literal, or a text per language { de: "10 Jahre", en: "10 years" } shown in the citizen\'s language'),
  legal_basis: LegalRef.optional(),
}).strict();

export const DecisionTable = z.object({
  hit: z.enum(['unique', 'first', 'collect']).describe('unique: exactly one row may match; first: first match wins; collect: all matches'),
  aggregate: z.enum(['sum', 'min', 'max', 'count', 'list']).optional().describe('For hit: collect'),
  rows: z.array(TableRow).min(1),
}).strict();
export type DecisionTable = z.infer<typeof DecisionTable>;

/** One version of a derived value: a FEEL expression or a decision table. */
export const ValueBody = z.union([
  FeelExpression,
  z.number(), z.boolean(),
  z.object({ expr: FeelExpression }).strict(),
  z.object({ table: DecisionTable }).strict(),
]);

export const DerivedValue = z.union([
  FeelExpression,
  z.object({
    expr: FeelExpression.optional(),
    table: DecisionTable.optional(),
    valid_from: z.record(IsoDate, ValueBody).optional().describe('Effective dating: date → version; the session reference date picks one'),
    legal_basis: z.union([LegalRef, z.array(LegalRef)]).optional(),
    type: z.enum(SLOT_TYPES).optional().describe('Declared result type (checked)'),
    label: LocalizedText.optional().describe('How the value is named for people (explain, desk), e.g. { de: Gebühr, en: Fee }'),
    description: z.string().optional(),
    as_of: z.string().regex(/^[a-z][a-z0-9_]*$/).optional()
      .describe('A date slot or value that picks the `valid_from` version and is `today` for this rule (e.g. the move-in or application date); default: the session reference date'),
    default: z.union([z.string(), z.number(), z.boolean()]).optional()
      .describe('The result when the rule yields null (e.g. its inputs were not asked); without it the value is null'),
  }).strict(),
]);
export type DerivedValue = z.infer<typeof DerivedValue>;

export type FlowStep =
  | { id?: string; collect: string[] }
  | { id?: string; if: string; then: FlowStep[]; else?: FlowStep[] }
  | { id?: string; confirm: 'summary' | string[]; ask?: LocalizedText }
  | { id?: string; action: string; with?: Record<string, string>; result?: string }
  | { id?: string; say: LocalizedText }
  | { id?: string; outcome: string }
  | { id?: string; handoff: LocalizedText | true };

const StepId = z.string().regex(/^[a-z][a-z0-9_]*$/).optional().describe('Stable step id (for diagrams and coverage)');

/** The keys that say what a flow step does; exactly one of them per step. */
export const FLOW_STEP_KINDS = ['collect', 'if', 'confirm', 'action', 'say', 'outcome', 'handoff'] as const;
export type FlowStepKind = (typeof FLOW_STEP_KINDS)[number];

export const CollectStep = z.object({ id: StepId, collect: z.array(z.string()).min(1).describe('Slots to collect, asked in order') }).strict();
export const IfStep = z.object({
  id: StepId,
  if: FeelExpression.describe('FEEL condition; `then` runs when it is true, `else` otherwise'),
  then: z.lazy(() => z.array(FlowStep).min(1)).describe('Steps run when the condition is true'),
  else: z.lazy(() => z.array(FlowStep)).optional().describe('Steps run when the condition is false'),
}).strict();
export const ConfirmStep = z.object({
  id: StepId,
  confirm: z.union([z.literal('summary'), z.array(z.string()).min(1)]).describe('"summary" reads back all collected slots; or a list of slots to read back'),
  ask: LocalizedText.optional(),
}).strict();
export const ActionStep = z.object({
  id: StepId,
  action: z.string().describe('Name of a registered action, e.g. calendar.book'),
  with: z.record(z.string(), FeelExpression).optional().describe('Action input: name → FEEL expression'),
  result: z.string().optional().describe('Name under which the result is available to later steps and templates'),
}).strict();
export const SayStep = z.object({ id: StepId, say: LocalizedText }).strict();
export const OutcomeStep = z.object({ id: StepId, outcome: z.string().describe('Id of an entry under `outcomes:`; ends the session') }).strict();
export const HandoffStep = z.object({ id: StepId, handoff: z.union([LocalizedText, z.literal(true)]).describe('Hand the case to a case worker, with a message or `true`') }).strict();

/** The schema of each step kind, for precise problems when a step does not fit. */
export const FLOW_STEP_VARIANTS = {
  collect: CollectStep, if: IfStep, confirm: ConfirmStep, action: ActionStep, say: SayStep, outcome: OutcomeStep, handoff: HandoffStep,
} as const;

export const FlowStep: z.ZodType<FlowStep> = z.union([CollectStep, IfStep, ConfirmStep, ActionStep, SayStep, OutcomeStep, HandoffStep])
  .meta({ id: 'FlowStep', description: 'One step of the flow: collect, if, confirm, action, say, outcome or handoff' }) as unknown as z.ZodType<FlowStep>;

export { OUTCOME_KINDS, ACT_KINDS };

export const Outcome = z.object({
  kind: z.enum(OUTCOME_KINDS),
  say: LocalizedText.describe('Template shown to the citizen; {name} inserts a slot or value'),
  legal_basis: z.array(LegalRef).optional(),
  automation_permitted_by: LegalRef.optional().describe('The norm that permits a fully automated administrative act (§ 35a VwVfG)'),
  discretion: z.boolean().default(false).describe('true if the authority has discretion (Ermessen): never automated'),
  values: z.array(z.string()).optional().describe('Slots and values reported with the outcome'),
  rechtsbehelfsbelehrung: LocalizedText.optional()
    .describe('Information on legal remedies (§ 37 Abs. 6 VwVfG, § 58 VwGO): which remedy, where, in which form and time limit; required for kind refusal'),
}).strict();
export type Outcome = z.infer<typeof Outcome>;

export const Privacy = z.object({
  purpose: z.string().min(1),
  basis: z.string().min(1).describe('Legal basis of processing, e.g. "Art. 6 Abs. 1 lit. e DSGVO"'),
  retention: IsoDuration.describe('How long personal data is kept after the session ends, e.g. P30D'),
  audit_retention: IsoDuration.optional()
    .describe('How long the audit trail (without personal data) is kept, apart from `retention`; at least P6M for `risk: high` (Art. 26(6) AI Act); default P6M'),
  controller: z.string().optional(),
}).strict();

export const Settings = z.object({
  max_attempts: z.number().int().min(1).max(10).default(3).describe('Failed answers to one question before a handoff'),
  reminder_after: IsoDuration.default('PT10M'),
  timeout_after: IsoDuration.default('PT30M'),
}).strict();

export const Routing = z.object({
  keywords: LocalizedWords.optional().describe('Words that select this service from a first message'),
  examples: z.array(z.string()).optional(),
}).strict();

/** An authored answer to a citizen's question; the assistant never writes answers itself. */
export const Answer = z.object({
  keywords: LocalizedWords.describe('Words or phrases that show the question, per locale ("was kostet", "gebühr")'),
  examples: LocalizedWords.optional().describe('Example questions, per locale'),
  say: LocalizedText.describe('The answer, written by the designer; may insert computed values ({gebuehr}) and slots'),
  unknown: LocalizedText.optional().describe('Said instead when a value the answer inserts is not known yet in this conversation'),
  legal_basis: z.array(LegalRef).optional().describe('Norms the answer rests on; cited after the text'),
}).strict();
export type Answer = z.infer<typeof Answer>;

export const ServiceDefinition = z.object({
  $schema: z.string().optional(),
  service: z.string().regex(/^[a-z][a-z0-9_-]*$/, { message: 'use lower-case letters, digits, - and _' }).describe('Service id, unique in the catalog, e.g. personalausweis'),
  version: z.union([z.string(), z.number()]).transform(String).describe('Version of this definition, e.g. "2026.2" (quote it to keep trailing zeros)'),
  title: LocalizedText.describe('Name of the service shown to citizens'),
  description: LocalizedText.optional(),
  leika: z.string().regex(/^99\d{12}$/, { message: 'a LeiKa key has 14 digits and starts with 99' }).optional().describe('FIM service key (LeiKa), 14 digits starting with 99; quote it'),
  legal_basis: z.array(LegalRef).optional().describe('Norms the service rests on'),
  automation: z.enum(['allowed', 'never']).default('allowed')
    .describe('never: no outcome ends as an automated administrative act or refusal; a case worker decides'),
  risk: z.enum(['minimal', 'limited', 'high']).default('limited')
    .describe('AI Act risk class; high (Annex III 5(a), e.g. eligibility for benefits such as Wohngeld): never automated, values from the LLM confirmed by the citizen, audit trail kept at least 6 months'),
  locales: z.array(z.enum(LOCALES)).default(['de', 'en']).describe('Languages the texts are written in'),
  privacy: Privacy.describe('Data protection: purpose, legal basis and retention of personal data (Art. 5, 6, 13 DSGVO)'),
  settings: Settings.default({ max_attempts: 3, reminder_after: 'PT10M', timeout_after: 'PT30M' }).describe('Conversation limits: failed attempts, reminder and timeout'),
  routing: Routing.optional().describe('How a first message finds this service'),
  slots: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Slot).describe('What the citizen is asked: name → slot'),
  values: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), DerivedValue).default({}).describe('Derived values computed by rules: name → FEEL expression, decision table or effective-dated versions'),
  flow: z.array(FlowStep).min(1).describe('The steps of the conversation, in order'),
  outcomes: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Outcome).describe('How the session can end: id → outcome'),
  answers: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Answer).optional().describe('Authored answers to questions citizens ask during the conversation: id → answer'),
}).strict();

/** A parsed, defaults-applied service definition. */
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;
/** What a designer writes (before defaults). */
export type ServiceDefinitionInput = z.input<typeof ServiceDefinition>;
