import type { Context, Hono } from 'hono';
import { allowOrigins } from '../http/cors';
import { lineSink, logger } from '../../platform/logger';
import { securityHeaders } from '../../platform/headers';
import { brandingSource, type Branding } from './branding';
import { bundleScript, clientEntry } from './bundle';
import { uiLocale } from './client/i18n';
import { ClientBuildError } from './errors';
import { renderAccessibilityPage, renderEasyLanguagePage } from './info-pages';
import { publicBranding, renderChatPage } from './page';
import { CHAT_CSS, themeCss } from './styles';

export interface WebChatOptions {
  /** Log sink for JSON lines (no personal data). */
  log?: (line: Record<string, unknown>) => void;
  /** Path of the branding file (YAML); read again when it changes. Default: the neutral look. */
  brandingFile?: string;
  /** Or the branding itself (tests, embedding apps). */
  branding?: () => Branding;
}

const EMBEDDABLE = { 'Cross-Origin-Resource-Policy': 'cross-origin' };

/**
 * Serves the citizen chat page at `/` (`/?lang=tr` etc.), the embeddable widget script
 * (`/assets/widget.js`), styles, theme and crest, the branding as JSON, and the pages in
 * Leichte Sprache and the accessibility statement. The page talks to the citizen API of
 * `channels/http`; the widget does so from the city's origins named in the branding file.
 */
export function mountWebChat(app: Hono, opts: WebChatOptions = {}): void {
  const log = opts.log ?? lineSink(logger.child('web'));
  const branding = opts.branding ?? brandingSource(opts.brandingFile, (e) => log({ level: 'error', msg: `branding not reloaded: ${e.message}` }));
  allowOrigins(app, () => branding().widget_origins);
  for (const path of ['/', '/leichte-sprache', '/barrierefreiheit', '/assets/*']) app.use(path, securityHeaders());
  app.get('/', (c) => c.html(renderChatPage(uiLocale(c.req.query('lang')), branding())));
  app.get('/leichte-sprache', (c) => c.html(renderEasyLanguagePage(branding())));
  app.get('/barrierefreiheit', (c) => c.html(renderAccessibilityPage(branding())));
  app.get('/api/branding', (c) => c.json(publicBranding(branding(), uiLocale(c.req.query('locale')))));
  app.get('/assets/chat.css', (c) => c.body(CHAT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', ...EMBEDDABLE }));
  app.get('/assets/theme.css', (c) => c.body(themeCss(branding()), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', ...EMBEDDABLE }));
  for (const ext of ['.svg', '.png', '.webp']) app.get(`/assets/crest${ext}`, (c) => {
    const crest = branding().crestFile;
    if (!crest || crest.ext !== ext) return c.json({ error: { code: 'not_found', message: 'No crest configured (branding file: crest).' } }, 404);
    return c.body(new Uint8Array(crest.bytes), 200, { 'Content-Type': crest.type, 'Cache-Control': 'no-cache', ...EMBEDDABLE });
  });
  const script = async (c: Context) => {
    const entry = clientEntry('web', 'chat.ts');
    try {
      const js = await bundleScript(entry);
      return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', ...EMBEDDABLE });
    } catch (err) {
      log({ level: 'error', msg: new ClientBuildError(entry, err).message });
      return c.json({ error: { code: 'client_build', message: 'The chat script could not be built; the operator log has details.' } }, 500);
    }
  };
  app.get('/assets/chat.js', script);
  app.get('/assets/widget.js', script);
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
