/** The one crypto module: AES-256-GCM sealing (one primitive, one current layout), keys, tokens. */
export { SealError, KeyFormatError } from './errors';
export { aeadSeal, aeadOpen, KEY_BYTES, IV_BYTES, TAG_BYTES } from './aead';
export {
  type LegacyLayout, type KeySource, type OpenOptions, type Sealer,
  sealEnvelope, openEnvelope, envelopeKeyId, createSealer,
} from './envelope';
export { type KeyRing, parseKeyText, readKeyFile, loadOrCreateKeyFile, keyIdOf, deriveKey, randomKey } from './keys';
export { type MasterKey, loadMasterKey, seal, open, newDataKey, unwrapDataKey, derivedKey } from './master-key';
export { newToken, hashToken, tokenMatches, safeEqual, newSessionId, sha256Hex, hmacHex, pseudonym, randomId, randomDigits } from './tokens';
export { type TextSealer, keyRingSealer } from './key-ring-sealer';
