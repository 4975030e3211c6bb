/** The one logger (no personal data in any line). */
export { type LogLevel, type LogFields, type Logger, type LogLine, createLogger, logger, safeFields, lineSink } from './logger';
