/**
 * The engine contract every host implements (embedded SQLite engine here, the Temporal engine in
 * `temporal/`). The HTTP API, the CLI chat and the channels talk only to this interface.
 */
import type { Channel, CompiledService, OutcomeView, SessionSnapshot, SessionStatus } from '../core/session/types';
import type { Locale } from '../core/definition/schema';
import type { ProgressView, QuestionView } from '../core/session/question';

export interface ServiceInfo { id: string; version: string; title: string; hash: string }

export interface TurnResult {
  id: string;
  status: SessionStatus;
  messages: { role: 'assistant' | 'staff'; text: string }[];
  outcome?: OutcomeView;
}

export interface CreatedSession extends TurnResult {
  /** Capability token; only its hash is stored. */
  token: string;
}

/** What a citizen (with the token) may see of a session. */
export interface SessionView {
  id: string;
  service: string;
  status: SessionStatus;
  locale: Locale;
  channel: Channel;
  referenceDate: string;
  slots: Record<string, { value: unknown; confirmed: boolean }>;
  values: Record<string, unknown>;
  outcome?: OutcomeView;
  /** What the session currently waits for, e.g. { kind: 'slot', slot: 'geburtsdatum' }. */
  pending: SessionSnapshot['pending'];
  transcript: { role: 'citizen' | 'assistant' | 'staff'; text: string; at: string }[];
  /** The service's title in the session's locale (absent when the definition is not loaded). */
  title?: string;
  /** The pending question as data for buttons, pickers and checkboxes; null when nothing is asked. */
  question?: QuestionView | null;
  /** Slots answered against slots expected, for a progress display. */
  progress?: ProgressView;
  /** Locales the service's own texts are written in; a session locale outside them gets German texts. */
  languages?: Locale[];
}

export interface CreateSessionInput {
  service: string; locale?: Locale; channel?: Channel;
  /** Addresses the channel proved (the e-mail channel: the confirmed sender of the thread); no code is asked for them. */
  provenAddresses?: string[];
}

/** Whether a host asks for a code before mailing or booking for an address: every channel but the local CLI. */
export function provesAddresses(enabled: boolean | undefined, channel: Channel): boolean {
  return enabled === true && channel !== 'cli';
}

export interface Engine {
  readonly kind: 'embedded' | 'temporal';
  services(locale?: Locale): ServiceInfo[];
  createSession(input: CreateSessionInput): Promise<CreatedSession>;
  /**
   * Throws SessionNotFoundError, SessionBusyError (concurrent turn), SessionClosedError. With
   * `key` (the client's idempotency key), a message already applied under that key is answered
   * with its first answer and not applied again.
   */
  sendMessage(id: string, text: string, opts?: { key?: string }): Promise<TurnResult>;
  /** Citizen or system asks for a human (button, voice, rules). */
  requestHandoff(id: string, reason?: string): Promise<TurnResult>;
  cancel(id: string): Promise<TurnResult>;
  view(id: string): Promise<SessionView>;
  /** Constant-time check of a capability token. */
  verifyToken(id: string, token: string): Promise<boolean>;
  close(): Promise<void>;

  // --- case-worker desk -------------------------------------------------------------------
  /**
   * Desk cases, newest first: `handoff` (waiting, not taken), `taken`, `all` (both), `closed`
   * (closed by a case worker or handed back to the assistant).
   */
  listCases(filter?: { status?: CaseListStatus }): Promise<CaseSummary[]>;
  /**
   * Everything a case worker needs: slots with evidence and labels, why it was handed off, open
   * questions. With `reader`, the read is recorded in the session's audit trail (`staff.read`).
   */
  caseDetail(id: string, reader?: { staff: string }): Promise<CaseDetail>;
  /** Slot labels and options of a service in a desk language (optional; without it the desk shows the German labels of `caseDetail`). */
  caseFieldsIn?(service: string, locale: Locale): Record<string, CaseField> | undefined;
  /** A case worker acts: take, answer, close (text = message to the citizen), hand back, correct a value. */
  staffAction(id: string, action: StaffAction): Promise<TurnResult>;
  /**
   * Facts of every session started in [from, to) (ISO instants), computed by replaying its audit
   * trail, without personal data (see audit/insight). Optional: hosts without it have no insight page.
   */
  insightFacts?(filter?: { from?: string; to?: string }): Promise<InsightFact[]>;
  /** Called for every message that leaves a session (assistant or staff), so channels can deliver it. */
  onOutbound(listener: (event: OutboundMessage) => void): () => void;

  /**
   * Whether the engine can take turns now: each dependency (database, Temporal frontend,
   * workers polling the task queue, shared store) with ok and a cause naming the fix. For `/readyz`.
   */
  readiness?(): Promise<Readiness>;

  /**
   * Takes a new set of compiled definitions without a restart: new sessions get these versions,
   * running sessions finish on the version they started with (every version stays known by hash).
   */
  reload?(services: CompiledService[]): Promise<import('./service-catalogue').ReloadResult>;

  /**
   * Notifications queued by `notify.send` and `notify` effects, for the channel that delivers
   * them (e-mail). Optional: a host without it delivers nothing, and channels say so.
   */
  readonly outbox?: NotificationOutbox;
  /** The shared store (calendar, outbox, case index, e-mail threads, nonces), when the host has one open. */
  readonly shared?: import('../store/contract').SharedStore;
}

/** What `/readyz` reports: ready only when every check is ok. */
export interface Readiness { ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> }

/** One queued notification, decrypted for delivery. */
export interface OutboxItem {
  /** Stable id (the effect's idempotency key): use it to derive the mail's Message-ID. */
  id: string;
  sessionId: string;
  /** Derived from `to`: an e-mail address → 'email', a phone number → 'sms'; a back-office submission → 'http'. */
  channel: 'email' | 'sms' | 'none' | 'http';
  to?: string;
  template: string;
  data: Record<string, unknown>;
  /** The session's language, for the template. */
  locale: Locale;
  /** Delivery attempts so far (claims), including the one about to start after `claim`. */
  attempts: number;
  createdAt: string;
  /**
   * True when an earlier attempt was claimed but never settled (the process died while sending):
   * the relay may already have it. Send it again with the same Message-ID.
   */
  maybeSent: boolean;
}

/**
 * Reading and settling the notification outbox. Settlement lives in the shared store (SQLite or
 * PostgreSQL), beside the row whose id is the idempotency key, so a message is claimed and marked
 * sent exactly once, whichever process or machine delivers it.
 */
export interface NotificationOutbox {
  /** Messages due now (queued and not waiting for a retry, or claimed by a process that died), oldest first. */
  pending(limit?: number, filter?: { channel?: OutboxItem['channel'] }): Promise<OutboxItem[]>;
  /** Takes a due message for one delivery attempt; false if it is not due, already sent, or claimed by someone else. */
  claim(id: string, leaseMs?: number): Promise<boolean>;
  /** The relay accepted it. Returns false if it was no longer pending. */
  markSent(id: string): Promise<boolean>;
  /**
   * The attempt failed. With `retryAt` (ISO instant) it is due again then; without, it is given
   * up (status `failed`). `error` must be a code, never personal data (addresses are redacted anyway).
   */
  markFailed(id: string, error: string, retryAt?: string): Promise<boolean>;
  /** Earliest instant a queued message becomes due (for sleeping until then), if any. */
  nextDueAt(filter?: { channel?: OutboxItem['channel'] }): Promise<string | undefined>;
  counts(): Promise<{ queued: number; sending: number; sent: number; failed: number }>;
}

export interface OutboundMessage { sessionId: string; channel: Channel; role: 'assistant' | 'staff'; text: string; status: SessionStatus }

export type CaseListStatus = 'handoff' | 'taken' | 'all' | 'closed';

/** What a case worker can do through `staffAction`. */
export type StaffAction =
  | { type: 'take' | 'answer' | 'close' | 'handback'; staff: string; text?: string }
  | { type: 'correct'; staff: string; slot: string; value: unknown; reason: string; text?: undefined };

/** Where a case stands on the desk. */
export type DeskState = 'handoff' | 'taken' | 'returned' | 'closed';

export interface CaseSummary {
  id: string; service: string; channel: Channel; status: SessionStatus;
  handoffReason?: string; takenBy?: string; updatedAt: string;
  /** The service's title (German) and the definition version the session runs on. */
  serviceTitle?: string;
  version?: string;
  /** When the citizen started the conversation, and when it went to the desk. */
  receivedAt?: string;
  handedOffAt?: string;
  /** Since when the citizen waits for a person (absent when a staff answer is the last word). */
  waitingSince?: string;
  deskState?: DeskState;
  /** Everyone who took or acted on the case (least privilege: they may still read it). */
  staff?: string[];
}

/** How the desk shows and edits one slot: its label, type and (for enums) the options. */
export interface CaseField { label: string; type: string; options?: { id: string; label: string }[] }

export interface CaseDetail extends CaseSummary {
  slots: Record<string, { value: unknown; evidence: string; source: string; confirmed: boolean }>;
  values: Record<string, unknown>;
  /** Slots still missing in the current flow, and statements no slot captured. */
  openQuestions: string[];
  unmapped: string[];
  transcript: SessionView['transcript'];
  /** Labels of the service's slots (and enum options) from the definition, for slots and open questions. */
  fields?: Record<string, CaseField>;
}

/**
 * What the insight page knows of one session: no ids, no values, no citizen text — only the
 * service, version, channel, times, how it ended and where the citizen struggled. Words of
 * unanswered questions are kept only for the aggregate, which drops words fewer than 3 sessions used.
 */
export interface InsightFact {
  service: string;
  version: string;
  definitionHash: string;
  channel: Channel;
  startedAt: string;
  lastAt: string;
  status: SessionStatus;
  outcome?: string;
  /** Every handoff reason in order (a case may go to the desk more than once). */
  handoffReasons: string[];
  /** 'citizen' | 'timeout' | … when the session was cancelled. */
  cancelled?: string;
  /** Where the citizen was (slot or step id) when the session was handed off or cancelled. */
  stoppedAt?: string;
  /** Failed answers per slot (a hint or a refusal was given): the questions citizens fail at. */
  failures: Record<string, number>;
  /** Citizen questions nothing answered, as the slot/step they were asked at and their content words. */
  unanswered: { at: string; words: string[] }[];
  turns: number;
  /** German labels (from the definition) of the slot/step keys used above. */
  labels: Record<string, string>;
}

/** One row of the shared case index the desk lists (the store's type, for hosts that may not import store/). */
export type { CaseEntry } from '../store/contract';
