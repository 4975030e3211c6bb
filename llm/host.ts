/**
 * What a host (embedded engine, Temporal worker, CLI) needs to offer LLM assistance: the
 * `llm.propose` and `llm.answer` actions for its registry and a service router, built from the environment.
 * Returns null when no endpoint is configured: the deterministic path then serves alone.
 */
import type { ActionHandler } from '../activities/types';
import { LLM_ACTION, LLM_ANSWER_ACTION } from '../core/llm/types';
import { createLlmAnswerAction } from './answer';
import type { CompiledService } from '../core/session/types';
import { createLlmClient, type LlmClient } from './client';
import { llmConfigFromEnv, type LlmConfig } from './config';
import { createLlmProposeAction } from './propose';
import { createServiceRouter, type ServiceRouter } from './routing';

export interface LlmHost {
  config: LlmConfig;
  client: LlmClient;
  /** `{ 'llm.propose': handler, 'llm.answer': handler }`, for `createEmbeddedEngine({ actions })` or `registry.register`. */
  actions: Record<string, ActionHandler>;
  router(services: CompiledService[]): ServiceRouter;
}

/** Builds the LLM pieces from a config; the handler never throws, failures come back as data. */
export function createLlmHost(config: LlmConfig, client: LlmClient = createLlmClient(config)): LlmHost {
  return {
    config,
    client,
    actions: { [LLM_ACTION]: createLlmProposeAction({ client }), [LLM_ANSWER_ACTION]: createLlmAnswerAction({ client }) },
    router: (services) => createServiceRouter(services, client),
  };
}

/** The LLM host of this process from OPENAI_BASE_URL / AMTSWEG_LLM_MODEL / AMTSWEG_LLM_CONFIG, or null. */
export function llmHostFromEnv(env: NodeJS.ProcessEnv = process.env): LlmHost | null {
  const config = llmConfigFromEnv(env);
  return config ? createLlmHost(config) : null;
}
