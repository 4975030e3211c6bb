/** Contract of the action layer: named side effects the session core asks its host to run. */
import type { Database } from 'better-sqlite3';
import type { SharedStore } from '../store/contract';

/** What every action run gets besides its input. */
export interface ActionContext {
  /** Same key for every retry and every re-run after a crash: the action must not act twice. */
  idempotencyKey: string;
  sessionId: string;
  /** ISO instant of the run. */
  now: string;
  /** The session's language, when the host knows it (kept with queued notifications). */
  locale?: string;
}

export type ActionHandler = (input: Record<string, unknown>, ctx: ActionContext) => Promise<unknown> | unknown;

/** Seals personal data before it is written (outbox, stored results); provided by the engine. */
export interface Sealer {
  seal(plaintext: string): Buffer;
  open(sealed: Buffer): string;
}

export interface ActionRegistryDeps {
  /** The shared store (calendar, outbox, idempotency records): SQLite or PostgreSQL. */
  store?: SharedStore;
  /** Older callers: a file-backed SQLite database; the registry opens a store on that file (and closes it). */
  db?: Database;
  /** Fixed "today" (YYYY-MM-DD) for the calendar; without it the Berlin date of `ctx.now` is used. */
  today?: string;
  /** Encrypts stored results and outbox payloads; without it they are stored as plain JSON. */
  sealer?: Sealer;
  /** Calendar locations; defaults to the four Gelsenkirchen BÜRGERcenter. */
  locations?: import('./calendar/locations').Location[];
  /** Minutes per concern from the calendar data; when given, unknown concerns are errors. */
  concernMinutes?: Record<string, number>;
  /** Open appointments per contact address and bookings per location per window (issue 12 defaults). */
  bookingLimits?: import('./calendar/limits').BookingLimits;
}

export interface ActionRegistry {
  /** Runs an action once per idempotency key: a repeated key returns the recorded result. */
  run(name: string, input: Record<string, unknown>, ctx: ActionContext): Promise<unknown>;
  has(name: string): boolean;
  names(): string[];
  /**
   * Adds an action (tests, deployments with their own submissions); replaces one of the same name.
   * The registry records each result by key unless `idempotent: true` says the handler itself
   * already returns the same result for a repeated key.
   */
  register(name: string, handler: ActionHandler, opts?: { idempotent?: boolean }): void;
  /** The shared store the built-in actions use. */
  store?(): Promise<SharedStore>;
  /** Closes the store if the registry opened it itself (from `db`). */
  close?(): Promise<void>;
}
