/**
 * The byte layout of everything amtsweg seals at rest.
 *
 * Current (v2): 0x02 | keyIdLength(1) | keyId | iv(12) | tag(16) | ciphertext, with the associated
 * data "amtsweg.v2\0<keyId>\0<context>" — the key id lets rotated keys keep old rows readable, the
 * context (e.g. "<session id>:snapshot") stops a blob being moved to another place.
 *
 * Earlier releases wrote two other layouts; they stay readable so an old data folder keeps working:
 * - `v1`:       0x01 | iv | tag | ciphertext, aad = the context (engine store, e-mail store);
 * - `keyed-v1`: 0x01 | keyIdLength | keyId | iv | tag | ciphertext, aad = the key id (worker action store).
 * Whoever opens a blob says which older layout its store used; v2 is recognised by its first byte.
 */
import { aeadOpen, aeadSeal, IV_BYTES, TAG_BYTES } from './aead';
import { SealError } from './errors';

const V1 = 1;
const V2 = 2;

/** The older layout a store wrote before v2 (see the file comment). */
export type LegacyLayout = 'v1' | 'keyed-v1';

/** A key, or a lookup from key id to key (key rings). */
export type KeySource = Buffer | ((keyId: string) => Buffer | undefined);

function aadV2(keyId: string, context: string): Buffer {
  return Buffer.from(`amtsweg.v2\0${keyId}\0${context}`, 'utf8');
}

/** Seals `plain` in the current layout. */
export function sealEnvelope(key: Buffer, plain: Buffer | string, opts: { keyId?: string; context?: string } = {}): Buffer {
  const kid = Buffer.from(opts.keyId ?? '', 'utf8');
  if (kid.length > 255) throw new SealError('seal_key', 'A key id has at most 255 bytes.');
  const header = Buffer.allocUnsafe(2 + kid.length);
  header[0] = V2;
  header[1] = kid.length;
  kid.copy(header, 2);
  return aeadSeal(key, plain, aadV2(opts.keyId ?? '', opts.context ?? ''), header);
}

/** The key id a sealed blob names ('' for none or the v1 layout). */
export function envelopeKeyId(sealed: Buffer, legacy?: LegacyLayout): string {
  if (sealed.length < 2) return '';
  if (sealed[0] === V2 || (sealed[0] === V1 && legacy === 'keyed-v1')) return sealed.subarray(2, 2 + sealed[1]).toString('utf8');
  return '';
}

function keyFor(source: KeySource, keyId: string): Buffer {
  const key = typeof source === 'function' ? source(keyId) : source;
  if (!key) throw new SealError('seal_key', `No key with id "${keyId}" is configured.`);
  return key;
}

/** How to open: the v2 context, and the layout (and its associated data) the store wrote before v2. */
export interface OpenOptions { context?: string; legacy?: LegacyLayout; legacyContext?: string }

/** Opens a blob in the current layout, or in the store's `legacy` layout. */
export function openEnvelope(source: KeySource, sealed: Buffer, opts: OpenOptions = {}): Buffer {
  const context = opts.context ?? '';
  if (sealed.length >= 2 + IV_BYTES + TAG_BYTES && sealed[0] === V2) {
    const kid = sealed.subarray(2, 2 + sealed[1]).toString('utf8');
    return aeadOpen(keyFor(source, kid), sealed.subarray(2 + sealed[1]), aadV2(kid, context));
  }
  if (sealed.length >= 1 + IV_BYTES + TAG_BYTES && sealed[0] === V1 && opts.legacy === 'v1') {
    return aeadOpen(keyFor(source, ''), sealed.subarray(1), Buffer.from(opts.legacyContext ?? context, 'utf8'));
  }
  if (sealed.length >= 2 + IV_BYTES + TAG_BYTES && sealed[0] === V1 && opts.legacy === 'keyed-v1') {
    const kidBytes = sealed.subarray(2, 2 + sealed[1]);
    return aeadOpen(keyFor(source, kidBytes.toString('utf8')), sealed.subarray(2 + sealed[1]), kidBytes);
  }
  throw new SealError('seal_format', 'A sealed value has an unknown format.');
}

/** Seals and opens text or bytes with one key and context; the form channels and stores hold. */
export interface Sealer {
  seal(plain: Buffer | string): Buffer;
  open(sealed: Buffer): Buffer;
  openText(sealed: Buffer): string;
}

/** A sealer over one key; `legacy` names the layout this store wrote before v2. */
export function createSealer(key: Buffer, opts: OpenOptions & { keyId?: string } = {}): Sealer {
  const open = (sealed: Buffer) => openEnvelope(key, sealed, opts);
  return {
    seal: (plain) => sealEnvelope(key, plain, opts),
    open,
    openText: (sealed) => open(sealed).toString('utf8'),
  };
}
