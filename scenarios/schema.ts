/**
 * The scenario file format: `<service>.scenarios.yaml` beside a definition. A process designer
 * writes conversations (citizen messages in; expected questions, values, outcome) and runs
 * them with `amtsweg test` or `npm test`. The same scenarios drive the engine parity suite.
 */
import { z } from 'zod';
import { IsoDate, LOCALES } from '../core/definition/schema';

const Status = z.enum(['active', 'completed', 'handoff', 'cancelled']);

export const TurnExpectation = z.object({
  asks: z.string().nullable().optional().describe('Slot the assistant asks for next (null: asks nothing)'),
  confirms: z.string().optional().describe('Slot read back for confirmation, or "summary"'),
  says: z.union([z.string(), z.array(z.string())]).optional().describe('Text(s) the reply must contain'),
  says_not: z.union([z.string(), z.array(z.string())]).optional().describe('Text(s) the reply must not contain, e.g. "(keine Angabe)"'),
  status: Status.optional(),
}).strict();

export const Turn = z.object({
  citizen: z.union([z.string(), z.number()]).transform(String).optional()
    .describe('What the citizen writes (a bare number such as 45879 is taken as text)'),
  event: z.enum(['handoff', 'cancel']).optional().describe('A button instead of a message: handoff (talk to a person) or cancel'),
  expect: TurnExpectation.optional(),
}).strict().refine((t) => (t.citizen === undefined) !== (t.event === undefined), {
  message: 'a turn has either `citizen` or `event`',
});

export const Scenario = z.object({
  name: z.string().min(1),
  locale: z.enum(LOCALES).optional(),
  channel: z.enum(['web', 'api', 'cli', 'email', 'phone']).optional(),
  today: IsoDate.optional().describe('Reference date for this scenario (overrides the file)'),
  greeting: TurnExpectation.optional().describe('Expectations on the greeting'),
  turns: z.array(Turn).min(1),
  status: Status.optional(),
  outcome: z.string().optional(),
  outcome_kind: z.enum(['information', 'administrative_act', 'refusal', 'proposal', 'referral']).optional(),
  values: z.record(z.string(), z.unknown()).optional().describe('Slots and derived values expected at the end'),
}).strict();
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioFile = z.object({
  service: z.string(),
  today: IsoDate.describe('Reference date (YYYY-MM-DD) the rules are evaluated at'),
  scenarios: z.array(Scenario).min(1),
}).strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;
