/**
 * Encryption at rest and capability tokens.
 *
 * Key hierarchy: one master key (AMTSWEG_MASTER_KEY, base64 of 32 bytes, or the key file,
 * default `<dataDir>/master.key`, created with mode 0600 on first start) wraps one random data
 * key per session. Snapshots, event payloads and transcript texts are sealed with the session's
 * data key (AES-256-GCM, the session id as associated data, so a blob cannot be moved to another
 * session). Destroying a session's wrapped key makes its personal data unreadable while the
 * hash chain, computed over plaintext digests, still verifies.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MasterKeyError, MasterKeyFormatError } from '../host/errors';

const VERSION = 1;

export interface MasterKey { id: string; key: Buffer }

/** Short public id of a master key (first 8 bytes of its sha256), stored beside each wrapped key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('amtsweg-master-key-id').update(key).digest('hex').slice(0, 16);
}

function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new MasterKeyFormatError(where);
  return key;
}

/** Loads the master key: env AMTSWEG_MASTER_KEY wins, else the key file (created 0600 if absent). */
export function loadMasterKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): MasterKey & { source: 'env' | 'file' | 'created' } {
  if (env.AMTSWEG_MASTER_KEY) {
    const key = parseKey(env.AMTSWEG_MASTER_KEY, 'AMTSWEG_MASTER_KEY');
    return { id: keyIdOf(key), key, source: 'env' };
  }
  if (existsSync(keyFile)) {
    const key = parseKey(readFileSync(keyFile, 'utf8'), keyFile);
    return { id: keyIdOf(key), key, source: 'file' };
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it a moment ago: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { ...loadMasterKey(keyFile, env), source: 'file' };
    throw err;
  }
  chmodSync(keyFile, 0o600);
  return { id: keyIdOf(key), key, source: 'created' };
}

/** AES-256-GCM: version byte | 12-byte IV | 16-byte tag | ciphertext. */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed blob; throws if the key or the associated data is wrong or the blob was altered. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('sealed blob has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
}

/** A fresh data key for a session, and its wrapped form for storage. */
export function newDataKey(master: MasterKey, sessionId: string): { key: Buffer; wrapped: Buffer } {
  const key = randomBytes(32);
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
  return createHash('sha256').update('amtsweg-derived:').update(purpose).update(master.key).digest();
}

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

/** Random, unguessable session id. */
export function newSessionId(): string {
  return 's_' + randomBytes(15).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
