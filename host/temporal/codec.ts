/**
 * Payload codec: every payload that leaves a worker or client is AES-256-GCM encrypted. The key
 * id travels in the payload metadata, so keys can rotate: new payloads use the active key, old
 * histories stay readable as long as their key is still configured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { aeadOpen, openEnvelope, randomKey, sealEnvelope, SealError, type KeyRing } from '../../platform/crypto';
import { KeyConfigError, PayloadKeyError } from './errors';
import { isClearText } from './clear-text';
import { sessionKeyId, sessionOfKeyId, sessionOfWorkflowId, type SessionKeys } from './session-keys';

/** Payloads of earlier releases: data = iv | tag | ciphertext, aad = key id. Still read. */
const LEGACY_ENCODING = 'binary/encrypted-amtsweg';
/** Current: data = the platform envelope (v2) naming the key id. */
const ENCODING = 'binary/encrypted-amtsweg-v2';
const CONTEXT = 'temporal-payload';
const enc = new TextEncoder();
const dec = new TextDecoder();

export type { KeyRing } from '../../platform/crypto';

/** Written by `npm run temporal:dev` when no key is configured, so a local setup works out of the box. */
export const DEV_KEY_FILE = 'data/temporal-keys.json';

function parseKeys(json: string, where: string): Record<string, Buffer> {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch {
    throw new KeyConfigError(`${where} is not JSON. Write {"<key id>": "<base64 of 32 random bytes>"}, e.g. from \`openssl rand -base64 32\`.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new KeyConfigError(`${where} must be a JSON object {"<key id>": "<base64 key>"}.`);
  const keys: Record<string, Buffer> = {};
  for (const [kid, b64] of Object.entries(raw as Record<string, unknown>)) {
    const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) throw new KeyConfigError(`Key "${kid}" in ${where} must be 32 bytes, base64-encoded (got ${key.length} bytes). Generate one with \`openssl rand -base64 32\`.`);
    keys[kid] = key;
  }
  return keys;
}

/**
 * Reads the key ring from `AMTSWEG_TEMPORAL_KEYS` (JSON kid → base64 key) and
 * `AMTSWEG_TEMPORAL_KEY_ID` (the active kid), or from a JSON key file
 * `{ "active": "kid", "keys": { "kid": "base64" } }`; last, the dev key file `data/temporal-keys.json`
 * that `npm run temporal:dev` writes.
 */
export function loadKeyRing(opts: { keyFile?: string; env?: NodeJS.ProcessEnv } = {}): KeyRing {
  const env = opts.env ?? process.env;
  const devFile = resolve(DEV_KEY_FILE);
  const file = opts.keyFile ?? env.AMTSWEG_TEMPORAL_KEY_FILE ?? (opts.env === undefined && existsSync(devFile) ? devFile : undefined);
  if (env.AMTSWEG_TEMPORAL_KEYS) {
    const keys = parseKeys(env.AMTSWEG_TEMPORAL_KEYS, 'AMTSWEG_TEMPORAL_KEYS');
    const active = env.AMTSWEG_TEMPORAL_KEY_ID ?? Object.keys(keys)[0];
    return checkRing({ activeKeyId: active, keys }, 'AMTSWEG_TEMPORAL_KEY_ID');
  }
  if (file) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      throw new KeyConfigError(`Cannot read the Temporal key file ${file} (${(e as Error).message}). Create it or set AMTSWEG_TEMPORAL_KEYS.`);
    }
    let parsed: { active?: string; keys?: unknown };
    try { parsed = JSON.parse(text); } catch {
      throw new KeyConfigError(`Temporal key file ${file} is not JSON. Write {"active": "k1", "keys": {"k1": "<base64 32 bytes>"}}.`);
    }
    const keys = parseKeys(JSON.stringify(parsed.keys ?? {}), `key file ${file}`);
    return checkRing({ activeKeyId: parsed.active ?? Object.keys(keys)[0], keys }, `"active" in ${file}`);
  }
  throw new KeyConfigError(
    'No encryption key for Temporal payloads. Set AMTSWEG_TEMPORAL_KEYS=\'{"k1":"<base64 32 bytes>"}\' and ' +
      'AMTSWEG_TEMPORAL_KEY_ID=k1, or pass --key-file with {"active":"k1","keys":{"k1":"..."}}.',
  );
}

function checkRing(ring: KeyRing, where: string): KeyRing {
  if (!ring.activeKeyId || !ring.keys[ring.activeKeyId]) {
    throw new KeyConfigError(`The active key id "${ring.activeKeyId ?? ''}" (${where}) is not among the configured keys (${Object.keys(ring.keys).join(', ') || 'none'}).`);
  }
  return ring;
}

/** A fresh random key ring (tests, first start of a dev setup). */
export function randomKeyRing(kid = 'k1'): KeyRing {
  return { activeKeyId: kid, keys: { [kid]: randomKey() } };
}

/**
 * AES-256-GCM payload codec over a key ring and, when given, per-session data keys: a payload of
 * workflow `amtsweg-<id>` (known from the SDK's serialization context) whose session has a key is
 * encrypted with that key (key id `sk-<id>`), so purge can shred it; others use the ring's active key.
 * Payloads the client marked as clear text (the memo) pass unencrypted.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing, private readonly sessionKeys?: SessionKeys) {
    checkRing(ring, 'activeKeyId');
  }

  /** The key id and key for payloads of this context. */
  private async keyFor(context?: SerializationContext): Promise<{ kid: string; key: Buffer }> {
    const session = this.sessionKeys ? sessionOfWorkflowId(context?.workflowId) : undefined;
    const own = session ? await this.sessionKeys!.keyOf(session) : undefined;
    if (session && own) return { kid: sessionKeyId(session), key: own };
    return { kid: this.ring.activeKeyId, key: this.ring.keys[this.ring.activeKeyId] };
  }

  private async keyById(kid: string): Promise<Buffer> {
    const session = sessionOfKeyId(kid);
    if (session) {
      if (!this.sessionKeys) throw new PayloadKeyError(kid, 'it is a per-session key, and this process has no shared store to read session keys from (give it --database / AMTSWEG_DATABASE_URL or the data folder the workers use)');
      const key = await this.sessionKeys.keyOf(session);
      if (!key) throw new PayloadKeyError(kid, 'the shared store has no key for this session (serve, workers and this process must use the same store)');
      return key;
    }
    const key = this.ring.keys[kid];
    if (!key) throw new PayloadKeyError(kid, 'this key id is not configured here');
    return key;
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const { kid, key } = await this.keyFor(context);
    return payloads.map((p) => (isClearText(p) ? p : {
      metadata: { encoding: enc.encode(ENCODING), 'encryption-key-id': enc.encode(kid) },
      data: sealEnvelope(key, Buffer.from(serializePayload(p)), { keyId: kid, context: CONTEXT }),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    const out: Payload[] = [];
    for (const p of payloads) out.push(await this.decodeOne(p));
    return out;
  }

  private async decodeOne(p: Payload): Promise<Payload> {
    const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : '';
    if (encoding !== ENCODING && encoding !== LEGACY_ENCODING) return p;
    const kidBytes = p.metadata?.['encryption-key-id'];
    const kid = kidBytes ? dec.decode(kidBytes) : '';
    const key = await this.keyById(kid);
    const data = Buffer.from(p.data ?? new Uint8Array());
    if (data.length < 28) throw new PayloadKeyError(kid, 'the payload is truncated');
    try {
      const plain = encoding === ENCODING
        ? openEnvelope((id) => (id === kid ? key : undefined), data, { context: CONTEXT })
        : aeadOpen(key, data, Buffer.from(kid, 'utf8'));
      return deserializePayload(plain);
    } catch (err) {
      if (!(err instanceof SealError)) throw err;
      throw new PayloadKeyError(kid, 'authentication failed (a different key under the same id, or the payload was altered)');
    }
  }
}

/** Payload ↔ bytes without pulling in protobuf: metadata as base64 strings, data as base64. */
function serializePayload(p: Payload): Uint8Array {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v).toString('base64');
  return enc.encode(JSON.stringify({ m: metadata, d: Buffer.from(p.data ?? new Uint8Array()).toString('base64') }));
}

function deserializePayload(bytes: Uint8Array): Payload {
  const o = JSON.parse(dec.decode(bytes)) as { m: Record<string, string>; d: string };
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(o.m)) metadata[k] = new Uint8Array(Buffer.from(v, 'base64'));
  return { metadata, data: new Uint8Array(Buffer.from(o.d, 'base64')) };
}

/**
 * The data converter every amtsweg client, worker and replayer uses: payloads through the codec,
 * and failure messages and stack traces encoded too (an error text may quote a citizen's input).
 */
export function amtswegDataConverter(ring: KeyRing, opts: { sessionKeys?: SessionKeys; client?: boolean } = {}): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(ring, opts.sessionKeys)],
    failureConverterPath: join(__dirname, 'failure-converter.ts'),
    // Only the client writes clear text (the memo); workers keep the default converter.
    ...(opts.client ? { payloadConverterPath: join(__dirname, 'clear-text.ts') } : {}),
  };
}
