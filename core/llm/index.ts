/** Pure parts of LLM assistance: acceptance of proposals, grounding, value schemas, keyword routing. */
export * from './types';
export { acceptAnswerChoice, type AnswerChoice, type AnswerRefusal } from './answer-choice';
export { acceptProposals, groundedUnmapped, MAX_PROPOSALS, type AcceptInput, type AcceptResult } from './accept';
export { occursIn, groundForm } from './grounding';
export { valueSchema } from './value-schema';
export { routeByKeywords, routableService, clarify, type RoutableService, type RouteDecision } from './routing';
export { LlmContractError } from './errors';
export { deterministicFill, checkSlot, hasLeftover, needsModel, LEFTOVER_WORDS, COMPANION_TYPES, type Filled } from './deterministic';
