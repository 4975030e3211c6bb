/** Options and the extended interface of the embedded engine. */
import type { Database } from 'better-sqlite3';
import type { ActionHandler, ActionRegistry } from '../../activities/types';
import type { Location } from '../../activities/calendar/locations';
import type { CompiledService } from '../../core/session/types';
import type { Synchronous } from './db';
import type { ChainLink } from './hash-chain';
import type { StoredEventBody } from './store';
import type { Engine, NotificationOutbox, SessionView } from '../types';
import type { SharedStore } from '../../store/contract';

export interface EmbeddedEngineOptions {
  /** Folder of `amtsweg.db` (and `master.key` unless keyFile or AMTSWEG_MASTER_KEY say otherwise). */
  dataDir: string;
  services: CompiledService[];
  /** Fixed reference date YYYY-MM-DD for new sessions (AMTSWEG_TODAY); else today in Europe/Berlin. */
  today?: string;
  /** Clock; injected for tests and benchmarks. */
  now?: () => Date;
  /** Master key file; default `<dataDir>/master.key`, created with mode 0600 on first start. */
  keyFile?: string;
  /** Calendar locations; default the four Gelsenkirchen BÜRGERcenter (assumed opening hours). */
  locations?: Location[];
  /** Minutes per concern from the calendar data (`calendar.yaml`); when given, unknown concerns are errors. */
  concernMinutes?: Record<string, number>;
  /** Extra actions (tests, deployments), added to the built-in ones. */
  actions?: Record<string, ActionHandler>;
  /** Attempts for retryable action errors (default 3) and the first backoff delay (default 200 ms, ×4 each time). */
  retry?: { attempts?: number; baseDelayMs?: number };
  /** FULL (default): every committed turn survives power loss. NORMAL: faster, may lose the last turns on power loss. */
  synchronous?: Synchronous;
  /** Messages that may wait behind a running turn of the same session (default 1). */
  maxWaiting?: number;
  /** Run the timer scheduler (default true). Tests that step time by hand use `runDueTimers()`. */
  scheduler?: boolean;
  /** A code proves an address before a session books for or mails to it (issue 12; `serve` turns it on). */
  addressProof?: boolean;
  /**
   * The shared state (calendar, outbox, case index, idempotency records): an open store the
   * caller owns, else one opened from `databaseUrl` (postgres://… or sqlite:<file>), else
   * SQLite in `<dataDir>/store.db`.
   */
  store?: SharedStore;
  databaseUrl?: string;
}

export interface ExportedEvent extends ChainLink {
  type: string;
  at: string;
  body?: StoredEventBody;
}

/** Raw, decrypted data of one session for the audit export. */
export interface SessionExport {
  session: {
    id: string; service: string; definitionHash: string; status: string; channel: string; keyId: string;
    desk: string | null; takenBy: string | null; createdAt: string; updatedAt: string;
  };
  definition?: { hash: string; source: string };
  events: ExportedEvent[];
  chain: { ok: true; length: number } | { ok: false; seq: number; reason: string };
  snapshot: unknown;
  transcript: SessionView['transcript'];
  effects: { effectId: string; kind: string; name: string; status: string; attempts: number; input: unknown; result?: unknown }[];
  timers: { name: string; at: string }[];
}

export interface EmbeddedEngine extends Engine {
  readonly kind: 'embedded';
  readonly db: Database;
  /** The shared store this engine books, queues and lists cases in. */
  readonly shared: SharedStore;
  readonly actions: ActionRegistry;
  /** The notification outbox for the delivering channel (see README "Notification outbox"). */
  readonly outbox: NotificationOutbox;
  exportSession(id: string): Promise<SessionExport>;
  /** Verifies the hash chain from the stored digests (works without the data key) and, if readable, the contents. */
  verifySession(id: string): Promise<SessionExport['chain']>;
  /** Fires every timer due at `now()`; returns how many fired. */
  runDueTimers(): Promise<number>;
  /** Resolves when no turn is running or queued. */
  idle(): Promise<void>;
}
