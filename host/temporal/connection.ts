/**
 * Connection settings for Temporal (flags or TEMPORAL_* environment variables) and a connect
 * that retries with a clear message instead of hanging silently.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { KeyRing } from './codec';
import type { SessionKeys } from './session-keys';
import { amtswegDataConverter } from './codec';
import { isListening } from './dev-server';
import { TemporalUnreachableError, connectCause } from './errors';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** TLS: true for system CAs, or client certificate files for mTLS. */
  tls?: boolean | { serverName?: string; caFile?: string; certFile?: string; keyFile?: string };
  apiKey?: string;
}

/** Settings from explicit options, then TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_TASK_QUEUE / TEMPORAL_TLS_*. */
export function temporalSettings(opts: Partial<TemporalSettings> = {}, env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const certFile = env.TEMPORAL_TLS_CERT;
  const keyFile = env.TEMPORAL_TLS_KEY;
  const caFile = env.TEMPORAL_TLS_CA;
  const envTls = certFile || keyFile || caFile
    ? { certFile, keyFile, caFile, serverName: env.TEMPORAL_TLS_SERVER_NAME }
    : env.TEMPORAL_TLS === 'true' || env.TEMPORAL_TLS === '1' ? true : undefined;
  return {
    address: opts.address ?? env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: opts.namespace ?? env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE ?? 'amtsweg',
    tls: opts.tls ?? envTls,
    apiKey: opts.apiKey ?? env.TEMPORAL_API_KEY,
  };
}

/** ConnectionOptions (for client and worker alike) from settings. */
export function connectionOptions(s: TemporalSettings): ConnectionOptions {
  const tls = s.tls === true ? true : s.tls ? {
    serverNameOverride: s.tls.serverName,
    serverRootCACertificate: s.tls.caFile ? readFileSync(s.tls.caFile) : undefined,
    clientCertPair: s.tls.certFile && s.tls.keyFile ? { crt: readFileSync(s.tls.certFile), key: readFileSync(s.tls.keyFile) } : undefined,
  } : undefined;
  return { address: s.address, ...(tls ? { tls } : {}), ...(s.apiKey ? { apiKey: s.apiKey } : {}) };
}

export interface ConnectRetry { attempts?: number; delayMs?: number; onRetry?: (attempt: number, error: TemporalUnreachableError) => void }

/**
 * Connects and checks the namespace answers; retries `attempts` times (default 10, 1 s apart),
 * reporting each failure through `onRetry`, then throws TemporalUnreachableError.
 */
export async function connectWithRetry(s: TemporalSettings, retry: ConnectRetry = {}): Promise<Connection> {
  const attempts = retry.attempts ?? 10;
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      const conn = await Connection.connect({ ...connectionOptions(s), connectTimeout: 3000 });
      try {
        // A deadline, or the SDK's own retries make one attempt last many seconds.
        await conn.withDeadline(Date.now() + 3000, () => conn.workflowService.describeNamespace({ namespace: s.namespace }));
      } catch (e) {
        await conn.close().catch(() => {});
        throw e;
      }
      return conn;
    } catch (e) {
      last = e;
      // Only an address that does not answer (yet) is worth waiting for; TLS, namespace or credentials need a fix.
      if (connectCause(e) !== 'address') break;
      if (i < attempts) {
        retry.onRetry?.(i, new TemporalUnreachableError(s.address, e, s.namespace));
        await new Promise((r) => setTimeout(r, retry.delayMs ?? 1000));
      }
    }
  }
  // Something listens but no gRPC handshake completes: TLS on one side only (the SDK just says "deadline").
  const [host, port] = s.address.split(':');
  const listening = connectCause(last) === 'address' && Number(port) > 0 && (await isListening(host, Number(port)).catch(() => false));
  throw new TemporalUnreachableError(s.address, last, s.namespace, listening ? 'tls' : undefined);
}

/**
 * A workflow client whose payloads and failures pass through the amtsweg codec (with the
 * sessions' own data keys when given), and whose memo is in clear.
 */
export function createClient(connection: Connection, namespace: string, ring: KeyRing, sessionKeys?: SessionKeys): Client {
  return new Client({ connection, namespace, dataConverter: amtswegDataConverter(ring, { sessionKeys, client: true }) });
}
