/**
 * Encrypts what the worker's action registry stores (action results, outbox payloads) with the
 * same key ring as the payload codec, so personal data is encrypted at rest on worker machines too.
 */
import type { Sealer } from '../../../activities/types';
import { keyRingSealer as platformKeyRingSealer, type KeyRing } from '../../../platform/crypto';
import { PayloadKeyError } from '../errors';

/** Sealer over the key ring; the sealed form carries the key id so rotated keys keep old rows readable. */
export function keyRingSealer(ring: KeyRing): Sealer {
  return platformKeyRingSealer(ring, {
    context: 'worker-action-store',
    onError: (err, kid) => new PayloadKeyError(kid, err.code === 'seal_key'
      ? 'this key id is not configured for the worker\'s action store'
      : 'authentication failed (different key under the same id, or the row was altered)'),
  });
}
