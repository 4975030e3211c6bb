/**
 * The engine's key hierarchy on the AES-256-GCM envelope of this module.
 *
 * One master key (AMTSWEG_MASTER_KEY, base64 of 32 bytes, or the key file, default
 * `<dataDir>/master.key`, created with mode 0600 on first start) wraps one random data key per
 * session. Snapshots, event payloads and transcript texts are sealed with the session's data key
 * (the session id in the context, so a blob cannot be moved to another session). Destroying a
 * session's wrapped key makes its personal data unreadable while the hash chain, computed over
 * plaintext digests, still verifies. Blobs of earlier releases (layout v1) stay readable.
 */
import { MasterKeyError, MasterKeyFormatError } from '../../host/errors';
import { openEnvelope, sealEnvelope } from './envelope';
import { KeyFormatError } from './errors';
import { deriveKey, keyIdOf, loadOrCreateKeyFile, parseKeyText, randomKey } from './keys';

export interface MasterKey { id: string; key: Buffer }

/** Loads the master key: env AMTSWEG_MASTER_KEY wins, else the key file (created 0600 if absent). */
export function loadMasterKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): MasterKey & { source: 'env' | 'file' | 'created' } {
  if (env.AMTSWEG_MASTER_KEY) {
    const key = parseKeyText(env.AMTSWEG_MASTER_KEY);
    if (!key) throw new MasterKeyFormatError('AMTSWEG_MASTER_KEY');
    return { id: keyIdOf(key), key, source: 'env' };
  }
  try {
    const { key, created } = loadOrCreateKeyFile(keyFile);
    return { id: keyIdOf(key), key, source: created ? 'created' : 'file' };
  } catch (err) {
    if (err instanceof KeyFormatError) throw new MasterKeyFormatError(keyFile);
    throw err;
  }
}


/** Seals with the current layout; `aad` is the blob's place ("<session>:<purpose>"). */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  return sealEnvelope(key, plaintext, { context: aad });
}

/** Opens a sealed blob (current layout or v1 of earlier releases); throws on a wrong key, place or altered bytes. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  return openEnvelope(key, sealed, { context: aad, legacy: 'v1' });
}

/** A fresh data key for a session, and its wrapped form for storage. */
export function newDataKey(master: MasterKey, sessionId: string): { key: Buffer; wrapped: Buffer } {
  const key = randomKey();
  return { key, wrapped: seal(master.key, key, `wrap:${master.id}:${sessionId}`) };
}

/** Unwraps a session's data key; a wrong master key gives a MasterKeyError naming both key ids. */
export function unwrapDataKey(master: MasterKey, sessionId: string, storedKeyId: string, wrapped: Buffer): Buffer {
  if (storedKeyId !== master.id) throw new MasterKeyError(sessionId, storedKeyId, master.id);
  try {
    return open(master.key, wrapped, `wrap:${storedKeyId}:${sessionId}`);
  } catch {
    throw new MasterKeyError(sessionId, storedKeyId, master.id);
  }
}

/** A key derived from the master key for one purpose (outbox, action results). */
export function derivedKey(master: MasterKey, purpose: string): Buffer {
  return deriveKey(master.key, purpose);
}
