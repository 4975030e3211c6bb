/**
 * What travels between the Temporal engine adapter and the session workflow. Plain JSON, and
 * encrypted by the payload codec on the way, because slot values are personal data.
 */
import type { Locale } from '../../../core/definition/schema';
import type { TurnFacts, TurnKind } from '../../loop';
import type { Channel, CompiledService, Effect, OutcomeView, OutgoingMessage, SessionEvent, SessionSnapshot, SessionStatus } from '../../../core/session/types';

export interface TranscriptEntry { role: 'citizen' | 'assistant' | 'staff'; text: string; at: string }

/** One step of the core as recorded for audit: the same body the embedded engine stores per event. */
export interface RecordedStep { at: string; event: SessionEvent; trail: import('../../../core/session/types').TrailEntry[]; messages: OutgoingMessage[]; effects: Effect[] }

/** State carried over a continue-as-new, so the new run continues the same conversation. */
export interface CarriedState {
  snapshot: SessionSnapshot;
  transcript: TranscriptEntry[];
  steps: RecordedStep[];
  /** Runs before this one (for diagnostics). */
  generation: number;
  /** Answers of the last keyed turns (client idempotency keys), so a retry after a continue-as-new is answered too. */
  keyed?: [string, TurnReply][];
}

export interface SessionWorkflowInput {
  /** The definition travels in the input, so each history describes itself and keeps its version. */
  compiled: CompiledService;
  sessionId: string;
  locale?: Locale;
  channel?: Channel;
  referenceDate: string;
  /** LLM assistance: the worker runs `llm.propose` (an endpoint is configured); recorded in the start event. */
  llm?: boolean;
  /** Addresses are proven by a code before an action mails or books for them; and those the channel proved. */
  proveAddresses?: boolean;
  provenAddresses?: string[];
  /** sha256 (hex) of the capability token; the token itself never reaches Temporal. */
  tokenHash: string;
  carried?: CarriedState;
  /** Continue-as-new after this many turns in one run, besides when Temporal suggests it. */
  continueAsNewAfterTurns?: number;
  /** How long one action attempt may take before Temporal retries it elsewhere (default 30 s). */
  actionTimeoutSeconds?: number;
  /** The namespace has amtsweg's search attributes: the workflow keeps status, handoff reason and taken-by up to date. */
  searchAttributes?: boolean;
}

/**
 * One turn: what the citizen, the system or a case worker does (the loop's `TurnKind`), and when
 * (`at`, an ISO instant taken by the client). The time travels in the update's arguments, which the
 * history records, so the workflow never reads a clock and a replay sees the same instants.
 */
export type TurnRequest = { at: string } & Exclude<TurnKind, { kind: 'timer' }>;

export interface TurnReply {
  id: string;
  status: SessionStatus;
  /** The session's channel, so the host can route outbound messages without another query. */
  channel: Channel;
  messages: { role: 'assistant' | 'staff'; text: string }[];
  outcome?: OutcomeView;
  /** What the turn did (codes and counts) and the session's service, for the client's metrics. */
  facts?: TurnFacts;
  service?: string;
}

/** What the view query returns: everything a host needs to build a SessionView or an audit export. */
export interface SessionState {
  snapshot: SessionSnapshot | null;
  transcript: TranscriptEntry[];
  /** Every step of the core in order: event, trail, messages, effects (the audit trail). */
  steps: RecordedStep[];
  tokenHash: string;
  service: string;
  definitionHash: string;
  generation: number;
}

/** The one message limit and the refusal codes, from the shared loop. */
export { MAX_MESSAGE_BYTES, REJECT, utf8Length } from '../../loop';

/** Names of the workflow's handlers, shared by client and workflow without importing either side. */
export const SESSION_WORKFLOW = 'sessionWorkflow';
export const TURN_UPDATE = 'turn';
export const STATE_QUERY = 'state';
export const ECHO_WORKFLOW = 'echoWorkflow';
export const ECHO_UPDATE = 'echo';
