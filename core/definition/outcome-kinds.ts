/**
 * The outcome kinds, apart from the zod schema: the session core needs them at run time, and
 * the schema module is costly to evaluate (the Temporal sandbox evaluates every module it
 * imports once per workflow).
 */
export const OUTCOME_KINDS = ['information', 'administrative_act', 'refusal', 'proposal', 'referral'] as const;
/** Outcome kinds that are administrative acts (§ 35 VwVfG): automated only when a norm permits it and there is no discretion. */
export const ACT_KINDS: readonly string[] = ['administrative_act', 'refusal'];
