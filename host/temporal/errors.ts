/** Errors of the Temporal host. Each message names the problem and the fix. */

/** The `temporal` CLI could not be found or installed. */
export class TemporalInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporalInstallError';
  }
}

/** No Temporal frontend answered at the configured address. */
export class TemporalUnreachableError extends Error {
  constructor(readonly address: string, cause?: unknown) {
    super(
      `Temporal is not reachable at ${address}. Start a dev server with \`npm run temporal:dev\` ` +
        '(or point --temporal-address / TEMPORAL_ADDRESS at your cluster) and try again.',
    );
    this.name = 'TemporalUnreachableError';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** A payload was encrypted with a key this process does not have, or was tampered with. */
export class PayloadKeyError extends Error {
  constructor(readonly keyId: string, reason: string) {
    super(
      `Cannot decrypt a Temporal payload encrypted with key id "${keyId}": ${reason}. ` +
        'Add that key to AMTSWEG_TEMPORAL_KEYS (JSON {"<kid>": "<base64 32 bytes>"}) or the key file ' +
        'so old histories stay readable; keep AMTSWEG_TEMPORAL_KEY_ID on the key new payloads use.',
    );
    this.name = 'PayloadKeyError';
  }
}

/** The key configuration itself is wrong (missing, malformed, wrong length). */
export class KeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyConfigError';
  }
}

/** A case-worker desk method that the Temporal host does not offer yet. */
export class NotSupportedOnTemporalError extends Error {
  constructor(readonly method: string) {
    super(
      `${method} is not available on the Temporal engine yet. Run the case-worker desk on the embedded ` +
        'engine (`amtsweg serve --engine embedded`) for now.',
    );
    this.name = 'NotSupportedOnTemporalError';
  }
}
