/**
 * LLM configuration from the environment or a JSON file. Without a base URL or model there is
 * no LLM, and amtsweg runs on the deterministic extractors alone.
 *
 *   OPENAI_BASE_URL, OPENAI_API_KEY, AMTSWEG_LLM_MODEL, AMTSWEG_LLM_EXTERNAL=true|false,
 *   AMTSWEG_LLM_TIMEOUT_MS, AMTSWEG_LLM_MAX_TOKENS, AMTSWEG_LLM_CONFIG=<file.json>
 */
import fs from 'node:fs';
import { LlmConfigError } from './errors';

export interface LlmConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Pseudonymise personal data before each call. Default: true unless the host is loopback. */
  external: boolean;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  maxTokens: number;
  /** A reply body larger than this is cut off and the call fails. */
  maxResponseBytes: number;
  /** Retries after a timeout, 429 or 5xx (so attempts = retries + 1). */
  retries: number;
  baseDelayMs: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
}

export const LLM_DEFAULTS = {
  timeoutMs: 10_000, maxTokens: 800, maxResponseBytes: 10 * 1024 * 1024, retries: 1, baseDelayMs: 250,
  breakerThreshold: 5, breakerCooldownMs: 30_000,
} as const;

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

function bool(v: unknown, name: string): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  throw new LlmConfigError(`${name} must be true or false, not "${String(v)}".`);
}

function int(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new LlmConfigError(`${name} must be a whole number ≥ 0, not "${String(v)}".`);
  return n;
}

/** Builds a complete config from partial settings; throws LlmConfigError on bad values. */
export function resolveLlmConfig(input: Partial<Record<keyof LlmConfig, unknown>>): LlmConfig {
  const baseUrl = String(input.baseUrl ?? '').trim();
  const model = String(input.model ?? '').trim();
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new LlmConfigError(`OPENAI_BASE_URL must be an http(s) URL such as https://api.example.eu/v1, not "${baseUrl}".`);
  }
  if (!model) throw new LlmConfigError('AMTSWEG_LLM_MODEL is not set: name the model to use, e.g. AMTSWEG_LLM_MODEL=mistral-small.');
  return {
    baseUrl, model, apiKey: String(input.apiKey ?? '') || 'not-needed',
    external: bool(input.external, 'AMTSWEG_LLM_EXTERNAL') ?? !isLoopbackUrl(baseUrl),
    timeoutMs: int(input.timeoutMs, 'AMTSWEG_LLM_TIMEOUT_MS', LLM_DEFAULTS.timeoutMs),
    maxTokens: int(input.maxTokens, 'AMTSWEG_LLM_MAX_TOKENS', LLM_DEFAULTS.maxTokens),
    maxResponseBytes: int(input.maxResponseBytes, 'maxResponseBytes', LLM_DEFAULTS.maxResponseBytes),
    retries: int(input.retries, 'retries', LLM_DEFAULTS.retries),
    baseDelayMs: int(input.baseDelayMs, 'baseDelayMs', LLM_DEFAULTS.baseDelayMs),
    breakerThreshold: Math.max(1, int(input.breakerThreshold, 'breakerThreshold', LLM_DEFAULTS.breakerThreshold)),
    breakerCooldownMs: int(input.breakerCooldownMs, 'breakerCooldownMs', LLM_DEFAULTS.breakerCooldownMs),
  };
}

/**
 * The LLM configuration of this process, or null when none is configured (deterministic only).
 * A config file (AMTSWEG_LLM_CONFIG) is read first; environment variables override it.
 */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | null {
  let file: Record<string, unknown> = {};
  if (env.AMTSWEG_LLM_CONFIG) {
    try {
      file = JSON.parse(fs.readFileSync(env.AMTSWEG_LLM_CONFIG, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new LlmConfigError(`AMTSWEG_LLM_CONFIG=${env.AMTSWEG_LLM_CONFIG} could not be read as JSON (${(err as Error).message}). Write { "baseUrl": "...", "model": "..." }.`);
    }
  }
  const merged = {
    ...file,
    ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
    ...(env.AMTSWEG_LLM_MODEL ? { model: env.AMTSWEG_LLM_MODEL } : {}),
    ...(env.AMTSWEG_LLM_EXTERNAL ? { external: env.AMTSWEG_LLM_EXTERNAL } : {}),
    ...(env.AMTSWEG_LLM_TIMEOUT_MS ? { timeoutMs: env.AMTSWEG_LLM_TIMEOUT_MS } : {}),
    ...(env.AMTSWEG_LLM_MAX_TOKENS ? { maxTokens: env.AMTSWEG_LLM_MAX_TOKENS } : {}),
  };
  if (!merged.baseUrl && !merged.model) return null;
  return resolveLlmConfig(merged);
}
