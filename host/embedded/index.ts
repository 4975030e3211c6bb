/** The embedded engine (SQLite) and the engine contract all hosts implement. */
export { createEmbeddedEngine, MAX_MESSAGE_BYTES } from './embedded-engine';
export type { EmbeddedEngine, EmbeddedEngineOptions, SessionExport, ExportedEvent } from './options';
export * from '../errors';
export type * from '../types';
export { createLogger, logger, type Logger, type LogFields, type LogLevel } from '../../platform/logger';
export { canonicalJson, verifyChain, GENESIS } from './hash-chain';
export { berlinDate } from '../reference-date';
export { DEFAULT_LEASE_MS, redactError } from '../../store';
