/**
 * Encrypts what the worker's action registry stores (action results, outbox payloads) with the
 * same key ring as the payload codec, so personal data is encrypted at rest on worker machines too.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Sealer } from '../../../activities/types';
import type { KeyRing } from '../codec';
import { PayloadKeyError } from '../errors';

const VERSION = 1;

/** AES-256-GCM sealer; the sealed form carries the key id so rotated keys keep old rows readable. */
export function keyRingSealer(ring: KeyRing): Sealer {
  return {
    seal(plaintext: string): Buffer {
      const kid = Buffer.from(ring.activeKeyId, 'utf8');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', ring.keys[ring.activeKeyId], iv);
      cipher.setAAD(kid);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION, kid.length]), kid, iv, cipher.getAuthTag(), body]);
    },
    open(sealed: Buffer): string {
      const kidLen = sealed[1];
      const kid = sealed.subarray(2, 2 + kidLen);
      const kidText = kid.toString('utf8');
      const key = ring.keys[kidText];
      if (sealed[0] !== VERSION || !key) throw new PayloadKeyError(kidText, 'this key id is not configured for the worker\'s action store');
      const at = 2 + kidLen;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(at, at + 12));
        decipher.setAAD(kid);
        decipher.setAuthTag(sealed.subarray(at + 12, at + 28));
        return Buffer.concat([decipher.update(sealed.subarray(at + 28)), decipher.final()]).toString('utf8');
      } catch {
        throw new PayloadKeyError(kidText, 'authentication failed (different key under the same id, or the row was altered)');
      }
    },
  };
}
