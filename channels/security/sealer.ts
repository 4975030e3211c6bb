import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SealError } from './errors';

/** Encrypts personal data at rest (AES-256-GCM; random 12-byte IV per blob). */
export interface Sealer {
  seal(plain: Buffer | string): Buffer;
  open(sealed: Buffer): Buffer;
  openText(sealed: Buffer): string;
}

const VERSION = 1;

/** A sealer over a 32-byte key. Layout: version(1) | iv(12) | tag(16) | ciphertext. */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new SealError(`The encryption key has ${key.length} bytes, 32 are needed.`);
  const open = (sealed: Buffer): Buffer => {
    if (sealed.length < 29 || sealed[0] !== VERSION) throw new SealError('A sealed value has an unknown format.');
    try {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      d.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([d.update(sealed.subarray(29)), d.final()]);
    } catch {
      throw new SealError('A sealed value could not be decrypted.');
    }
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    open,
    openText: (sealed) => open(sealed).toString('utf8'),
  };
}

/** Reads a 32-byte key (hex or raw) from `file`, creating it with mode 0600 when missing. */
export function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    const raw = readFileSync(file);
    const text = raw.toString('utf8').trim();
    if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
    if (raw.length === 32) return raw;
    throw new SealError(`The key file ${file} holds neither 64 hex digits nor 32 raw bytes.`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
