import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken, keyIdOf, loadMasterKey, newDataKey, newToken, open, seal, tokenMatches, unwrapDataKey } from '.';
import { MasterKeyError, MasterKeyFormatError } from '../../host/errors';
import { GENESIS, canonicalJson, chainHash, digestOf, verifyChain, type ChainLink } from '../../host/embedded/hash-chain';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'amtsweg-crypto-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('master key', () => {
  test('is created once with mode 0600 and read back', () => {
    const file = join(dir, 'sub', 'master.key');
    const a = loadMasterKey(file, {});
    expect(a.source).toBe('created');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = loadMasterKey(file, {});
    expect(b.source).toBe('file');
    expect(b.key.equals(a.key)).toBe(true);
    expect(b.id).toBe(a.id);
  });

  test('the environment wins; a malformed key is a clear error', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadMasterKey(join(dir, 'x.key'), { AMTSWEG_MASTER_KEY: key })).toMatchObject({ source: 'env', id: keyIdOf(Buffer.alloc(32, 7)) });
    expect(() => loadMasterKey(join(dir, 'x.key'), { AMTSWEG_MASTER_KEY: 'c2hvcnQ=' })).toThrow(MasterKeyFormatError);
    writeFileSync(join(dir, 'bad.key'), 'nope');
    expect(() => loadMasterKey(join(dir, 'bad.key'), {})).toThrow(/base64 of exactly 32 bytes/);
  });
});

describe('sealing', () => {
  test('round trip, bound to its associated data, tamper-evident', () => {
    const key = Buffer.alloc(32, 1);
    const blob = seal(key, 'Geburtsdatum 1990-05-13', 's1:snapshot');
    expect(blob.includes(Buffer.from('1990-05-13'))).toBe(false);
    expect(open(key, blob, 's1:snapshot').toString()).toBe('Geburtsdatum 1990-05-13');
    expect(() => open(key, blob, 's2:snapshot')).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => open(key, tampered, 's1:snapshot')).toThrow();
  });

  test('a data key wrapped by another master key names both key ids', () => {
    const m1 = { id: keyIdOf(Buffer.alloc(32, 1)), key: Buffer.alloc(32, 1) };
    const m2 = { id: keyIdOf(Buffer.alloc(32, 2)), key: Buffer.alloc(32, 2) };
    const { key, wrapped } = newDataKey(m1, 's1');
    expect(unwrapDataKey(m1, 's1', m1.id, wrapped).equals(key)).toBe(true);
    const err = (() => { try { unwrapDataKey(m2, 's1', m1.id, wrapped); } catch (e) { return e as MasterKeyError; } })();
    expect(err).toBeInstanceOf(MasterKeyError);
    expect(err!.message).toContain(m1.id);
    expect(err!.message).toContain(m2.id);
    // Same id but altered key material: still a MasterKeyError, not a crypto stack trace.
    expect(() => unwrapDataKey({ id: m1.id, key: m2.key }, 's1', m1.id, wrapped)).toThrow(MasterKeyError);
  });
});

describe('tokens', () => {
  test('32 random bytes base64url, only the hash matches', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    const h = hashToken(t);
    expect(tokenMatches(t, h)).toBe(true);
    expect(tokenMatches(t + 'x', h)).toBe(false);
    expect(tokenMatches(t, 'abc')).toBe(false);
  });
});

describe('hash chain', () => {
  test('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,null]},"b":1}');
  });

  test('verifies, and finds a changed, removed or reordered event', () => {
    const links: ChainLink[] = [];
    let prev = GENESIS;
    for (let seq = 1; seq <= 4; seq++) {
      const record = { sessionId: 's1', seq, now: `2026-11-20T10:0${seq}:00.000Z`, event: { type: 'message', text: `m${seq}` } };
      const digest = digestOf(record);
      const hash = chainHash(prev, digest);
      links.push({ seq, digest, hash, prevHash: prev, record });
      prev = hash;
    }
    expect(verifyChain(links)).toEqual({ ok: true, length: 4 });
    // Without records (data key destroyed) the digests still verify.
    expect(verifyChain(links.map(({ record: _r, ...l }) => l))).toEqual({ ok: true, length: 4 });
    const changed = links.map((l) => ({ ...l }));
    changed[1] = { ...changed[1], record: { ...changed[1].record!, event: { type: 'message', text: 'forged' } } };
    expect(verifyChain(changed)).toMatchObject({ ok: false, seq: 2 });
    expect(verifyChain([links[0], links[2], links[3]])).toMatchObject({ ok: false, seq: 3 });
    const rehashed = links.map((l) => ({ ...l }));
    rehashed[2] = { ...rehashed[2], digest: '0'.repeat(64), record: undefined };
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, seq: 3 });
  });
});
