/**
 * A fetch for the OpenAI client that enforces our limits itself: one deadline for connecting
 * and reading the whole body (an endless stream is aborted), and a byte cap on the body (a
 * 10 MB reply is cut off). The body is buffered, so the SDK never sees more than the cap.
 */
import { LlmError } from './errors';

export interface FetchLimits { timeoutMs: number; maxBytes: number }

type FetchFn = typeof globalThis.fetch;

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new LlmError('too_large', `The LLM reply announces ${declared} bytes, more than the limit of ${maxBytes}.`);
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) throw new LlmError('timeout', 'The LLM reply did not finish in time.', true);
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new LlmError('too_large', `The LLM reply exceeded the limit of ${maxBytes} bytes and was cut off.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Wraps `base` with the limits. `onFailure` receives the precise error, because the SDK wraps
 * fetch errors in its own connection error.
 */
export function limitedFetch(limits: FetchLimits, onFailure: (err: LlmError) => void, base: FetchFn = globalThis.fetch): FetchFn {
  return (async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]) => {
    const controller = new AbortController();
    const outer = init?.signal;
    const abortOuter = () => controller.abort();
    outer?.addEventListener('abort', abortOuter);
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    try {
      const res = await base(input, { ...init, signal: controller.signal });
      const body = await readCapped(res, limits.maxBytes, controller.signal);
      return new Response(body.byteLength > 0 ? new TextDecoder().decode(body) : null, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      const failure = err instanceof LlmError ? err
        : controller.signal.aborted && !outer?.aborted ? new LlmError('timeout', `The LLM endpoint did not answer within ${limits.timeoutMs} ms.`, true)
          : new LlmError('network', 'The LLM endpoint could not be reached.', true);
      onFailure(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abortOuter);
    }
  }) as FetchFn;
}
