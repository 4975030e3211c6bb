import { Hono } from 'hono';
import { createRateLimiter, parseRateLimit, perHour, rateLimit, TokenBuckets } from '.';

describe('token buckets', () => {
  test('a burst is allowed, then refused with a retry time, then refilled', () => {
    let t = 0;
    const rl = createRateLimiter({ capacity: 3, perSecond: 1, now: () => t });
    expect([rl.take('a').ok, rl.take('a').ok, rl.take('a').ok]).toEqual([true, true, true]);
    expect(rl.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rl.take('b').ok).toBe(true);
    t = 1000;
    expect(rl.take('a').ok).toBe(true);
  });
  test('a cost takes several tokens or none; peek takes nothing', () => {
    const rl = new TokenBuckets({ capacity: 5, perSecond: 1 }, () => 0);
    expect(rl.take('k', 4).ok).toBe(true);
    expect(rl.peek('k', 2)).toBe(false);
    expect(rl.take('k', 2)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rl.take('k', 1).ok).toBe(true);
  });
  test('memory stays bounded: the least recently used key goes first', () => {
    const rl = new TokenBuckets({ capacity: 1, perSecond: 1 }, () => 0, 2);
    rl.take('a'); rl.take('b'); rl.take('a'); rl.take('c');
    expect(rl.size).toBe(2);
    expect(rl.take('a').ok).toBe(false); // still held: it was used recently
    expect(rl.take('b').ok).toBe(true); // evicted, so a fresh bucket
  });
  test('per hour and parsed limits', () => {
    let t = 0;
    const rl = perHour(2, 60, () => t);
    expect([rl.take('x').ok, rl.take('x').ok, rl.take('x').ok]).toEqual([true, true, false]);
    t = 60_000;
    expect(rl.take('x').ok).toBe(true);
    expect(parseRateLimit('10/h', 'x')).toEqual({ capacity: 10, perSecond: 10 / 3600 });
    expect(() => parseRateLimit('0/h', 'x')).toThrow(/at least 1/);
  });
});

test('the middleware answers 429 with Retry-After and a JSON error', async () => {
  const app = new Hono();
  app.use('*', rateLimit(createRateLimiter({ capacity: 1, perSecond: 0.1, now: () => 0 }), () => 'k', 'tests'));
  app.get('/', (c) => c.text('ok'));
  expect((await app.request('/')).status).toBe(200);
  const refused = await app.request('/');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('Retry-After')).toBe('10');
  expect((await refused.json()).error.code).toBe('rate_limited');
});
