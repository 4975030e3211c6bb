/**
 * Ed25519 signatures over a bundle's content hash (node:crypto), and the trust list an auditor
 * verifies them against. The public key travels in the bundle, but only as a claim: the key id
 * must be the id of that key, signature and key must be in their one canonical encoding (so no
 * byte of them can change unnoticed), and with a trust list the key must be one of its keys.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './canonical';
import { AuditError } from './errors';
import type { AuditBundle } from './bundle-schema';

type Signature = NonNullable<AuditBundle['integrity']['signature']>;

function readText(file: string, what: string): string {
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
  const pem = readText(file, 'private key');
  try {
    return ed25519(createPrivateKey(pem), file, 'private key');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('key_invalid', `${file}: not a PEM private key. Create one with: openssl genpkey -algorithm ed25519 -out key.pem`);
  }
}

function publicFromPem(pem: string, file: string): KeyObject {
  try {
    return ed25519(createPublicKey(pem), file, 'public key');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('key_invalid', `${file}: not a PEM public key. Derive it with: openssl pkey -in key.pem -pubout -out key.pub.pem`);
  }
}

/** Loads an Ed25519 public key from a PEM file (a private key file works too). */
export function loadPublicKey(file: string): KeyObject {
  return publicFromPem(readText(file, 'public key'), file);
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Loads a trust list: a PEM file with one or more public keys, or a folder of `*.pem`/`*.pub`
 * files. Each key is trusted under its id (sha256 of its DER, first 16 hex digits).
 */
export function loadTrustList(path: string): KeyObject[] {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => /\.(pem|pub)$/.test(f)).sort().map((f) => join(path, f))
      : [path];
  } catch (e) {
    throw new AuditError('key_unreadable', `${path}: cannot read the trust list (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Pass a PEM file of public keys or a folder of them.`);
  }
  const keys = files.flatMap((file) => (readText(file, 'trust list').match(PEM_BLOCK) ?? []).map((pem) => publicFromPem(pem, file)));
  if (keys.length === 0) throw new AuditError('trust_list_empty', `${path}: the trust list holds no PEM public key. Add one with: openssl pkey -in audit.pem -pubout >> ${path}`);
  return keys;
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

/** How far a bundle's origin is established. */
export type SignatureStatus =
  | { state: 'unsigned' }
  | { state: 'signed'; keyId: string; trusted: false }
  | { state: 'signed'; keyId: string; trusted: true };

/** A failed signature check: which field, and why. */
export interface SignatureProblem { field: 'signature.value' | 'signature.publicKey' | 'signature.keyId' | 'signature'; reason: string }

const CANONICAL_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

const ders = new WeakMap<KeyObject, Buffer>();
function derOf(key: KeyObject): Buffer {
  let der = ders.get(key);
  if (!der) { der = key.export({ type: 'spki', format: 'der' }); ders.set(key, der); }
  return der;
}

type EmbeddedKey = { key: KeyObject; id: string; der: Buffer };
/** Parsed embedded keys by PEM text: an auditor checks many bundles signed by the same few keys. */
const embeddedKeys = new Map<string, EmbeddedKey | SignatureProblem>();

function parseEmbeddedKey(pem: string): EmbeddedKey | SignatureProblem {
  const hit = embeddedKeys.get(pem);
  if (hit) return hit;
  let result: EmbeddedKey | SignatureProblem;
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') result = { field: 'signature.publicKey', reason: `the public key in the bundle is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519` };
    else if (key.export({ type: 'spki', format: 'pem' }).toString() !== pem) result = { field: 'signature.publicKey', reason: 'the public key is not in its canonical PEM form (a character of it was changed)' };
    else result = { key, id: keyIdOf(key), der: derOf(key) };
  } catch {
    result = { field: 'signature.publicKey', reason: 'the public key in the bundle is not a valid PEM key' };
  }
  if (embeddedKeys.size >= 64) embeddedKeys.delete(embeddedKeys.keys().next().value as string);
  embeddedKeys.set(pem, result);
  return result;
}

/**
 * Checks a signature. Returns the status, or the problem when it does not verify. With a trust
 * list (`trusted`, non-empty) the signing key must be one of its keys.
 */
export function checkSignature(contentHash: string, signature: Signature, trusted?: KeyObject[]): SignatureStatus | SignatureProblem {
  const parsed = parseEmbeddedKey(signature.publicKey);
  if ('reason' in parsed) return parsed;
  const { key: embedded, id, der } = parsed;
  if (signature.keyId !== id) return { field: 'signature.keyId', reason: `the key id "${signature.keyId}" is not the id of the key in the bundle (${id})` };
  if (!CANONICAL_SIGNATURE.test(signature.value) || Buffer.from(signature.value, 'base64').toString('base64') !== signature.value) {
    return { field: 'signature.value', reason: 'the signature is not canonical base64 of 64 bytes (a character of it was changed)' };
  }
  let verifier = embedded;
  if (trusted && trusted.length > 0) {
    const match = trusted.find((k) => derOf(k).equals(der));
    if (!match) return { field: 'signature', reason: `the bundle was signed with key ${id}, which is not in the trust list (${trusted.map(keyIdOf).join(', ')})` };
    verifier = match;
  }
  const ok = verify(null, Buffer.from(contentHash, 'utf8'), verifier, Buffer.from(signature.value, 'base64'));
  if (!ok) return { field: 'signature.value', reason: 'the Ed25519 signature does not match the content hash' };
  return trusted && trusted.length > 0 ? { state: 'signed', keyId: id, trusted: true } : { state: 'signed', keyId: id, trusted: false };
}

/** One line for people: unsigned, signed by an unlisted key, or by a trusted key. */
export function describeSignature(s: SignatureStatus): string {
  if (s.state === 'unsigned') return 'unsigned (integrity only: anyone could have written it)';
  return s.trusted ? `signed by trusted key ${s.keyId}` : `signed by key ${s.keyId} (no trust list given: origin not established)`;
}
