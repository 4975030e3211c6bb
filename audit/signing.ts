/**
 * Ed25519 signatures over a bundle's content hash (node:crypto). The public key travels in the
 * bundle for convenience; an auditor pins the key they trust with `--public-key`.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sha256Hex } from './canonical';
import { AuditError } from './errors';
import type { AuditBundle } from './bundle-schema';

type Signature = NonNullable<AuditBundle['integrity']['signature']>;

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new AuditError('key_unreadable', `${file}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Pass a PEM file.`);
  }
}

function ed25519(key: KeyObject, file: string, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AuditError('key_type', `${file}: the ${what} is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519. Create one with: openssl genpkey -algorithm ed25519 -out key.pem`);
  }
  return key;
}

/** Loads an Ed25519 private key from a PEM file. */
export function loadPrivateKey(file: string): KeyObject {
  const pem = readPem(file, 'private key');
  try {
    return ed25519(createPrivateKey(pem), file, 'private key');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('key_invalid', `${file}: not a PEM private key. Create one with: openssl genpkey -algorithm ed25519 -out key.pem`);
  }
}

/** Loads an Ed25519 public key from a PEM file (a private key file works too). */
export function loadPublicKey(file: string): KeyObject {
  const pem = readPem(file, 'public key');
  try {
    return ed25519(createPublicKey(pem), file, 'public key');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('key_invalid', `${file}: not a PEM public key. Derive it with: openssl pkey -in key.pem -pubout -out key.pub.pem`);
  }
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

/** Signs the content hash. */
export function signContentHash(contentHash: string, privateKey: KeyObject): Signature {
  const publicKey = createPublicKey(privateKey);
  return {
    algorithm: 'ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
    value: sign(null, Buffer.from(contentHash, 'utf8'), privateKey).toString('base64'),
  };
}

/**
 * Checks a signature; with `trusted` the signature must also come from that key. Returns a
 * reason when it does not verify.
 */
export function checkSignature(contentHash: string, signature: Signature, trusted?: KeyObject): string | undefined {
  let embedded: KeyObject;
  try {
    embedded = createPublicKey(signature.publicKey);
  } catch {
    return 'the public key in the bundle is not a valid PEM key';
  }
  if (trusted && keyIdOf(trusted) !== keyIdOf(embedded)) {
    return `the bundle was signed with key ${keyIdOf(embedded)}, not with the trusted key ${keyIdOf(trusted)}`;
  }
  const ok = verify(null, Buffer.from(contentHash, 'utf8'), embedded, Buffer.from(signature.value, 'base64'));
  return ok ? undefined : 'the Ed25519 signature does not match the content (the bundle was changed after signing)';
}
