/**
 * The e-mail channel's key: it seals thread records, held first mails, replies and attachments in
 * the shared store, and keys the address hashes. Every serve that shares a store must use the
 * same one: AMTSWEG_EMAIL_KEY (base64 of 32 bytes), else a key derived from AMTSWEG_MASTER_KEY,
 * else `<data>/email.key` (one machine; created 0600 on first start, as before).
 */
import { existsSync } from 'node:fs';
import { deriveKey, parseKeyText, readKeyFile } from '../../platform/crypto';
import { loadOrCreateKey } from '../security';
import { EmailConfigError } from './errors';

export interface EmailKey { key: Buffer; source: 'AMTSWEG_EMAIL_KEY' | 'AMTSWEG_MASTER_KEY' | 'file' }

export function emailChannelKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): EmailKey {
  if (env.AMTSWEG_EMAIL_KEY) {
    const key = parseKeyText(env.AMTSWEG_EMAIL_KEY);
    if (!key) throw new EmailConfigError('AMTSWEG_EMAIL_KEY is not a 32-byte key (base64 or hex). Generate one with: openssl rand -base64 32');
    return { key, source: 'AMTSWEG_EMAIL_KEY' };
  }
  if (env.AMTSWEG_MASTER_KEY) {
    const master = parseKeyText(env.AMTSWEG_MASTER_KEY);
    if (!master) throw new EmailConfigError('AMTSWEG_MASTER_KEY is not a 32-byte key (base64 or hex).');
    return { key: deriveKey(master, 'email'), source: 'AMTSWEG_MASTER_KEY' };
  }
  return { key: loadOrCreateKey(keyFile), source: 'file' };
}

/** The key an earlier release sealed `email.db` with: the key file, when there is one. */
export function legacyEmailKey(keyFile: string): Buffer | undefined {
  return existsSync(keyFile) ? readKeyFile(keyFile) : undefined;
}
