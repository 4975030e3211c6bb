import type { Hono } from 'hono';
import { lineSink, logger } from '../../platform/logger';
import { securityHeaders } from '../../platform/headers';
import { bundleScript, clientEntry } from './bundle';
import { ClientBuildError } from './errors';
import { renderChatPage } from './page';
import { CHAT_CSS } from './styles';

export interface WebChatOptions {
  /** Log sink for JSON lines (no personal data). */
  log?: (line: Record<string, unknown>) => void;
}

/**
 * Serves the citizen chat page at `/` (German; `/?lang=en` English) with its script and styles
 * under `/assets/`. The page talks to the citizen API of `channels/http` on the same origin.
 */
export function mountWebChat(app: Hono, opts: WebChatOptions = {}): void {
  const log = opts.log ?? lineSink(logger.child('web'));
  app.use('/', securityHeaders());
  app.use('/assets/chat.*', securityHeaders());
  app.get('/', (c) => c.html(renderChatPage(c.req.query('lang') === 'en' ? 'en' : 'de')));
  app.get('/assets/chat.css', (c) => c.body(CHAT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/chat.js', async (c) => {
    const entry = clientEntry('web', 'chat.ts');
    try {
      const js = await bundleScript(entry);
      return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    } catch (err) {
      log({ level: 'error', msg: new ClientBuildError(entry, err).message });
      return c.json({ error: { code: 'client_build', message: 'The chat script could not be built; the operator log has details.' } }, 500);
    }
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
