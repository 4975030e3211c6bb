/**
 * One data key per Temporal session, so purge can crypto-shred a session's payloads: the codec
 * encrypts every payload of workflow `amtsweg-<id>` with that session's key (key id `sk-<id>` in
 * the payload metadata, nothing personal), the key lives in the shared store sealed by the payload
 * key ring, and purge deletes it. Without the key, every copy of the history (the server's,
 * archives, exported files) is ciphertext only.
 */
import { openEnvelope, randomKey, sealEnvelope, SealError, type KeyRing } from '../../platform/crypto';
import type { PayloadKeyStore } from '../../store';
import { PayloadKeyError } from './errors';

const CONTEXT = 'temporal-session-key';
const PREFIX = 'sk-';
const WORKFLOW_PREFIX = 'amtsweg-';

/** The key id of a session's data key, as the payload metadata carries it. */
export const sessionKeyId = (sessionId: string): string => `${PREFIX}${sessionId}`;
/** The session of a key id, when it names a session key. */
export const sessionOfKeyId = (kid: string): string | undefined => (kid.startsWith(PREFIX) ? kid.slice(PREFIX.length) : undefined);
/** The session of a workflow id (`amtsweg-<id>`), else undefined (echo workflows, foreign ones). */
export const sessionOfWorkflowId = (workflowId: string | undefined): string | undefined =>
  (workflowId?.startsWith(WORKFLOW_PREFIX) ? workflowId.slice(WORKFLOW_PREFIX.length) : undefined);

/** What the codec needs: a session's key (undefined: the session has none, payloads use the ring). */
export interface SessionKeys {
  /** The key, undefined when the session never had one; throws PayloadKeyError when it was shredded. */
  keyOf(sessionId: string): Promise<Buffer | undefined>;
  /** Creates the session's key (before its workflow starts); the first of two racing creators wins. */
  create(sessionId: string, now?: string): Promise<void>;
  /** Shreds the key here and in the store; false when the session had none. */
  shred(sessionId: string, now?: string): Promise<boolean>;
  /** Whether the store says the session's key was shredded, read afresh (a purge in another process counts at once). */
  shredded(sessionId: string): Promise<boolean>;
}

export interface SessionKeyOptions {
  /** How long a looked-up key (or its absence) is reused in this process (default 5 min). */
  cacheMs?: number;
  /** Entries kept at most (default 10 000). */
  cacheSize?: number;
}

type Cached = { at: number; key?: Buffer; shreddedAt?: string };

/** Session keys in the shared store, sealed with the ring's active key, cached for a while. */
export function storeSessionKeys(store: PayloadKeyStore, ring: KeyRing, opts: SessionKeyOptions = {}): SessionKeys {
  const cacheMs = opts.cacheMs ?? 300_000;
  const size = opts.cacheSize ?? 10_000;
  const cache = new Map<string, Cached>();
  const remember = (id: string, c: Omit<Cached, 'at'>): Cached => {
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    const entry = { at: Date.now(), ...c };
    cache.set(id, entry);
    return entry;
  };
  const unseal = (id: string, sealed: Buffer): Buffer => {
    try {
      return openEnvelope((kid) => ring.keys[kid], sealed, { context: CONTEXT });
    } catch (err) {
      if (!(err instanceof SealError)) throw err;
      throw new PayloadKeyError(sessionKeyId(id), 'the session key in the store is sealed with a payload key that is not configured here');
    }
  };
  // One store read per session at a time: the codec decodes many payloads of one activation at once.
  const inFlight = new Map<string, Promise<Cached>>();
  const read = async (id: string): Promise<Cached> => {
    const row = await store.get(id);
    if (!row) return remember(id, {});
    return 'sealed' in row ? remember(id, { key: unseal(id, row.sealed) }) : remember(id, { shreddedAt: row.shreddedAt });
  };
  const lookup = (id: string): Promise<Cached> => {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < cacheMs) return Promise.resolve(hit);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = read(id).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  };
  return {
    async keyOf(id) {
      const c = await lookup(id);
      if (c.shreddedAt) throw new PayloadKeyError(sessionKeyId(id), `the session's data key was deleted at ${c.shreddedAt} (purged after retention); its payloads cannot be decrypted any more`, true);
      return c.key;
    },
    async create(id, now = new Date().toISOString()) {
      const active = ring.keys[ring.activeKeyId];
      const row = await store.create(id, sealEnvelope(active, randomKey(), { keyId: ring.activeKeyId, context: CONTEXT }), now);
      if ('sealed' in row) remember(id, { key: unseal(id, row.sealed) });
      else remember(id, { shreddedAt: row.shreddedAt });
    },
    async shred(id, now = new Date().toISOString()) {
      const done = await store.shred(id, now);
      remember(id, { shreddedAt: now });
      return done;
    },
    async shredded(id) {
      const row = await store.get(id);
      if (!row || 'sealed' in row) return false;
      remember(id, { shreddedAt: row.shreddedAt });
      return true;
    },
  };
}

/**
 * Session keys from the store of `databaseUrl` (PostgreSQL) or `<dataDir>/store.db`, for the CLI
 * (export, replay, purge); undefined when neither is given. The caller closes it.
 */
export async function openSessionKeys(where: { databaseUrl?: string; dataDir?: string }, ring: KeyRing): Promise<{ keys: SessionKeys; close(): Promise<void> } | undefined> {
  if (!where.databaseUrl && !where.dataDir) return undefined;
  const { openStore } = require('../../store/open') as typeof import('../../store/open');
  const store = await openStore({ url: where.databaseUrl, dataDir: where.dataDir });
  return { keys: storeSessionKeys(store.payloadKeys, ring, { cacheMs: 0 }), close: () => store.close() };
}
