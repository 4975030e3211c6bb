/** Errors of the Temporal host. Each message names the problem and the fix. */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';

/** The `temporal` CLI could not be found or installed. */
export class TemporalInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporalInstallError';
  }
}

/** What went wrong when connecting to Temporal, as data. */
export type TemporalConnectCause = 'tls' | 'namespace' | 'credentials' | 'address';

/** The real cause of a failed connection (TLS, namespace, credentials, address), from the gRPC code and text. */
export function connectCause(e: unknown): TemporalConnectCause {
  const code = (e as { code?: unknown })?.code;
  const text = errorChainText(e);
  if (/ssl|tls|certificate|handshake|wrong version number|alpn|self.signed/i.test(text)) return 'tls';
  if (code === 5 || /namespace .*not found|namespace.*does not exist|NamespaceNotFound/i.test(text)) return 'namespace';
  if (code === 16 || code === 7 || /unauthenticated|permission denied|api key|unauthori[sz]ed/i.test(text)) return 'credentials';
  return 'address';
}

/** The messages of an error and its causes (five deep), for telling SDK failures apart. */
export function errorChainText(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; cur && i < 5; i++) {
    if (cur instanceof Error) parts.push(cur.message);
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

/** gRPC status codes the engine acts on (grpc-js's `status` enum, without depending on grpc-js). */
export const GRPC_STATUS = { NOT_FOUND: 5, ALREADY_EXISTS: 6, FAILED_PRECONDITION: 9, UNAVAILABLE: 14, DEADLINE_EXCEEDED: 4 } as const;

/** What an SDK failure means for a session, as data. */
export type TemporalErrorKind = 'not_found' | 'already_started' | 'unavailable' | 'other';

/**
 * Classifies an SDK failure by its type and gRPC status code, looking through its causes
 * (the client wraps gRPC errors in ServiceError); never by message text.
 */
export function temporalErrorKind(e: unknown): TemporalErrorKind {
  let cur: unknown = e;
  for (let i = 0; cur && i < 6; i++) {
    if (cur instanceof WorkflowNotFoundError) return 'not_found';
    if (cur instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'number' && (cur as { metadata?: unknown }).metadata !== undefined) {
      if (code === GRPC_STATUS.NOT_FOUND) return 'not_found';
      if (code === GRPC_STATUS.ALREADY_EXISTS) return 'already_started';
      if (code === GRPC_STATUS.UNAVAILABLE || code === GRPC_STATUS.DEADLINE_EXCEEDED) return 'unavailable';
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return 'other';
}

const FIX: Record<TemporalConnectCause, (address: string, namespace: string) => string> = {
  tls: (a) => `The TLS handshake with ${a} failed: the server and this process disagree about TLS (or its certificate is not trusted). ` +
    'For a TLS endpoint set --temporal-tls / TEMPORAL_TLS=true (and --temporal-tls-ca / TEMPORAL_TLS_CA for a private CA, ' +
    '--temporal-tls-cert/-key for mTLS); for a plain dev server leave TLS off.',
  namespace: (a, n) => `Temporal at ${a} answers, but has no namespace "${n}". Create it (\`temporal operator namespace create ${n}\`) ` +
    'or set --temporal-namespace / TEMPORAL_NAMESPACE to an existing one.',
  credentials: (a) => `Temporal at ${a} refused the credentials. Check --temporal-api-key / TEMPORAL_API_KEY (or the client certificate) ` +
    'and that it grants access to the namespace.',
  address: (a) => `Temporal is not reachable at ${a}. Start a dev server with \`npm run temporal:dev\` ` +
    '(or point --temporal-address / TEMPORAL_ADDRESS at your cluster) and try again.',
};

/** No Temporal frontend answered, or it refused us; `reason` says why and the message says what to do. */
export class TemporalUnreachableError extends Error {
  readonly code = 'temporal_unreachable';
  readonly reason: TemporalConnectCause;
  constructor(readonly address: string, cause?: unknown, namespace = 'default', known?: TemporalConnectCause) {
    const reason = known ?? (cause === undefined ? 'address' : connectCause(cause));
    super(FIX[reason](address, namespace));
    this.name = 'TemporalUnreachableError';
    this.reason = reason;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** A payload was encrypted with a key this process does not have, or was tampered with. */
export class PayloadKeyError extends Error {
  /** `payload_key_shredded`: the session was purged (its key deleted on purpose); else the key is missing here. */
  readonly code: 'payload_key_missing' | 'payload_key_shredded';
  constructor(readonly keyId: string, reason: string, shredded = false) {
    super(
      `Cannot decrypt a Temporal payload encrypted with key id "${keyId}": ${reason}. ` +
        'Add that key to AMTSWEG_TEMPORAL_KEYS (JSON {"<kid>": "<base64 32 bytes>"}) or the key file ' +
        'so old histories stay readable; keep AMTSWEG_TEMPORAL_KEY_ID on the key new payloads use.',
    );
    this.name = 'PayloadKeyError';
    this.code = shredded ? 'payload_key_shredded' : 'payload_key_missing';
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
