/**
 * The one AES-256-GCM primitive of amtsweg. Every layout in `envelope.ts` (and the Temporal payload
 * codec) frames the bytes this produces: a random 12-byte IV, the 16-byte tag, the ciphertext.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { SealError } from './errors';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/**
 * IVs come from the CSPRNG in batches: one `randomFillSync` per 1024 seals instead of one per seal
 * (an embedded turn seals 4–5 records). Each IV is used once; nothing of the pool is ever reused.
 */
const IV_POOL_BYTES = IV_BYTES * 1024;
let ivPool = Buffer.alloc(0);
let ivAt = 0;

function writeIv(out: Buffer, offset: number): void {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(IV_POOL_BYTES));
    ivAt = 0;
  }
  ivPool.copy(out, offset, ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SealError('seal_key', `An AES-256 key has ${KEY_BYTES} bytes, this one has ${key.length}.`);
}

/**
 * Encrypts `plain` bound to `aad`: prefix | iv(12) | tag(16) | ciphertext, in one buffer (the
 * envelope's header goes in `prefix`, so a seal allocates its result once).
 */
export function aeadSeal(key: Buffer, plain: Buffer | string, aad: Buffer, prefix?: Buffer): Buffer {
  checkKey(key);
  const data = typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain;
  const head = prefix?.length ?? 0;
  const out = Buffer.allocUnsafe(head + IV_BYTES + TAG_BYTES + data.length);
  if (prefix) prefix.copy(out, 0);
  writeIv(out, head);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(head, head + IV_BYTES));
  cipher.setAAD(aad);
  const body = cipher.update(data);
  const rest = cipher.final();
  // GCM is a stream mode: the ciphertext is exactly as long as the plaintext.
  if (body.length + rest.length !== data.length) throw new SealError('seal_format', 'AES-GCM returned a ciphertext of unexpected length.');
  body.copy(out, head + IV_BYTES + TAG_BYTES);
  cipher.getAuthTag().copy(out, head + IV_BYTES);
  return out;
}

/** Opens what {@link aeadSeal} made; a wrong key, wrong `aad` or any altered byte is a SealError. */
export function aeadOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  checkKey(key);
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealError('seal_format', 'A sealed value is truncated.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const body = decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES));
    const rest = decipher.final();
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    throw new SealError('seal_auth', 'A sealed value could not be decrypted (a different key, a different context, or the bytes were altered).');
  }
}
