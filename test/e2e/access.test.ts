/**
 * Access rules across the channels on one real server: citizen sessions only with their
 * capability token, staff endpoints only with staff credentials, rate limits, security headers.
 */
import { Hono } from 'hono';
import { mountDesk } from '../../channels/desk';
import { parseStaffCredentials } from '../../channels/security';
import { http, STAFF_TOKEN, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack.stop(); });

describe('citizen sessions need their own capability token', () => {
  test('missing, wrong, or another session\'s token → 401; the session is unchanged', async () => {
    const a = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung' });
    const b = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung' });
    const path = `${stack.url}/api/sessions/${a.body.id}`;
    expect((await http(path, 'GET')).status).toBe(401);
    expect((await http(path, 'GET', undefined, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await http(path, 'GET', undefined, { Authorization: `Bearer ${b.body.token}` })).status).toBe(401);
    expect((await http(`${path}/messages`, 'POST', { text: 'Reisepass' }, { Authorization: `Bearer ${b.body.token}` })).status).toBe(401);
    expect((await http(`${path}/handoff`, 'POST', {}, { Authorization: `Bearer ${STAFF_TOKEN}` })).status).toBe(401);
    const view = await stack.engine.view(a.body.id);
    expect(view.status).toBe('active');
    expect(view.slots.anliegen).toBeUndefined();
  });
});

describe('security headers on every channel page and endpoint', () => {
  test.each(['/', '/desk', '/assets/chat.js', '/assets/desk.js', '/desk/api/cases'])('%s', async (path) => {
    const res = await fetch(`${stack.url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('rate limits on the desk', () => {
  test('guessing staff credentials from one address is slowed down with 429 and Retry-After', async () => {
    let t = 0;
    const app = new Hono();
    mountDesk(app, { engine: stack.engine, staff: parseStaffCredentials(STAFF_TOKEN, ''), log: () => {}, rateLimit: { capacity: 3, perSecond: 0.1 }, clock: () => t });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request('/desk/api/cases', { headers: { Authorization: `Bearer guess-${i}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await app.request('/desk/api/cases', { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t = 60_000;
    expect((await app.request('/desk/api/cases', { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } })).status).toBe(200);
  });
});
