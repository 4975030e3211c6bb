import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  aeadOpen, aeadSeal, createSealer, envelopeKeyId, keyRingSealer, loadOrCreateKeyFile, openEnvelope, readKeyFile,
  safeEqual, sealEnvelope, SealError, KeyFormatError, open as engineOpen, unwrapDataKey,
} from '.';
import { createSealer as emailSealer } from '../../channels/security';
import { keyRingSealer as workerSealer } from '../../host/temporal/worker/sealer';
import { EncryptionCodec } from '../../host/temporal/codec';

/** Blobs written by the release before this module existed (key = 32 × 0x5a); they must stay readable. */
const OLD = {
  key: Buffer.alloc(32, 0x5a),
  engineV1: '011efda6d0aeb747fecf08413b273552b834be3882deb8b355450444c515a6c1bdb62f5ddbdfc842e0b57fb02b67634bd17241a3',
  engineWrapped: '01c72546d46e03166f75926b07b03805bbef227aad77576ec4194b7fc99c63ca8a0a2cb6093c55e14802adc4fb79bca00466d0559d853db8e5a1f6e573',
  engineDataKey: 'dcae4e049ec0c375f9a1f1a09ebda34235b2efc8426af764d3c0df0769d2f5c0',
  masterId: '2e0176984f434885',
  emailV1: '016c1a08658f7d74b5ced12d977d6658b4800fb28aaeb60f8cd8dd70025f9e6480aeaef8d7b570e667874be558d2',
  workerKeyed: '01027731144bf41a645581d9a8596614f9948e78eeb4cc6a3f07c3e6be80e80588fe7c64d3dbc030fb213743facbbe5ca075f44f62f74172242706',
  codecData: 'a7837401aad68a2753ddcd18421a9c8c6775c9260804a10cafae6a9c644d8adab52c288cba35b3b0f462e272e6035f8296f899935c368c7fda691d35f270f1b8cd9fb0e97d4aa0e4d05778f57610e8b4d547d02a639fec50599811600f394609',
};
const hex = (s: string) => Buffer.from(s, 'hex');

describe('the AES-256-GCM primitive', () => {
  const key = Buffer.alloc(32, 3);
  test('round trip, bound to its associated data, every altered byte refused', () => {
    const blob = aeadSeal(key, 'Geburtsdatum 1990-05-13', Buffer.from('a'));
    expect(blob.includes(Buffer.from('1990'))).toBe(false);
    expect(aeadOpen(key, blob, Buffer.from('a')).toString()).toBe('Geburtsdatum 1990-05-13');
    expect(() => aeadOpen(key, blob, Buffer.from('b'))).toThrow(SealError);
    for (let i = 0; i < blob.length; i++) {
      const t = Buffer.from(blob);
      t[i] ^= 0x80;
      expect(() => aeadOpen(key, t, Buffer.from('a'))).toThrow(SealError);
    }
  });
  test('a fresh IV each time; a short key is refused', () => {
    expect(aeadSeal(key, 'x', Buffer.alloc(0)).equals(aeadSeal(key, 'x', Buffer.alloc(0)))).toBe(false);
    expect(() => aeadSeal(Buffer.alloc(16), 'x', Buffer.alloc(0))).toThrow(/32 bytes/);
  });
});

describe('the envelope', () => {
  const key = Buffer.alloc(32, 4);
  test('v2 names its key id and is bound to its context', () => {
    const blob = sealEnvelope(key, 'erika@example.org', { keyId: 'k9', context: 's1:snapshot' });
    expect(blob[0]).toBe(2);
    expect(envelopeKeyId(blob)).toBe('k9');
    expect(openEnvelope((id) => (id === 'k9' ? key : undefined), blob, { context: 's1:snapshot' }).toString()).toBe('erika@example.org');
    expect(() => openEnvelope(key, blob, { context: 's2:snapshot' })).toThrow(SealError);
    expect(() => openEnvelope(() => undefined, blob, { context: 's1:snapshot' })).toThrow(/"k9"/);
  });
  test('a v1 blob is only read where that store wrote v1', () => {
    expect(() => openEnvelope(OLD.key, hex(OLD.engineV1), { context: 's_fixture:snapshot' })).toThrow(/unknown format/);
  });
});

describe('data written by the previous release still opens', () => {
  test('engine: sealed snapshot and wrapped session key', () => {
    expect(engineOpen(OLD.key, hex(OLD.engineV1), 's_fixture:snapshot').toString()).toBe('Geburtsdatum 1990-05-13');
    const master = { id: OLD.masterId, key: OLD.key };
    expect(unwrapDataKey(master, 's_fixture', OLD.masterId, hex(OLD.engineWrapped)).toString('hex')).toBe(OLD.engineDataKey);
  });
  test('e-mail store', () => {
    const s = emailSealer(OLD.key);
    expect(s.openText(hex(OLD.emailV1))).toBe('erika@example.org');
    expect(s.openText(s.seal('neu@example.org'))).toBe('neu@example.org');
  });
  test('worker action store', () => {
    const s = workerSealer({ activeKeyId: 'w1', keys: { w1: OLD.key } });
    expect(s.open(hex(OLD.workerKeyed))).toBe('{"name":"Erika Mustermann"}');
    expect(s.open(s.seal('x'))).toBe('x');
  });
  test('Temporal payloads', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'k1', keys: { k1: OLD.key } });
    const old = { metadata: { encoding: Buffer.from('binary/encrypted-amtsweg'), 'encryption-key-id': Buffer.from('k1') }, data: hex(OLD.codecData) };
    expect(defaultPayloadConverter.fromPayload((await codec.decode([old]))[0])).toEqual({ name: 'Erika' });
    const [fresh] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Erika' })]);
    expect(Buffer.from(fresh.data!)[0]).toBe(2);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([fresh]))[0])).toEqual({ name: 'Erika' });
  });
});

describe('sealers', () => {
  test('one key, one context: moving a blob to another context fails', () => {
    const a = createSealer(Buffer.alloc(32, 5), { context: 'a' });
    const b = createSealer(Buffer.alloc(32, 5), { context: 'b' });
    expect(() => b.open(a.seal('x'))).toThrow(SealError);
  });
  test('key ring: rotation keeps old blobs readable', () => {
    const k1 = Buffer.alloc(32, 6);
    const old = keyRingSealer({ activeKeyId: 'a', keys: { a: k1 } }).seal('alt');
    const ring = keyRingSealer({ activeKeyId: 'b', keys: { a: k1, b: Buffer.alloc(32, 7) } });
    expect(ring.open(old)).toBe('alt');
    expect(envelopeKeyId(ring.seal('neu'))).toBe('b');
  });
});

describe('key files', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'amtsweg-keys-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  test('created once (base64, 0600), read back; hex and raw files of earlier releases read', () => {
    const file = join(dir, 'k', 'x.key');
    const a = loadOrCreateKeyFile(file);
    expect(a.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(a.key.toString('base64'));
    expect(loadOrCreateKeyFile(file)).toEqual({ key: a.key, created: false });
    writeFileSync(join(dir, 'hex.key'), Buffer.alloc(32, 9).toString('hex'));
    expect(readKeyFile(join(dir, 'hex.key')).equals(Buffer.alloc(32, 9))).toBe(true);
    writeFileSync(join(dir, 'raw.key'), Buffer.alloc(32, 0xfe));
    expect(readKeyFile(join(dir, 'raw.key')).equals(Buffer.alloc(32, 0xfe))).toBe(true);
    writeFileSync(join(dir, 'bad.key'), 'nope');
    expect(() => readKeyFile(join(dir, 'bad.key'))).toThrow(KeyFormatError);
  });
  test('constant-time comparison', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
