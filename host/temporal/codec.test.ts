import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, loadKeyRing, randomKeyRing } from './codec';
import { KeyConfigError, PayloadKeyError } from './errors';

const secret = { geburtsdatum: '1990-05-13', name: 'Erika Mustermann' };

describe('EncryptionCodec', () => {
  it('encrypts so that no plaintext remains and decrypts back to the same payload', async () => {
    const codec = new EncryptionCodec(randomKeyRing('k1'));
    const payload = defaultPayloadConverter.toPayload(secret);
    const [enc] = await codec.encode([payload]);
    expect(Buffer.from(enc.data!).toString('latin1')).not.toContain('Mustermann');
    expect(Buffer.from(enc.metadata!['encryption-key-id']).toString()).toBe('k1');
    const [dec] = await codec.decode([enc]);
    expect(defaultPayloadConverter.fromPayload(dec)).toEqual(secret);
  });

  it('reads payloads of an older key after rotation', async () => {
    const old = randomKeyRing('2025');
    const [enc] = await new EncryptionCodec(old).encode([defaultPayloadConverter.toPayload(secret)]);
    const rotated = new EncryptionCodec({ activeKeyId: '2026', keys: { ...old.keys, '2026': randomBytes(32) } });
    const [again] = await rotated.encode([defaultPayloadConverter.toPayload(1)]);
    expect(Buffer.from(again.metadata!['encryption-key-id']).toString()).toBe('2026');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([enc]))[0])).toEqual(secret);
  });

  it('names the key id when the key is missing or wrong, and never returns garbage', async () => {
    const [enc] = await new EncryptionCodec(randomKeyRing('k7')).encode([defaultPayloadConverter.toPayload(secret)]);
    await expect(new EncryptionCodec(randomKeyRing('k1')).decode([enc])).rejects.toThrow(/key id "k7".*not configured/);
    await expect(new EncryptionCodec(randomKeyRing('k7')).decode([enc])).rejects.toThrow(PayloadKeyError);
    await expect(new EncryptionCodec(randomKeyRing('k7')).decode([enc])).rejects.toThrow(/"k7".*authentication failed/);
  });

  it('passes payloads through that were never encrypted', async () => {
    const p = defaultPayloadConverter.toPayload('x');
    expect(await new EncryptionCodec(randomKeyRing()).decode([p])).toEqual([p]);
  });
});

describe('loadKeyRing', () => {
  const key = randomBytes(32).toString('base64');
  it('reads keys and the active id from the environment', () => {
    const ring = loadKeyRing({ env: { AMTSWEG_TEMPORAL_KEYS: JSON.stringify({ a: key, b: key }), AMTSWEG_TEMPORAL_KEY_ID: 'b' } });
    expect(ring.activeKeyId).toBe('b');
    expect(Object.keys(ring.keys)).toEqual(['a', 'b']);
  });
  it('reads a key file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'amtsweg-keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify({ active: 'f1', keys: { f1: key } }));
    expect(loadKeyRing({ keyFile: file, env: {} }).activeKeyId).toBe('f1');
  });
  it('explains malformed or missing keys', () => {
    expect(() => loadKeyRing({ env: {} })).toThrow(/AMTSWEG_TEMPORAL_KEYS/);
    expect(() => loadKeyRing({ env: { AMTSWEG_TEMPORAL_KEYS: '{"k":"c2hvcnQ="}' } })).toThrow(/32 bytes/);
    expect(() => loadKeyRing({ env: { AMTSWEG_TEMPORAL_KEYS: 'nope' } })).toThrow(KeyConfigError);
    expect(() => loadKeyRing({ env: { AMTSWEG_TEMPORAL_KEYS: JSON.stringify({ a: key }), AMTSWEG_TEMPORAL_KEY_ID: 'zz' } })).toThrow(/"zz".*not among/);
  });
});
