/**
 * Delivers queued `submit.http` cases to the configured Fachverfahren endpoints: signed JSON with
 * an Idempotency-Key, claimed from the shared outbox (so one process sends each once), retried
 * with backoff on network errors, 408, 429 and 5xx, given up on other 4xx.
 */
import { hmacHex } from '../../platform/crypto';
import type { NotificationOutbox } from '../../host/types';

export interface SubmitEndpoint { url: string; secret: string; timeoutMs?: number }
export type SubmitEndpoints = Record<string, SubmitEndpoint>;

/** Endpoints from AMTSWEG_SUBMIT_ENDPOINTS: `{"hundesteuer": {"url": "https://…", "secret": "…"}}`. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): SubmitEndpoints | undefined {
  const raw = env.AMTSWEG_SUBMIT_ENDPOINTS;
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('AMTSWEG_SUBMIT_ENDPOINTS is not JSON; write {"name": {"url": "https://…", "secret": "…"}}');
  }
  const out: SubmitEndpoints = {};
  for (const [name, e] of Object.entries(parsed as Record<string, Partial<SubmitEndpoint>>)) {
    if (typeof e?.url !== 'string' || !/^https?:\/\//.test(e.url) || typeof e.secret !== 'string' || e.secret.length < 16) {
      throw new Error(`AMTSWEG_SUBMIT_ENDPOINTS.${name} needs "url" (http(s)://…) and "secret" (at least 16 characters)`);
    }
    out[name] = { url: e.url, secret: e.secret };
  }
  return out;
}

/** The signature header of a body: HMAC-SHA256 over "<unix seconds>.<body>". */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

export interface DeliveryReport { sent: number; retried: number; failed: number }

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Backoff for attempt n (1-based): 30 s, 2 min, 8 min, … capped at 1 h; at most `maxAttempts`. */
export function retryAt(now: Date, attempt: number, maxAttempts = 8, baseDelayMs = 30_000): string | undefined {
  if (attempt >= maxAttempts) return undefined;
  return new Date(now.getTime() + Math.min(3600_000, baseDelayMs * 4 ** (attempt - 1))).toISOString();
}

/** One pass over the due submissions. */
export async function deliverSubmissions(outbox: NotificationOutbox, endpoints: SubmitEndpoints, opts: { now?: () => Date; fetch?: typeof fetch; maxAttempts?: number; baseDelayMs?: number } = {}): Promise<DeliveryReport> {
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetch ?? fetch;
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const item of await outbox.pending(50, { channel: 'http' })) {
    if (!(await outbox.claim(item.id))) continue;
    const endpoint = item.to ? endpoints[item.to] : undefined;
    if (!endpoint) {
      await outbox.markFailed(item.id, `unknown_endpoint:${item.to ?? '-'}`);
      report.failed += 1;
      continue;
    }
    const body = JSON.stringify(item.data);
    let error: string | undefined;
    let again = true;
    try {
      const res = await doFetch(endpoint.url, {
        method: 'POST', body, signal: AbortSignal.timeout(endpoint.timeoutMs ?? 15_000),
        headers: { 'content-type': 'application/json', 'idempotency-key': item.id, 'amtsweg-signature': signatureHeader(endpoint.secret, body, Math.floor(now().getTime() / 1000)) },
      });
      if (res.ok) {
        await outbox.markSent(item.id);
        report.sent += 1;
        continue;
      }
      error = `http_${res.status}`;
      again = retryable(res.status);
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    const at = again ? retryAt(now(), item.attempts + 1, opts.maxAttempts, opts.baseDelayMs) : undefined;
    await outbox.markFailed(item.id, error, at);
    if (at) report.retried += 1; else report.failed += 1;
  }
  return report;
}

/** Delivers every `intervalMs` until stopped. */
export function startSubmissionDelivery(outbox: NotificationOutbox, endpoints: SubmitEndpoints, intervalMs = 5_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => { running = running.then(() => deliverSubmissions(outbox, endpoints)).catch(() => undefined); }, intervalMs);
  timer.unref();
  return async () => { clearInterval(timer); await running; };
}
