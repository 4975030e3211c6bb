/**
 * The contract between the session core and the LLM activity (`llm.propose`). The core asks
 * for proposals with an {@link ExtractRequest}; the host runs the activity and feeds back a
 * {@link ProposalsResult} as the action's result. Plain JSON both ways.
 */
import type { SlotType } from '../definition/schema';

/** Name of the action the core emits for LLM slot proposals. */
export const LLM_ACTION = 'llm.propose';

/** One slot the model may propose a value for. */
export interface ExtractSlotSpec {
  name: string;
  type: SlotType;
  description?: string;
  /** Enum value ids. */
  values?: string[];
}

export interface ExtractRequest {
  /** The citizen's current message (not the history). */
  message: string;
  locale: string;
  /** Reference date YYYY-MM-DD, so "morgen" can be resolved. */
  today: string;
  slots: ExtractSlotSpec[];
  /** Personal values already known in this session: pseudonymised too before an external call. */
  known?: string[];
}

/** One value the model proposes, with the text it took it from. */
export interface Proposal { slot: string; value: unknown; evidence: string }

export interface LlmUsage { promptTokens: number; completionTokens: number }

export type ProposalsResult =
  | { ok: true; proposals: Proposal[]; unmapped: string[]; model: string; promptHash: string; usage?: LlmUsage }
  | { ok: false; error: { code: string; message: string }; model?: string; promptHash?: string };

/** Why a proposal was dropped; recorded in the trail as `slot.rejected`. */
export type RejectReason =
  | 'malformed'
  | 'unknown_slot'
  | 'derived_value'
  | 'outcome'
  | 'not_asked'
  | 'already_filled'
  | 'duplicate'
  | 'too_many'
  | 'ungrounded'
  | 'wrong_type'
  | 'not_derivable'
  | 'contradicts_evidence'
  | 'suspicious_text'
  | string;

export interface Rejection { slot: string; reason: RejectReason; evidence: string }

/** Name of the action the core emits when the model may choose an authored answer for a question. */
export const LLM_ANSWER_ACTION = 'llm.answer';

/** One authored answer the model may choose, described by the designer's own words for it. */
export interface AnswerSpec { id: string; keywords: string[]; examples: string[] }

export interface AnswerRequest {
  /** The citizen's question (the current message only). */
  message: string;
  locale: string;
  answers: AnswerSpec[];
  /** Personal values already known in this session: pseudonymised too before an external call. */
  known?: string[];
}

/** The model's choice: an answer id or `none`, and the words of the question it rests on. Never text for the citizen. */
export type AnswerChoiceResult =
  | { ok: true; answer: string; evidence: string; model: string; promptHash: string; usage?: LlmUsage }
  | { ok: false; error: { code: string; message: string }; model?: string; promptHash?: string };
