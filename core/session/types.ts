/**
 * The contract of the pure session core. Every host (embedded engine, Temporal workflow,
 * replayer) drives a session only through `step(compiled, snapshot, event, now)` and these types.
 * Everything here is plain JSON: it travels in Temporal payloads and SQLite rows.
 */
import type { Locale, LocalizedText, ServiceDefinition } from '../definition/schema';

/** Channels a citizen may use. */
export type Channel = 'web' | 'api' | 'cli' | 'email' | 'phone';

/** A definition ready to run: the parsed definition, its source text and hash, and the XState config. */
export interface CompiledService {
  id: string;
  version: string;
  /** sha256 of the YAML source, hex. Computed by the host (core has no crypto). */
  hash: string;
  source: string;
  definition: ServiceDefinition;
  /** XState v5 machine config, plain JSON; guards and actions are referenced by name. */
  machine: Record<string, unknown>;
  /** Flattened flow, keyed by state id (added by the compiler; derived from `definition` when absent). */
  steps?: Record<string, FlatStep>;
}

/** One flow step flattened into a machine state. `next` is the state id that follows it. */
export type FlatStep =
  | { kind: 'collect'; id: string; slots: string[]; next: string }
  | { kind: 'if'; id: string; cond: string; then: string; else: string }
  | { kind: 'confirm'; id: string; slots: 'summary' | string[]; ask?: LocalizedText; next: string }
  | { kind: 'action'; id: string; name: string; with: Record<string, string>; result?: string; next: string }
  | { kind: 'say'; id: string; text: LocalizedText; next: string }
  | { kind: 'outcome'; id: string; outcome: string; next: string }
  | { kind: 'handoff'; id: string; text: LocalizedText | null; next: string };

export type SlotSource = 'extractor' | 'llm' | 'staff';

export interface SlotState {
  value: unknown;
  source: SlotSource;
  /** The part of the citizen's message the value came from. */
  evidence: string;
  /** Turn number in which the value was (last) set. */
  turn: number;
  /** True once the citizen confirmed a `confirm: true` slot (or the summary). */
  confirmed: boolean;
  /** Extractor name or model + prompt hash. */
  by?: string;
  /** The model chose this reading (between readings, or which answer is for which question): read back before it counts. */
  readBack?: boolean;
  /** The value was held from the citizen's message of this turn (a first message) until its step was reached. */
  heldFrom?: number;
}

/** A fact of a first message for a slot of a later step, kept until the flow reaches that step. */
export interface HeldFact { value: unknown; evidence: string; by: string; turn: number }

export type SessionStatus = 'active' | 'completed' | 'handoff' | 'cancelled';

/** What the session waits for from the citizen or a host. */
export type Pending =
  | { kind: 'slot'; slot: string }
  | { kind: 'confirm_slot'; slot: string }
  | { kind: 'confirm_summary'; step: string }
  | { kind: 'disambiguate'; slot: string; options: unknown[] }
  | { kind: 'effect'; effectId: string }
  /** After "no" to a summary: the next message is read as a correction. */
  | { kind: 'correction'; step: string }
  /** The code sent to an address the next action will mail or book for (see address-proof.ts). */
  | { kind: 'address_code'; address: string }
  | null;

export interface OutcomeView {
  id: string;
  kind: 'information' | 'administrative_act' | 'refusal' | 'proposal' | 'referral';
  /** Slots and values reported with the outcome. */
  values: Record<string, unknown>;
  text: string;
  /** false when an administrative_act was turned into a proposal for a case worker (§ 35a VwVfG). */
  automated: boolean;
  /** The outcome's Rechtsbehelfsbelehrung (legal remedies), rendered in the citizen's language. */
  rechtsbehelfsbelehrung?: string;
}

export interface SessionSnapshot {
  format: 1;
  sessionId: string;
  service: string;
  definitionHash: string;
  locale: Locale;
  channel: Channel;
  /** The date rules are evaluated at (YYYY-MM-DD), fixed at start. */
  referenceDate: string;
  startedAt: string;
  lastActivityAt: string;
  status: SessionStatus;
  /** XState state value of the compiled machine. */
  state: unknown;
  slots: Record<string, SlotState>;
  /** Derived values and action results. */
  values: Record<string, unknown>;
  pending: Pending;
  /** Failed attempts per slot (or confirmation) since it was last asked. */
  attempts: Record<string, number>;
  turn: number;
  /** Monotonic counter for effect ids (idempotency keys). */
  seq: number;
  outcome?: OutcomeView;
  handoff?: HandoffState;
  /** Why and when a session was cancelled ('citizen', 'timeout', 'host'). */
  cancelled?: { reason: string; at: string };
  /** Flow bookkeeping: confirmed summaries, said texts, actions requested/done (by step id). */
  progress?: SessionProgress;
  /** The host runs `llm.propose`: messages the extractors cannot read are offered to the model. */
  llm?: boolean;
  /** Statements of the citizen no slot captured (§ 24 VwVfG): flag for a human. */
  unmapped: string[];
  /** Names of live timers → fire time (ISO). */
  timers: Record<string, string>;
}

/**
 * The desk side of a session. Kept after the case is handed back or closed, so the desk knows who
 * worked on it (least privilege) and a follow-up after a staff close reopens it.
 */
export interface HandoffState {
  reason: string;
  /** When the case went to the desk (the latest handoff). */
  at: string;
  takenBy?: string;
  /** Since when the citizen waits for a person; absent after a staff answer until the citizen writes again. */
  waitingSince?: string;
  /** Every staff member who took or acted on the case, in order of first action. */
  staff?: string[];
  /** Set when a case worker handed the case back to the assistant. */
  returnedAt?: string;
  /** Set when a case worker closed the case (a later citizen message reopens it). */
  closedBy?: string;
  closedAt?: string;
}

export interface ActionRecord {
  effectId: string;
  name: string;
  input: Record<string, unknown>;
  status: 'pending' | 'done' | 'failed';
  result?: unknown;
}

export interface SessionProgress {
  summaries: string[];
  said: string[];
  actions: Record<string, ActionRecord>;
  /** Addresses proven in this session, and the open code challenge (issue 12: before booking or mailing). */
  address?: AddressProof;
  /**
   * Facts of the first message that belong unambiguously to slots of later steps: applied, with
   * the same checks as a typed answer, when the flow reaches their step (held.ts).
   */
  held?: Record<string, HeldFact>;
  /** The open `llm.answer` request: the model chooses an authored answer for this question. */
  answer?: { effectId: string; message: string };
  /** The open `llm.propose` request: the message, the slots offered and the slot that was asked. */
  llm?: { effectId: string; message: string; asked: string[]; slot: string; fallback?: LlmFallback; filledAny?: boolean; used?: string[] };
}

/**
 * Proof that a citizen owns the e-mail address an action will mail or book for: a code sent there
 * (`address.challenge`) and given back in the conversation (`address.verify`).
 */
export interface AddressProof {
  /** The host asks for proof (web, API, phone); off for the local CLI. */
  required: boolean;
  /** Lower-cased addresses proven in this session (or by the channel: the sender of an e-mail thread). */
  proven: string[];
  challenge?: {
    /** The action step waiting for the proof, and the address it needs. */
    step: string; address: string;
    /** The open effect (challenge or verify), if any. */
    effectId?: string; kind?: 'challenge' | 'verify';
    /** The challenge id the action returned. */
    id?: string;
    /** Wrong codes so far. */
    attempts: number;
  };
}

export type SessionEvent =
  /**
   * `llm: true` when the host can run the `llm.propose` action (see core/llm). `proveAddresses`:
   * an address must be proven by a code before an action mails or books for it; `provenAddresses`:
   * addresses the channel already proved (the sender of an e-mail thread).
   */
  | { type: 'start'; sessionId: string; locale?: Locale; channel?: Channel; referenceDate: string; llm?: boolean; proveAddresses?: boolean; provenAddresses?: string[] }
  | { type: 'message'; text: string }
  | { type: 'effect.result'; effectId: string; ok: true; result: unknown }
  | { type: 'effect.result'; effectId: string; ok: false; error: { code: string; message: string } }
  | { type: 'timer'; name: 'reminder' | 'timeout' }
  | { type: 'handoff'; reason?: string }
  | { type: 'cancel' }
  /** A case worker acts on a handed-off case (issue: case-worker desk). */
  | { type: 'staff.take'; staff: string }
  | { type: 'staff.answer'; staff: string; text: string }
  /** Closes the case; `note` is the message to the citizen (a built-in closing line follows it). */
  | { type: 'staff.close'; staff: string; note?: string }
  /** Sets a slot to a value a case worker checked, with the reason; rules are recomputed, the citizen is told. */
  | { type: 'staff.correct'; staff: string; slot: string; value: unknown; reason: string }
  /** Hands the case back to the assistant, which continues the flow (e.g. books the appointment). */
  | { type: 'staff.handback'; staff: string; note?: string }
  /** A staff member read the case (least privilege: every read is in the audit trail). Changes nothing else. */
  | { type: 'staff.read'; staff: string };

/** Work the core asks its host to do. The host feeds results back as events. */
export type Effect =
  | { kind: 'action'; id: string; name: string; input: Record<string, unknown> }
  | { kind: 'timer'; id: string; name: 'reminder' | 'timeout'; at: string }
  | { kind: 'cancel_timer'; id: string; name: 'reminder' | 'timeout' }
  | { kind: 'notify'; id: string; template: string; data: Record<string, unknown> }
  | { kind: 'handoff'; id: string; reason: string };

export interface RuleEvaluation {
  type: 'rule';
  rule: string;
  inputs: Record<string, unknown>;
  /** Row id for decision tables; matched row ids for collect. */
  row?: string | string[];
  /** valid_from key chosen for effective-dated values. */
  version?: string;
  result: unknown;
  legal_basis?: string[];
}

export type TrailEntry =
  | RuleEvaluation
  /** `heldFrom`: the turn of the (first) message the value was held from until its step came. */
  | { type: 'slot.filled'; slot: string; value: unknown; source: SlotSource; evidence: string; by?: string; heldFrom?: number }
  /** A fact of a first message kept for a slot of a later step (applied when that step is reached). */
  | { type: 'slot.held'; slot: string; value: unknown; evidence: string; by: string }
  | { type: 'slot.rejected'; slot: string; reason: string; evidence: string; by?: string }
  | { type: 'slot.confirmed'; slot: string }
  | { type: 'slot.cleared'; slot: string; reason: string }
  | { type: 'state'; from: unknown; to: unknown }
  | { type: 'effect'; effect: Effect }
  | { type: 'effect.result'; effectId: string; ok: boolean; result?: unknown; error?: { code: string; message: string } }
  | { type: 'outcome'; outcome: string; kind: string; automated: boolean; legal_basis?: string[] }
  | { type: 'handoff'; reason: string }
  /**
   * A citizen's question got the authored answer with this id, or (null) honestly none. `by: 'llm'`:
   * the model chose it (`llm.answer`); `refused`: why its choice was not taken (unknown_answer, ungrounded, failed).
   */
  | { type: 'answer'; answer: string | null; by?: 'llm'; refused?: string }
  | { type: 'status'; status: SessionStatus }
  | { type: 'staff'; action: StaffActionName; staff: string; slot?: string; reason?: string };

/** What a case worker can do to a case (the `staff.*` events). */
export type StaffActionName = 'take' | 'answer' | 'close' | 'correct' | 'handback' | 'read';

export interface OutgoingMessage { role: 'assistant' | 'staff'; text: string }

export interface StepResult {
  snapshot: SessionSnapshot;
  effects: Effect[];
  trail: TrailEntry[];
  messages: OutgoingMessage[];
}

/**
 * What the deterministic path does for the asked slot when the model does not fill it: re-ask
 * with a hint (`fail`), offer the candidates it found (`disambiguate`), or nothing (`none`: the
 * extractors filled something, the next question follows).
 */
export type LlmFallback = { kind: 'fail' } | { kind: 'disambiguate'; options: unknown[] } | { kind: 'none' };
