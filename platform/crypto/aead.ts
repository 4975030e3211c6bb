/**
 * The one AES-256-GCM primitive of amtsweg. Every layout in `envelope.ts` (and the Temporal payload
 * codec) frames the bytes this produces: a random 12-byte IV, the 16-byte tag, the ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealError } from './errors';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SealError('seal_key', `An AES-256 key has ${KEY_BYTES} bytes, this one has ${key.length}.`);
}

/** Encrypts `plain` bound to `aad`: iv(12) | tag(16) | ciphertext. */
export function aeadSeal(key: Buffer, plain: Buffer | string, aad: Buffer): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens what {@link aeadSeal} made; a wrong key, wrong `aad` or any altered byte is a SealError. */
export function aeadOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  checkKey(key);
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealError('seal_format', 'A sealed value is truncated.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError('seal_auth', 'A sealed value could not be decrypted (a different key, a different context, or the bytes were altered).');
  }
}
