/**
 * An auditor can trust a bundle: every section readers use is recomputed, signatures are checked
 * against a trust list in canonical encodings only, and every one-byte change of a signed bundle
 * fails, named by section and event.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuditError, IntegrityError, explainBundle, exportEmbeddedSession, inspectBundle, parseBundle, renderBundle, replayBundle, sealBundle,
  type AuditBundle,
} from '../../audit';
import { runReplay } from '../../cli/commands/replay';
import { manualClock, openEngine } from '../../host/embedded/engine-helpers.fixture';
import { exampleCases, tempDir, type ExampleCase } from './helpers';

const signer = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const clone = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b)) as AuditBundle;
const reseal = (b: AuditBundle, key = undefined as Parameters<typeof sealBundle>[1]): AuditBundle => { const { integrity: _i, ...c } = b; return sealBundle(c, key); };
const errorOf = (f: () => unknown): Error => { try { f(); } catch (e) { return e as Error; } throw new Error('no error'); };

let dogs: ExampleCase;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  const cases = await exampleCases('hundesteuer', dir);
  dogs = cases.find((c) => c.bundle.outcome?.id === 'steuerfestsetzung' && c.bundle.rules.some((r) => r.rule === 'steuersatz'))!;
}, 60_000);

/** The issue's forgery: 1 dog and 99 €, hashes recomputed, no signature. */
function forgeDogTax(b: AuditBundle, deep: boolean): AuditBundle {
  const f = clone(b);
  const setOutcome = (o: Record<string, unknown> | null) => { if (o?.values) (o.values as Record<string, unknown>).steuersatz = 99; };
  if (f.slots.anzahl_hunde) f.slots.anzahl_hunde.value = 1;
  f.rules.filter((r) => r.rule === 'steuersatz').forEach((r) => { r.result = 99; });
  setOutcome(f.outcome);
  if (deep) {
    // A careful forger edits every copy: the trail entry of the event and the final snapshot too.
    for (const e of f.events) for (const t of e.trail ?? []) if (t.type === 'rule' && t.rule === 'steuersatz') t.result = 99;
    const snap = f.snapshot as { slots: Record<string, { value: unknown }>; values: Record<string, unknown>; outcome: Record<string, unknown> | null };
    if (snap.slots.anzahl_hunde) snap.slots.anzahl_hunde.value = 1;
    snap.values.steuersatz = 99;
    setOutcome(snap.outcome);
  }
  return reseal(f);
}

describe('replay recomputes every section readers use', () => {
  it('a forged unsigned bundle (1 dog, 99 €, hashes recomputed) is refused, naming section and event; explain gives no reasons', () => {
    expect(dogs.bundle.rules.find((r) => r.rule === 'steuersatz')!.result).not.toBe(99);
    const shallow = renderBundle(forgeDogTax(dogs.bundle, false));
    const e = errorOf(() => parseBundle(shallow, 'forged.json'));
    expect(e).toBeInstanceOf(IntegrityError);
    expect(e.message).toMatch(/^forged\.json: rules\[\d+\]\.result \(event \d+\): the section says 99, but the audit trail of the events says \d+/);

    const deep = parseBundle(renderBundle(forgeDogTax(dogs.bundle, true)), 'forged.json');
    const report = replayBundle(deep, 'forged.json');
    expect(report.ok).toBe(false);
    expect(report.difference).toMatchObject({ part: 'trail', recorded: 99 });
    expect(() => explainBundle(deep, 'forged.json')).toThrow(/does not replay \(event \d+, .*\); no reasons are given/);
  });

  it('each derived section is checked: slots, outcome, status, language, reference date, effects, prompts', () => {
    const b = dogs.bundle;
    const edits: [string, (f: AuditBundle) => void, RegExp][] = [
      ['slot value', (f) => { f.slots.anzahl_hunde.value = 3; }, /^x: slots\.anzahl_hunde\.value \(event \d+\): the section says 3, but the final snapshot says/],
      ['outcome text', (f) => { (f.outcome as { text: string }).text = 'Genehmigt.'; }, /^x: outcome\.text \(event \d+\)/],
      ['status', (f) => { f.session.status = 'cancelled'; }, /^x: session\.status \(event \d+\)/],
      ['locale', (f) => { f.session.locale = 'en'; }, /^x: session\.locale/],
      ['reference date', (f) => { f.session.referenceDate = '2020-01-01'; }, /^x: session\.referenceDate/],
      ['effect result', (f) => { const a = f.effects.find((x) => x.kind === 'action')!; a.status = 'failed'; }, /^x: effects\[\d+\]\.status \(event \d+\)/],
      ['prompts', (f) => { f.producer.prompts = ['gpt@forged']; }, /^x: producer\.prompts/],
      ['definition text', (f) => { f.definition.source += '\n# edited'; }, /^x: definition\.source: the definition text does not match its recorded hash/],
    ];
    for (const [name, edit, expected] of edits) {
      const f = clone(b);
      edit(f);
      expect({ name, message: errorOf(() => parseBundle(renderBundle(reseal(f)), 'x')).message }).toEqual({ name, message: expect.stringMatching(expected) });
    }
  });
});

describe('signatures and the trust list', () => {
  let signed: AuditBundle;
  let file: string;
  beforeAll(() => {
    signed = reseal(dogs.bundle, signer.privateKey);
    file = join(dir, 'signed.json');
    writeFileSync(file, renderBundle(signed));
  });

  it('replay says whether a bundle is signed, by a trusted key, and refuses unsigned ones on request', async () => {
    const trust = join(dir, 'trusted.pem');
    writeFileSync(trust, `${other.publicKey.export({ type: 'spki', format: 'pem' })}${signer.publicKey.export({ type: 'spki', format: 'pem' })}`);
    const lines: string[] = [];
    expect(await runReplay([file, dogs.file], { trustedKeys: trust }, (s) => lines.push(s))).toBe(0);
    expect(lines[0]).toMatch(/^OK .*signed\.json: .*same decision .*; signed by trusted key [0-9a-f]{16}$/);
    expect(lines[1]).toMatch(/^OK .*; unsigned \(integrity only: anyone could have written it\)$/);
    const strict: string[] = [];
    expect(await runReplay([dogs.file], { trustedKeys: trust, requireSignature: true }, (s) => strict.push(s))).toBe(1);
    expect(strict.join('\n')).toMatch(/FAIL .*integrity\.signature: the bundle is not signed, but a signature is required/);
    const otherOnly = join(dir, 'other.pem');
    writeFileSync(otherOnly, other.publicKey.export({ type: 'spki', format: 'pem' }));
    const refused: string[] = [];
    expect(await runReplay([file], { trustedKeys: otherOnly }, (s) => refused.push(s))).toBe(1);
    expect(refused.join('\n')).toMatch(/which is not in the trust list/);
    const plain: string[] = [];
    await runReplay([file], {}, (s) => plain.push(s));
    expect(plain[0]).toMatch(/signed by key [0-9a-f]{16} \(no trust list given: origin not established\)/);
  });

  it('a forged key id, and the last base64 character of signature and key, fail', () => {
    const sig = signed.integrity.signature!;
    const forgedId = clone(signed);
    forgedId.integrity.signature!.keyId = '0123456789abcdef';
    expect(errorOf(() => parseBundle(renderBundle(forgedId), 'k.json', { trusted: [signer.publicKey] })).message).toMatch(/integrity\.signature\.keyId: the key id "0123456789abcdef" is not the id of the key in the bundle/);
    // Non-canonical base64: the last character before the padding carries unused bits.
    const lastSig = sig.value.length - 3;
    for (const alt of ['A', 'B', 'Q', 'w']) {
      if (alt === sig.value[lastSig]) continue;
      const f = clone(signed);
      f.integrity.signature!.value = sig.value.slice(0, lastSig) + alt + sig.value.slice(lastSig + 1);
      expect(Buffer.from(f.integrity.signature!.value, 'base64').length).toBe(64);
      expect(() => parseBundle(renderBundle(f), 's.json')).toThrow(/integrity\.signature\.value: /);
    }
    const body = sig.publicKey.split('\n')[1];
    const at = sig.publicKey.indexOf(body) + body.length - 2; // last significant character before '='
    for (const alt of ['A', 'B', 'C', 'D']) {
      if (alt === sig.publicKey[at]) continue;
      const f = clone(signed);
      f.integrity.signature!.publicKey = sig.publicKey.slice(0, at) + alt + sig.publicKey.slice(at + 1);
      expect(() => parseBundle(renderBundle(f), 'p.json')).toThrow(/integrity\.signature\.(publicKey|keyId): /);
    }
  });

  it('a changed slot value, rule result or definition text in a signed bundle names the event, not "content hash"', () => {
    const text = readFileSync(file, 'utf8');
    const slot = signed.events.find((e) => e.type === 'message' && JSON.stringify(e.event).includes('Tierheim')) ?? signed.events[2];
    const msg = JSON.stringify((slot.event as { text: string }).text);
    const edits = [
      text.replace(msg, msg.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a'))),
      text.replace(/"result": (\d+)/, (_m, n: string) => `"result": ${Number(n) + 1}`),
      text.replace('hundesteuer', 'hundesteuef'),
    ];
    for (const t of edits) {
      expect(t).not.toBe(text);
      const m = errorOf(() => parseBundle(t, 'x.json', { trusted: [signer.publicKey] })).message;
      expect(m).toMatch(/^x\.json: (event \d+ |[a-z]+[.[])/);
      expect(m).not.toMatch(/content hash|Run `amtsweg replay`/);
    }
  });
});

/** A class-preserving replacement: a digit for a digit, a letter for a letter, whitespace for whitespace… */
function mutate(b: number): { to: number; cls: string } {
  const c = String.fromCharCode(b);
  if (b >= 0x80) return { to: b ^ 0x01, cls: b >= 0xc0 ? 'utf8-lead' : 'utf8-continuation' };
  if (/[0-9]/.test(c)) return { to: 0x30 + ((b - 0x30 + 1) % 10), cls: 'digit' };
  if (/[a-f]/.test(c)) return { to: b === 0x66 ? 0x61 : b + 1, cls: 'hex-letter' };
  if (/[g-z]/.test(c)) return { to: b === 0x7a ? 0x67 : b + 1, cls: 'letter' };
  if (/[A-Z]/.test(c)) return { to: b === 0x5a ? 0x41 : b + 1, cls: 'upper' };
  if (c === ' ') return { to: 0x09, cls: 'space' };
  if (c === '\n') return { to: 0x20, cls: 'newline' };
  if ('{}[]'.includes(c)) return { to: ({ '{': 0x5b, '}': 0x5d, '[': 0x7b, ']': 0x7d } as Record<string, number>)[c], cls: 'bracket' };
  if (c === '"') return { to: 0x27, cls: 'quote' };
  if (c === ':' || c === ',') return { to: c === ':' ? 0x2c : 0x3a, cls: 'separator' };
  if (c === '\\') return { to: 0x2f, cls: 'escape' };
  if ('+/='.includes(c)) return { to: c === '+' ? 0x2f : c === '/' ? 0x2b : 0x41, cls: 'base64-symbol' };
  return { to: b === 0x2e ? 0x2d : 0x2e, cls: 'punctuation' };
}

describe('mutation run', () => {
  it('every one-byte change anywhere in a signed bundle fails (0 survivors), bounded by one short case', async () => {
    const dataDir = tempDir();
    const clock = manualClock('2026-11-20T09:00:00.000Z');
    const engine = await openEngine(dataDir, { now: clock.now });
    // A short case keeps the run bounded: start, a message filling a slot, a handoff; every section is present.
    const s = await engine.createSession({ service: 'termin_test' });
    await engine.sendMessage(s.id, 'Personalausweis');
    await engine.requestHandoff(s.id, 'citizen_request');
    await engine.close();
    const bundle = exportEmbeddedSession(dataDir, s.id, { exportedAt: clock.iso(), sign: signer.privateKey });
    const original = Buffer.from(renderBundle(bundle), 'utf8');
    expect(inspectBundle(original.toString('utf8'), 'm.json', { trusted: [signer.publicKey] }).signature).toMatchObject({ state: 'signed', trusted: true });
    expect(original.length).toBeLessThan(15_000);
    expect(bundle.effects.length + Object.keys(bundle.slots).length).toBeGreaterThan(1);

    const classes = new Map<string, number>();
    const survivors: string[] = [];
    const started = Date.now();
    for (let i = 0; i < original.length; i++) {
      const { to, cls } = mutate(original[i]);
      classes.set(cls, (classes.get(cls) ?? 0) + 1);
      const altered = Buffer.from(original);
      altered[i] = to;
      try {
        const read = parseBundle(altered.toString('utf8'), 'm.json', { trusted: [signer.publicKey] });
        if (replayBundle(read, 'm.json').ok) survivors.push(`${i} (${cls}): ${JSON.stringify(original.subarray(Math.max(0, i - 20), i + 20).toString('utf8'))}`);
      } catch (e) {
        if (!(e instanceof AuditError)) throw e;
      }
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`mutation run: ${original.length} positions, ${[...classes].map(([k, v]) => `${k} ${v}`).join(', ')}; ${survivors.length} survivors; ${seconds.toFixed(1)} s\n`);
    expect(survivors).toEqual([]);
    for (const cls of ['digit', 'hex-letter', 'letter', 'upper', 'space', 'newline', 'bracket', 'quote', 'separator', 'base64-symbol', 'punctuation', 'utf8-lead', 'utf8-continuation']) {
      expect({ cls, n: (classes.get(cls) ?? 0) > 0 }).toEqual({ cls, n: true });
    }
  }, 120_000);
});
