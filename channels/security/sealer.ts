/** The e-mail channel's sealer, on the one crypto module (`platform/crypto`). */
import { createSealer as platformSealer, loadOrCreateKeyFile, type Sealer } from '../../platform/crypto';

export type { Sealer } from '../../platform/crypto';

/** A sealer for the e-mail store; reads the v1 blobs (no context) earlier releases wrote. */
export function createSealer(key: Buffer): Sealer {
  return platformSealer(key, { context: 'email', legacy: 'v1', legacyContext: '' });
}

/** Reads a 32-byte key (base64, hex or raw) from `file`, creating it with mode 0600 when missing. */
export function loadOrCreateKey(file: string): Buffer {
  return loadOrCreateKeyFile(file).key;
}
