/** Errors of the pure LLM-acceptance layer (bad arguments from a host, never citizen input). */

export class LlmContractError extends Error {
  override readonly name = 'LlmContractError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
