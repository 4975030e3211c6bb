/** Errors of the crypto module. Each carries a stable `code`. */

/** A sealed blob could not be opened: wrong key, wrong context, unknown layout, or altered bytes. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(readonly code: 'seal_format' | 'seal_auth' | 'seal_key', message: string) {
    super(message);
  }
}

/** A key (file or environment) is not 32 bytes in one of the accepted encodings. */
export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
  readonly code = 'key_format';
  constructor(readonly where: string) {
    super(`The key from ${where} is not 32 bytes (base64, 64 hex digits or raw). Generate one with: openssl rand -base64 32`);
  }
}
