/** Reading, creating and deriving 32-byte keys. */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from './aead';
import { KeyFormatError } from './errors';

/** A named set of keys: new blobs use `activeKeyId`, old ones name theirs. */
export interface KeyRing { activeKeyId: string; keys: Record<string, Buffer> }

/** Parses base64 of 32 bytes, or 64 hex digits (the older e-mail key file); undefined otherwise. */
export function parseKeyText(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  const key = Buffer.from(t, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

/** Reads a key file: base64, 64 hex digits or 32 raw bytes. */
export function readKeyFile(file: string): Buffer {
  const raw = readFileSync(file);
  const key = parseKeyText(raw.toString('utf8'));
  if (key) return key;
  if (raw.length === KEY_BYTES) return Buffer.from(raw);
  throw new KeyFormatError(file);
}

/**
 * Reads `file`, or creates it (base64, mode 0600) when missing. Two processes starting at once
 * agree on one key: the file is created exclusively and the loser reads the winner's.
 */
export function loadOrCreateKeyFile(file: string): { key: Buffer; created: boolean } {
  if (existsSync(file)) return { key: readKeyFile(file), created: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { key: readKeyFile(file), created: false };
    throw err;
  }
  chmodSync(file, 0o600);
  return { key, created: true };
}

/** Short public id of a key (first 8 bytes of a labelled sha256); safe to store beside what it sealed. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('amtsweg-master-key-id').update(key).digest('hex').slice(0, 16);
}

/** A key derived from `key` for one purpose (outbox, e-mail confirmations, ...). */
export function deriveKey(key: Buffer, purpose: string): Buffer {
  return createHash('sha256').update('amtsweg-derived:').update(purpose).update(key).digest();
}

/** A fresh random key. */
export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
