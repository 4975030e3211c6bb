/** Errors of the LLM adapter. Every code is also what the session records when a call fails. */

/**
 * A call to the LLM endpoint failed. `retryable` is true for timeouts, 429 and 5xx; the adapter
 * retries those with backoff and otherwise falls back to the deterministic path.
 */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly code: 'timeout' | 'rate_limited' | 'server_error' | 'client_error' | 'network' | 'too_large'
      | 'malformed_json' | 'schema_violation' | 'refusal' | 'circuit_open' | 'bad_request',
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** A failed activity call as the data the core records: the LlmError's code, anything else a network failure. */
export function failedCall(err: unknown, model: string, promptHash: string): { ok: false; error: { code: string; message: string }; model: string; promptHash: string } {
  const e = err instanceof LlmError ? err : new LlmError('network', 'The LLM call failed unexpectedly.');
  return { ok: false, error: { code: e.code, message: e.message }, model, promptHash };
}

/** The configuration is incomplete or contradictory; the message says which variable to set. */
export class LlmConfigError extends Error {
  override readonly name = 'LlmConfigError';
  constructor(message: string) {
    super(message);
  }
}

/** A prompt file is missing or unreadable. */
export class PromptNotFoundError extends Error {
  override readonly name = 'PromptNotFoundError';
  constructor(readonly prompt: string, dir: string) {
    super(`Prompt "${prompt}" not found in ${dir}. Prompts are versioned files such as prompts/${prompt}.md; restore it from the repository.`);
  }
}
