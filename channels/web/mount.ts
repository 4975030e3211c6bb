import type { Context, Hono } from 'hono';
import { allowOrigins } from '../http/cors';
import { addRoute, errorResponses, jsonResponse, pageRoute } from '../http/openapi';
import { createRoute, z } from '@hono/zod-openapi';
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
  const pages = ['pages'];
  addRoute(app, pageRoute('/', 'The citizen chat (?lang=tr etc.)', 'text/html', pages), (c) => c.html(renderChatPage(uiLocale(c.req.query('lang')), branding())));
  addRoute(app, pageRoute('/leichte-sprache', 'The service in Leichte Sprache', 'text/html', pages), (c) => c.html(renderEasyLanguagePage(branding())));
  addRoute(app, pageRoute('/barrierefreiheit', 'The accessibility statement', 'text/html', pages), (c) => c.html(renderAccessibilityPage(branding())));
  addRoute(app, createRoute({
    method: 'get', path: '/api/branding', operationId: 'getBranding', summary: 'The city\'s look and texts for the chat (?locale=)', tags: ['web'],
    responses: { 200: jsonResponse('Public branding', z.object({}).catchall(z.unknown())), ...errorResponses(429, 500) },
  }), (c) => c.json(publicBranding(branding(), uiLocale(c.req.query('locale')))));
  addRoute(app, pageRoute('/assets/chat.css', 'Chat styles', 'text/css', pages), (c) => c.body(CHAT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', ...EMBEDDABLE }));
  addRoute(app, pageRoute('/assets/theme.css', 'The city\'s colours', 'text/css', pages), (c) => c.body(themeCss(branding()), 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', ...EMBEDDABLE }));
  for (const [ext, type] of [['.svg', 'image/svg+xml'], ['.png', 'image/png'], ['.webp', 'image/webp']]) {
    addRoute(app, pageRoute(`/assets/crest${ext}`, 'The city\'s crest (404 when the branding has none of this type)', type, pages, 404), (c) => {
      const crest = branding().crestFile;
      if (!crest || crest.ext !== ext) return c.json({ error: { code: 'not_found', message: 'No crest configured (branding file: crest).' } }, 404);
      return c.body(new Uint8Array(crest.bytes), 200, { 'Content-Type': crest.type, 'Cache-Control': 'no-cache', ...EMBEDDABLE });
    });
  }
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
  addRoute(app, pageRoute('/assets/chat.js', 'The chat script', 'text/javascript', pages), script);
  addRoute(app, pageRoute('/assets/widget.js', 'The embeddable widget script', 'text/javascript', pages), script);
  addRoute(app, createRoute({
    method: 'get', path: '/favicon.ico', operationId: 'getFavicon', summary: 'No icon', tags: pages, responses: { 204: { description: 'No content' } },
  }), (c) => c.body(null, 204));
}
