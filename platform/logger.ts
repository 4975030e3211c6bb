/**
 * The shared logger: JSON lines on stderr. Only event codes, ids, counts and durations may be
 * logged — never message text, slot values or addresses. The field type enforces scalars, and
 * keys that name personal data are refused at runtime, so a slip shows up in tests.
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
const FORBIDDEN = /^(text|message|value|values|slots?|email|e_mail|to|phone|name|address|evidence|input|result|data)$/i;

function currentLevel(): LogLevel {
  const env = process.env.AMTSWEG_LOG_LEVEL as LogLevel | undefined;
  if (env && env in ORDER) return env;
  return process.env.JEST_WORKER_ID ? 'silent' : 'info';
}

/** A logger for one component; `write` is replaceable for tests. */
export function createLogger(component: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const log = (level: Exclude<LogLevel, 'silent'>, code: string, fields: LogFields = {}) => {
    if (ORDER[level] < ORDER[currentLevel()]) return;
    const safe: LogFields = {};
    for (const [k, v] of Object.entries(fields)) if (!FORBIDDEN.test(k) && v !== undefined) safe[k] = v;
    write(JSON.stringify({ t: new Date().toISOString(), level, component, code, ...safe }) + '\n');
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
