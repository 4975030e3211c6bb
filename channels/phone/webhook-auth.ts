/**
 * The phone webhook's authentication (issue 12): an HMAC-SHA256 over method, path, query, a
 * request id, a timestamp and the body, each request id accepted once within the time window.
 *
 *   Amtsweg-Signature: t=<unix seconds>,id=<request id>,v2=<hex>
 *   v2 = HMAC-SHA256(secret, "v2\n<t>\n<id>\n<METHOD>\n<path>?<query>\n<body>")   (no "?" without a query)
 *
 * jambonz's own `Jambonz-Signature` (t, v1 over t + body only) is accepted only when the operator
 * opts in (AMTSWEG_VOICE_JAMBONZ_SIGNATURE=1), never with a query string (the signature would not
 * cover it), and each such signature also only once.
 */
import { hmacHex, randomId, safeEqual } from '../../platform/crypto';

/** Accepts each (scope, id) once until it expires; store10's `nonces` has the same shape. */
export interface NonceStore { claim(scope: string, id: string, expiresAt: string): Promise<boolean> }

export interface WebhookRequest { method: string; path: string; query: string; body: string; headers: { signature?: string; jambonz?: string } }

export type WebhookVerdict = { ok: true; requestId: string } | { ok: false; reason: 'missing' | 'bad_signature' | 'stale' | 'replayed' | 'query_not_signed' };

const ID = /^[A-Za-z0-9._:-]{8,128}$/;

function fields(header: string): Record<string, string> {
  return Object.fromEntries(header.split(',').map((kv) => {
    const at = kv.indexOf('=');
    return [kv.slice(0, at).trim(), kv.slice(at + 1).trim()];
  }));
}

/** The exact bytes a v2 signature covers. */
export function signedText(t: string, id: string, method: string, path: string, query: string, body: string): string {
  return `v2\n${t}\n${id}\n${method.toUpperCase()}\n${path}${query ? `?${query}` : ''}\n${body}`;
}

/** Checks signature and freshness, then claims the request id in `nonces` (same window). */
export async function verifyWebhook(
  req: WebhookRequest, secret: string, nowSeconds: number, nonces: NonceStore,
  opts: { toleranceSeconds?: number; acceptJambonz?: boolean } = {},
): Promise<WebhookVerdict> {
  const tolerance = opts.toleranceSeconds ?? 300;
  let t: number;
  let requestId: string;
  if (req.headers.signature) {
    const f = fields(req.headers.signature);
    t = Number(f.t);
    if (!Number.isFinite(t) || !f.v2 || !f.id || !ID.test(f.id)) return { ok: false, reason: 'bad_signature' };
    const expected = hmacHex(secret, signedText(f.t, f.id, req.method, req.path, req.query, req.body));
    if (!safeEqual(expected, f.v2.toLowerCase())) return { ok: false, reason: 'bad_signature' };
    requestId = f.id;
  } else if (req.headers.jambonz && opts.acceptJambonz) {
    const f = fields(req.headers.jambonz);
    t = Number(f.t);
    if (!Number.isFinite(t) || !f.v1) return { ok: false, reason: 'bad_signature' };
    if (!safeEqual(hmacHex(secret, `${f.t}.${req.body}`), f.v1.toLowerCase())) return { ok: false, reason: 'bad_signature' };
    if (req.query) return { ok: false, reason: 'query_not_signed' };
    requestId = `jambonz:${f.v1.toLowerCase()}`;
  } else {
    return { ok: false, reason: 'missing' };
  }
  if (Math.abs(nowSeconds - t) > tolerance) return { ok: false, reason: 'stale' };
  // Kept until the timestamp falls out of the window: a replay after that is stale anyway.
  const expiresAt = new Date((t + tolerance + 1) * 1000).toISOString();
  if (!(await nonces.claim('voice-webhook', requestId, expiresAt))) return { ok: false, reason: 'replayed' };
  return { ok: true, requestId };
}

/** Signs a request (for operators, tests and proxies in front of amtsweg): the `Amtsweg-Signature` value. */
export function signWebhook(req: { method: string; path: string; query?: string; body: string }, secret: string, nowSeconds: number, id = randomId(12)): string {
  const t = String(Math.floor(nowSeconds));
  return `t=${t},id=${id},v2=${hmacHex(secret, signedText(t, id, req.method, req.path, req.query ?? '', req.body))}`;
}

/** Signs a body the way jambonz does (`Jambonz-Signature`: t and v1 over t + body only; for tests and operators). */
export function signVoiceRequest(rawBody: string, secret: string, nowSeconds: number): string {
  const t = String(Math.floor(nowSeconds));
  return `t=${t},v1=${hmacHex(secret, `${t}.${rawBody}`)}`;
}

/** A nonce store in memory (one process; tests). Bounded: the oldest entries go first. */
export function memoryNonceStore(opts: { now?: () => number; max?: number } = {}): NonceStore {
  const max = opts.max ?? 100_000;
  const clock = opts.now ?? (() => Date.now());
  const seen = new Map<string, string>();
  return {
    async claim(scope, id, expiresAt) {
      const key = `${scope}\0${id}`;
      const nowIso = new Date(clock()).toISOString();
      const prior = seen.get(key);
      if (prior && prior > nowIso) return false;
      seen.delete(key);
      seen.set(key, expiresAt);
      while (seen.size > max) seen.delete(seen.keys().next().value as string);
      return true;
    },
  };
}
