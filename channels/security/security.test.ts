import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { authenticateStaff, parseStaffCredentials, requireStaff, staffOf } from './staff-auth';
import { createRateLimiter } from './rate-limit';
import { createSealer, loadOrCreateKey } from './sealer';
import { StaffConfigError } from './errors';

const creds = parseStaffCredentials('erika:token-0123456789,bob:token-abcdefghij', 'anna:passwort-123');

describe('staff authentication', () => {
  test('bearer tokens and basic users map to staff names', () => {
    expect(authenticateStaff('Bearer token-0123456789', creds)).toBe('erika');
    expect(authenticateStaff('Bearer token-abcdefghij', creds)).toBe('bob');
    expect(authenticateStaff(`Basic ${Buffer.from('anna:passwort-123').toString('base64')}`, creds)).toBe('anna');
    expect(authenticateStaff(`Basic ${Buffer.from('anna:falsch-123').toString('base64')}`, creds)).toBeNull();
    expect(authenticateStaff('Bearer token-01234567', creds)).toBeNull();
    expect(authenticateStaff(undefined, creds)).toBeNull();
    expect(authenticateStaff('token-0123456789', creds)).toBeNull();
  });
  test('weak or malformed configuration is refused with a fix', () => {
    expect(() => parseStaffCredentials('short', '')).toThrow(StaffConfigError);
    expect(() => parseStaffCredentials('', 'nocolon')).toThrow(/user:password/);
    expect(parseStaffCredentials('just-a-long-token', '').tokens).toEqual([{ staff: 'staff', token: 'just-a-long-token' }]);
  });
  test('middleware: 401 with a JSON error, the staff name for valid credentials', async () => {
    const app = new Hono();
    app.use('/x', requireStaff(creds, () => {}));
    app.get('/x', (c) => c.json({ staff: staffOf(c) }));
    const denied = await app.request('/x');
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.message).toMatch(/Authorization: Bearer/);
    const ok = await app.request('/x', { headers: { Authorization: 'Bearer token-abcdefghij' } });
    expect(await ok.json()).toEqual({ staff: 'bob' });
  });
});

describe('rate limiter', () => {
  test('a burst is allowed, then refused with a retry time, then refilled', () => {
    let t = 0;
    const rl = createRateLimiter({ capacity: 3, perSecond: 1, now: () => t });
    expect([rl.take('a').ok, rl.take('a').ok, rl.take('a').ok]).toEqual([true, true, true]);
    const refused = rl.take('a');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rl.take('b').ok).toBe(true);
    t = 1000;
    expect(rl.take('a').ok).toBe(true);
  });
});

describe('sealer', () => {
  test('round trip, tamper detection, key file created 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-seal-'));
    try {
      const file = join(dir, 'k', 'email.key');
      const key = loadOrCreateKey(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadOrCreateKey(file).equals(key)).toBe(true);
      expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('base64'));
      const s = createSealer(key);
      const sealed = s.seal('erika@example.org');
      expect(sealed.includes(Buffer.from('erika'))).toBe(false);
      expect(s.openText(sealed)).toBe('erika@example.org');
      sealed[sealed.length - 1] ^= 1;
      expect(() => s.open(sealed)).toThrow(/could not be decrypted/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
