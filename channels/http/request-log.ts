/**
 * Request logs as JSON lines. Only method, route pattern, status and duration: never bodies,
 * tokens, query strings or concrete paths (a path holds a session id, the pattern does not).
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { logger } from '../../platform/logger';

/** One log record; the sink decides where the line goes. */
export type LogRecord = Record<string, string | number | boolean | undefined>;
export type LogSink = (record: LogRecord) => void;

const httpLogger = logger.child('http');

/** JSON lines on stderr through the shared logger (level from AMTSWEG_LOG_LEVEL; it drops fields that name personal data). */
export const stderrLog: LogSink = ({ event, ...fields }) => {
  const code = String(event ?? 'http');
  if (code === 'http.error') httpLogger.error(code, fields);
  else httpLogger.info(code, fields);
};

/** Logs every request after it was answered. */
export function requestLog(log: LogSink, clock: () => number): MiddlewareHandler {
  return async (c, next) => {
    const started = clock();
    await next();
    let route = '';
    try {
      route = routePath(c);
    } catch {
      route = '';
    }
    // A request no route matched ends at a wildcard middleware; its path would tell nothing and the raw path might tell too much.
    if (!route) route = '(unknown)';
    else if (route.endsWith('*') && c.res.status === 404) route = '(unmatched)';
    log({
      event: 'http.request',
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round((clock() - started) * 10) / 10,
    });
  };
}
