/** Insight for designers: session facts without personal data, from replaying the audit trail. */
export { sessionFacts, contentWords, type RecordedEvent } from './facts';
