/** Audit tools: export, replay, what-if, explain, verify, purge. */
export * from './errors';
export { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, AUDIT_BUNDLE_SCHEMA_PATH, auditBundleJsonSchema, auditBundleJsonSchemaText, type BundleEvent } from './bundle-schema';
export { canonicalJson, renderCanonical, sha256Hex } from './canonical';
export { buildBundle, sealBundle, exportEmbeddedSession, engineVersion, type BundleOptions, type BundleContent } from './export';
export { parseBundle, readBundle, readCheckedBundle, inspectBundle, renderBundle, checkChain, type ReadOptions, type CheckedBundle } from './read-bundle';
export { checkSections, sectionHashes } from './sections';
export { loadPrivateKey, loadPublicKey, loadTrustList, keyIdOf, signContentHash, checkSignature, describeSignature, type SignatureStatus, type SignatureProblem } from './signing';
export { replayBundle, formatReplayReport, type ReplayReport, type ReplayDifference } from './replay';
export { whatIf, whatIfCase, formatWhatIf, type WhatIfReport, type CaseChange, type RuleChange } from './what-if';
export { explainBundle, explainDocument, escapeHtml, escapeMarkdown, toHtml, toMarkdown, type ExplainLang, type ExplainFormat, type Doc, type Para, type Section } from './explain';
export { bundleDefinition, compileSource, loadDefinitionFile } from './definition';
export { openAuditStore } from './data-store';
export { firstJsonDifference } from './diff';
export { purgeExpired, formatPurgeReport, type PurgeReport, type PurgedSession, type PurgeOptions, type RetentionReminderItem } from './purge';
export {
  retentionPolicyOf, dueAt, decideRetention, DEFAULT_PURGE_GRACE, HIGH_RISK_AUDIT_RETENTION,
  type RetentionPolicy, type RetentionCandidate, type RetentionDecision, type RecordedReminder,
} from './retention';
