import type { KeyRing } from './keys';
import { openEnvelope, sealEnvelope } from './envelope';
import { SealError } from './errors';

/** A text sealer over a key ring: new blobs use the active key, old blobs name their key id. */
export interface TextSealer { seal(plain: string): Buffer; open(sealed: Buffer): string }

/**
 * Seals with the ring's active key (v2 layout, the key id inside); opens v2 and the worker's
 * earlier keyed-v1 layout. `onError` turns a SealError into the caller's own error (key id named).
 */
export function keyRingSealer(ring: KeyRing, opts: { context?: string; onError?: (err: SealError, keyId: string) => Error } = {}): TextSealer {
  return {
    seal: (plain) => sealEnvelope(ring.keys[ring.activeKeyId], plain, { keyId: ring.activeKeyId, context: opts.context }),
    open(sealed) {
      let kid = '';
      try {
        return openEnvelope((id) => { kid = id; return ring.keys[id]; }, sealed, { context: opts.context, legacy: 'keyed-v1' }).toString('utf8');
      } catch (err) {
        if (err instanceof SealError && opts.onError) throw opts.onError(err, kid);
        throw err;
      }
    },
  };
}
