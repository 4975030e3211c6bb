import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/crypto';

/**
 * Checks a webhook request from jambonz. Accepted: the `Jambonz-Signature` header
 * ("t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${rawBody}`>" with the webhook secret, at most
 * `toleranceSeconds` old), or `Authorization: Bearer <secret>` / Basic with the secret as password
 * (jambonz's basic-auth webhook option).
 */
export function verifyVoiceRequest(
  headers: { signature?: string; authorization?: string },
  rawBody: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; reason: 'missing' | 'bad_signature' | 'stale' | 'bad_credentials' } {
  if (headers.signature) {
    const fields = Object.fromEntries(headers.signature.split(',').map((kv) => {
      const at = kv.indexOf('=');
      return [kv.slice(0, at).trim(), kv.slice(at + 1).trim()];
    }));
    const t = Number(fields.t);
    if (!Number.isFinite(t) || !fields.v1) return { ok: false, reason: 'bad_signature' };
    const expected = createHmac('sha256', secret).update(`${fields.t}.${rawBody}`, 'utf8').digest('hex');
    if (!safeEqual(expected, String(fields.v1).toLowerCase())) return { ok: false, reason: 'bad_signature' };
    if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
    return { ok: true };
  }
  const auth = headers.authorization;
  if (!auth) return { ok: false, reason: 'missing' };
  if (/^bearer /i.test(auth)) return safeEqual(auth.slice(7).trim(), secret) ? { ok: true } : { ok: false, reason: 'bad_credentials' };
  if (/^basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return decoded.includes(':') && safeEqual(password, secret) ? { ok: true } : { ok: false, reason: 'bad_credentials' };
  }
  return { ok: false, reason: 'bad_credentials' };
}

/** Signs a body the way jambonz does (for tests and for operators checking their setup). */
export function signVoiceRequest(rawBody: string, secret: string, nowSeconds: number): string {
  const t = String(Math.floor(nowSeconds));
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest('hex')}`;
}
