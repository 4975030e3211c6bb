import { engineErrorToHttp } from './errors';
import { pickLocale } from './input';
import { parseRateLimit, TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  test('serves a burst, refuses with the wait, refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perSecond: 0.25 }, () => now);
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 4 });
    now += 4000;
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('b')).toEqual({ ok: true });
  });

  test('holds at most maxKeys keys, dropping the least recently used', () => {
    const buckets = new TokenBuckets({ capacity: 1, perSecond: 1 }, () => 0, 3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) buckets.take(k);
    expect(buckets.size).toBe(3);
  });

  test('rejects nonsense configuration with a message', () => {
    expect(() => new TokenBuckets({ capacity: 0, perSecond: 1 }, () => 0)).toThrow(/capacity >= 1/);
  });
});

test('parseRateLimit reads N/period and off, and explains bad input', () => {
  expect(parseRateLimit('120/min', 'x')).toEqual({ capacity: 120, perSecond: 2 });
  expect(parseRateLimit('5/s', 'x')).toEqual({ capacity: 5, perSecond: 5 });
  expect(parseRateLimit('off', 'x')).toBe(false);
  expect(() => parseRateLimit('viele', '--rate-ip')).toThrow(/--rate-ip: .*120\/min/);
});

test('pickLocale: query wins, then Accept-Language by quality, then German', () => {
  expect(pickLocale('en', 'de')).toBe('en');
  expect(pickLocale(undefined, 'tr-TR, en;q=0.9')).toBe('tr');
  expect(pickLocale(undefined, 'xx, en;q=0.5, de;q=0.7')).toBe('de');
  expect(pickLocale(undefined, 'en;q=0')).toBe('de');
  expect(pickLocale(undefined, undefined)).toBe('de');
  expect(() => pickLocale('xx', undefined)).toThrow(/locale/);
});

test('engine errors map by code, name or class name; unknown errors do not', () => {
  expect(engineErrorToHttp({ code: 'session_busy' })?.status).toBe(409);
  class SessionNotFoundError extends Error {}
  expect(engineErrorToHttp(new SessionNotFoundError('x'))?.status).toBe(404);
  expect(engineErrorToHttp(Object.assign(new Error('x'), { name: 'SessionClosedError' }))?.code).toBe('session_finished');
  expect(engineErrorToHttp(new Error('boom'))).toBeUndefined();
  expect(engineErrorToHttp('text')).toBeUndefined();
});
