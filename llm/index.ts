/**
 * LLM assistance: an OpenAI-compatible adapter that only proposes slot values (the pure core in
 * core/llm decides what to accept), pseudonymisation for external providers, a circuit breaker,
 * service routing and the extraction evaluation.
 */
export { llmConfigFromEnv, resolveLlmConfig, isLoopbackUrl, LLM_DEFAULTS, type LlmConfig } from './config';
export { createLlmClient, type LlmClient, type JsonCall, type JsonReply } from './client';
export { createCircuitBreaker, type CircuitBreaker, type BreakerState } from './circuit-breaker';
export { pseudonymise, restore, type Pseudonymised, type PiiKind } from './pseudonymise';
export { proposeSlots, createLlmProposeAction, replyJsonSchema, type ProposeDeps } from './propose';
export { loadPrompt, promptHash, PROMPT_NAMES, PROMPTS_DIR, type Prompt } from './prompts';
export { createServiceRouter, type ServiceRouter, type RouteDecision } from './routing';
export { LlmError, LlmConfigError, PromptNotFoundError } from './errors';
export { LLM_ACTION, LLM_ANSWER_ACTION } from '../core/llm/types';
export { chooseAnswer, createLlmAnswerAction, answerChoiceSchema, type AnswerDeps } from './answer';
export { createLlmHost, llmHostFromEnv, type LlmHost } from './host';
export { runEval, loadEvalSet, formatEvalReport, type EvalCase, type EvalReport, type SlotScore } from './eval';
