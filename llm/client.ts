/**
 * The OpenAI-compatible client: one JSON-schema-constrained chat completion per call, with our
 * own limits (deadline, byte cap, max tokens), retries with exponential backoff on timeouts, 429
 * and 5xx, and a circuit breaker. Every failure ends as an LlmError with a code; nothing else
 * escapes, so a caller can always fall back to the deterministic path.
 */
import OpenAI from 'openai';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker';
import type { LlmConfig } from './config';
import { LlmError } from './errors';
import { limitedFetch } from './limited-fetch';

export interface JsonCall {
  system: string;
  user: string;
  /** JSON Schema of the expected answer (strict structured output). */
  schema: Record<string, unknown>;
  schemaName: string;
}

export interface JsonReply { json: unknown; model: string; usage: { promptTokens: number; completionTokens: number }; attempts: number }

export interface LlmClient {
  readonly config: LlmConfig;
  readonly breaker: CircuitBreaker;
  completeJson(call: JsonCall): Promise<JsonReply>;
  /** Counters for the eval command and metrics. */
  stats(): { calls: number; attempts: number; failures: number; promptTokens: number; completionTokens: number };
}

export interface LlmClientDeps {
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const MAX_RETRY_AFTER_MS = 5000;

function retryAfterMs(err: unknown): number | null {
  const headers = (err as { headers?: Headers | Record<string, string> }).headers;
  const raw = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.min(n * 1000, MAX_RETRY_AFTER_MS) : null;
}

function classify(err: unknown, fetchFailure: LlmError | null): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    if (err.status === 429) return new LlmError('rate_limited', 'The LLM endpoint answered 429 (rate limited).', true);
    if (err.status >= 500) return new LlmError('server_error', `The LLM endpoint answered ${err.status}.`, true);
    return new LlmError('client_error', `The LLM endpoint answered ${err.status}; check OPENAI_API_KEY and AMTSWEG_LLM_MODEL.`, false);
  }
  if (fetchFailure) return fetchFailure;
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', 'The LLM endpoint did not answer in time.', true);
  if (err instanceof SyntaxError) return new LlmError('malformed_json', 'The LLM endpoint sent a body that is not JSON.');
  return new LlmError('network', 'The LLM endpoint could not be reached.', true);
}

/** Parses the message content of a completion; refusals and non-JSON become LlmErrors. */
function contentJson(completion: OpenAI.Chat.Completions.ChatCompletion): unknown {
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
  const message = choice?.message;
  if (!message) throw new LlmError('schema_violation', 'The LLM reply has no message.');
  if (typeof message.refusal === 'string' && message.refusal.length > 0) throw new LlmError('refusal', 'The model refused to answer.');
  if (typeof message.content !== 'string' || message.content.trim().length === 0) throw new LlmError('malformed_json', 'The LLM reply has no content.');
  try {
    return JSON.parse(message.content);
  } catch {
    throw new LlmError('malformed_json', 'The LLM reply content is not valid JSON.');
  }
}

export function createLlmClient(config: LlmConfig, deps: LlmClientDeps = {}): LlmClient {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const breaker = createCircuitBreaker({ threshold: config.breakerThreshold, cooldownMs: config.breakerCooldownMs, now: deps.now });
  const counters = { calls: 0, attempts: 0, failures: 0, promptTokens: 0, completionTokens: 0 };

  async function attempt(call: JsonCall): Promise<Omit<JsonReply, 'attempts'>> {
    let fetchFailure: LlmError | null = null;
    const openai = new OpenAI({
      baseURL: config.baseUrl, apiKey: config.apiKey, maxRetries: 0, timeout: config.timeoutMs + 1000,
      fetch: limitedFetch({ timeoutMs: config.timeoutMs, maxBytes: config.maxResponseBytes }, (e) => { fetchFailure = e; }, deps.fetch),
    });
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await openai.chat.completions.create({
        model: config.model,
        temperature: 0,
        max_tokens: config.maxTokens,
        messages: [{ role: 'system', content: call.system }, { role: 'user', content: call.user }],
        response_format: { type: 'json_schema', json_schema: { name: call.schemaName, schema: call.schema, strict: true } },
      });
    } catch (err) {
      throw classify(err, fetchFailure);
    }
    const usage = { promptTokens: Number(completion?.usage?.prompt_tokens) || 0, completionTokens: Number(completion?.usage?.completion_tokens) || 0 };
    counters.promptTokens += usage.promptTokens;
    counters.completionTokens += usage.completionTokens;
    return { json: contentJson(completion), model: typeof completion?.model === 'string' && completion.model ? completion.model.slice(0, 100) : config.model, usage };
  }

  return {
    config,
    breaker,
    async completeJson(call) {
      counters.calls += 1;
      if (!breaker.allow()) {
        counters.failures += 1;
        throw new LlmError('circuit_open', 'The LLM endpoint failed repeatedly; calls are paused for a while (circuit breaker).');
      }
      for (let n = 1; ; n++) {
        counters.attempts += 1;
        try {
          const reply = await attempt(call);
          breaker.success();
          return { ...reply, attempts: n };
        } catch (err) {
          const e = classify(err, null);
          if (e.retryable && n <= config.retries) {
            await sleep(retryAfterMs(err) ?? config.baseDelayMs * 2 ** (n - 1));
            continue;
          }
          counters.failures += 1;
          breaker.failure();
          throw e;
        }
      }
    },
    stats: () => ({ ...counters }),
  };
}
