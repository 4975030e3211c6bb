import { Hono } from 'hono';
import { SECURITY_HEADERS, securityHeaders } from '.';

test('every header on every response, overriding weaker ones, twice is the same as once', async () => {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('/page', securityHeaders());
  app.get('/page', (c) => c.html('<p>x</p>', 200, { 'X-Frame-Options': 'ALLOWALL', 'X-Powered-By': 'x' }));
  app.get('/api/x', (c) => c.json({}));
  for (const path of ['/page', '/api/x', '/missing']) {
    const res = await app.request(path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get('X-Powered-By')).toBeNull();
  }
  expect((await app.request('/api/x')).headers.get('Cache-Control')).toBe('no-store');
  expect(SECURITY_HEADERS['Content-Security-Policy']).toMatch(/frame-ancestors 'none'/);
});
