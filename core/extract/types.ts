/** Contract of the deterministic extractors: pure functions from a citizen's text to typed values. */

export interface ExtractContext {
  locale: 'de' | 'en' | string;
  /** Reference date YYYY-MM-DD for heute/morgen/weekday names. */
  today: string;
  /** For corrections like "den 5.": the previous value of the slot, completed by the partial input. */
  base?: unknown;
}

/**
 * Result of one extractor. Canonical value forms: date 'YYYY-MM-DD', time 'HH:MM', integer and
 * number and money as JS numbers (money in euros, 2 decimals), boolean, enum value id, email
 * lower-cased, phone '+49...' digits only after the plus, postcode '45879', text trimmed.
 */
export type Extraction<T = unknown> =
  | { kind: 'value'; value: T; evidence: string }
  | { kind: 'ambiguous'; options: T[]; evidence: string }
  /** Something of the right shape but impossible (31.02.): `reason` is a message key. */
  | { kind: 'invalid'; reason: string; evidence: string }
  | { kind: 'none' };

/** Conversation commands recognised in any state. */
export type Command = 'cancel' | 'handoff' | 'skip' | 'yes' | 'no' | 'correction' | 'help';
