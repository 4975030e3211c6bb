/** Tokens, digests, MACs and constant-time comparison. */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Capability token: 32 random bytes, base64url. Only `hashToken(token)` is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token against the stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Compares two secrets in constant time (hashing first hides the length). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** Random, unguessable session id. */
export function newSessionId(): string {
  return 's_' + randomBytes(15).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** HMAC-SHA256 of `data` as lowercase hex. */
export function hmacHex(secret: string | Buffer, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** A short, keyed pseudonym for log lines: who misbehaves is traceable without the address. */
export function pseudonym(secret: string | Buffer, value: string): string {
  return hmacHex(secret, value.toLowerCase()).slice(0, 12);
}

/** `n` random decimal digits (codes a person types). */
export function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

/** `n` random bytes as base64url (nonces, request ids, confirmation codes). */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
