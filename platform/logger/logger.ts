/**
 * The one logger: JSON lines on stderr. Only event codes, ids, counts and durations may be
 * logged — never message text, slot values or addresses. The field type enforces scalars, and
 * keys that name personal data are dropped at runtime.
 *
 * Level from AMTSWEG_LOG_LEVEL (debug|info|warn|error|silent); default info, silent under jest.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(code: string, fields?: LogFields): void;
  info(code: string, fields?: LogFields): void;
  warn(code: string, fields?: LogFields): void;
  error(code: string, fields?: LogFields): void;
  child(component: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
/** Field names that would carry personal data; dropped rather than written. */
const FORBIDDEN = /^(text|message|value|values|slots?|email|e_mail|mail|to|from|cc|recipient|phone|caller|name|address|subject|body|evidence|input|result|data|detail)$/i;
/** Values that look like personal data whatever their key: e-mail addresses, long digit runs (phone numbers). */
const LOOKS_PERSONAL = /[^\s@]+@[^\s@]+\.[^\s@]+|\+?\d[\d ()/-]{7,}\d/;

function currentLevel(): LogLevel {
  const env = process.env.AMTSWEG_LOG_LEVEL as LogLevel | undefined;
  if (env && env in ORDER) return env;
  return process.env.JEST_WORKER_ID ? 'silent' : 'info';
}

/** The fields that may be written: scalars under harmless names, no value that looks like an address or number. */
export function safeFields(fields: Record<string, unknown>): LogFields {
  const safe: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (FORBIDDEN.test(k) || v === undefined || v === null) continue;
    if (typeof v === 'number' || typeof v === 'boolean') safe[k] = v;
    else if (typeof v === 'string') safe[k] = LOOKS_PERSONAL.test(v) ? '[redacted]' : v.slice(0, 200);
  }
  return safe;
}

/** A logger for one component; `write` is replaceable for tests. */
export function createLogger(component: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const log = (level: Exclude<LogLevel, 'silent'>, code: string, fields: LogFields = {}) => {
    if (ORDER[level] < ORDER[currentLevel()]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level, component, code: LOOKS_PERSONAL.test(code) ? '[redacted]' : code, ...safeFields(fields) }) + '\n');
  };
  return {
    debug: (c, f) => log('debug', c, f),
    info: (c, f) => log('info', c, f),
    warn: (c, f) => log('warn', c, f),
    error: (c, f) => log('error', c, f),
    child: (sub) => createLogger(`${component}.${sub}`, write),
  };
}

export const logger = createLogger('amtsweg');

/** The loose line channels hand their log sink: `{ level, msg, ...fields }`. */
export type LogLine = Record<string, unknown>;

/**
 * A line sink for channels, written through `target` (so the same filter applies): the level from
 * `line.level`, the code from `line.msg` (or `line.event`), scalar fields only.
 */
export function lineSink(target: Logger): (line: LogLine) => void {
  return (line) => {
    const { level, msg, event, ...rest } = line;
    const code = String(msg ?? event ?? 'log');
    const lv = level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
    target[lv](code, safeFields(rest));
  };
}
