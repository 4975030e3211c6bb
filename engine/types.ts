/**
 * The engine contract every host implements (embedded SQLite engine here, the Temporal engine in
 * `temporal/`). The HTTP API, the CLI chat and the channels talk only to this interface.
 */
import type { Channel, OutcomeView, SessionSnapshot, SessionStatus } from '../core/session/types';
import type { Locale } from '../core/definition/schema';

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
}

export interface CreateSessionInput { service: string; locale?: Locale; channel?: Channel }

export interface Engine {
  readonly kind: 'embedded' | 'temporal';
  services(locale?: Locale): ServiceInfo[];
  createSession(input: CreateSessionInput): Promise<CreatedSession>;
  /** Throws SessionNotFoundError, SessionBusyError (concurrent turn), SessionClosedError. */
  sendMessage(id: string, text: string): Promise<TurnResult>;
  /** Citizen or system asks for a human (button, voice, rules). */
  requestHandoff(id: string, reason?: string): Promise<TurnResult>;
  cancel(id: string): Promise<TurnResult>;
  view(id: string): Promise<SessionView>;
  /** Constant-time check of a capability token. */
  verifyToken(id: string, token: string): Promise<boolean>;
  close(): Promise<void>;

  // --- case-worker desk -------------------------------------------------------------------
  /** Handed-off (and taken) cases, newest first. */
  listCases(filter?: { status?: 'handoff' | 'taken' | 'all' }): Promise<CaseSummary[]>;
  /** Everything a case worker needs: slots with evidence, why it was handed off, open questions. */
  caseDetail(id: string): Promise<CaseDetail>;
  staffAction(id: string, action: { type: 'take' | 'answer' | 'close'; staff: string; text?: string }): Promise<TurnResult>;
  /** Called for every message that leaves a session (assistant or staff), so channels can deliver it. */
  onOutbound(listener: (event: OutboundMessage) => void): () => void;
}

export interface OutboundMessage { sessionId: string; channel: Channel; role: 'assistant' | 'staff'; text: string; status: SessionStatus }

export interface CaseSummary {
  id: string; service: string; channel: Channel; status: SessionStatus;
  handoffReason?: string; takenBy?: string; updatedAt: string;
}

export interface CaseDetail extends CaseSummary {
  slots: Record<string, { value: unknown; evidence: string; source: string; confirmed: boolean }>;
  values: Record<string, unknown>;
  /** Slots still missing in the current flow, and statements no slot captured. */
  openQuestions: string[];
  unmapped: string[];
  transcript: SessionView['transcript'];
}
