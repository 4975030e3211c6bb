/**
 * Export, integrity and replay of real cases: the example services run on the embedded engine
 * (real SQLite), every case is exported, replayed and explained; tampered copies fail.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuditBundle as BundleSchema, BundleError, IntegrityError, auditBundleJsonSchemaText, canonicalJson, explainBundle, parseBundle,
  readBundle, renderBundle, replayBundle, sealBundle, sha256Hex, type AuditBundle,
} from '../../audit';
import { ROOT, exampleCases, tempDir, type ExampleCase } from './helpers';

const SERVICES = ['personalausweis', 'hundesteuer', 'terminvereinbarung', 'fuehrungszeugnis', 'wohnsitz-anmeldung', 'untersuchungsberechtigungsschein'];
let out: string;
const cases: Record<string, ExampleCase[]> = {};

beforeAll(async () => {
  out = tempDir();
  for (const s of SERVICES) cases[s] = await exampleCases(s, out);
}, 120_000);

const all = (): ExampleCase[] => Object.values(cases).flat();
const clone = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b)) as AuditBundle;
const resealed = (b: AuditBundle): AuditBundle => { const { integrity: _i, ...content } = b; return sealBundle(content); };

describe('export → replay → explain on the example services', () => {
  it('every scenario case is exported, read back and replayed with the same decision', () => {
    expect(all().length).toBeGreaterThanOrEqual(20);
    for (const c of all()) {
      expect(c.passed).toBe(true);
      const bundle = readBundle(c.file);
      const report = replayBundle(bundle, c.file);
      expect({ name: c.name, ok: report.ok, diff: report.difference }).toEqual({ name: c.name, ok: true, diff: undefined });
      expect(report.outcome).toBe((bundle.outcome?.id as string | undefined) ?? null);
    }
  });

  it('a bundle holds definition, events, slots with evidence, rules with legal basis, effects and outcome', () => {
    const c = cases.personalausweis[0];
    const b = c.bundle;
    expect(b.definition.source).toBe(readFileSync(join(ROOT, 'definitions', 'personalausweis.yaml'), 'utf8'));
    expect(b.definition.hash).toBe(sha256Hex(b.definition.source));
    expect(b.session.referenceDate).toBe('2026-03-02');
    expect(b.slots.geburtsdatum).toMatchObject({ value: '1990-05-13', evidence: '13.05.1990', source: 'extractor', confirmed: true });
    expect(b.rules.find((r) => r.rule === 'gebuehr')).toMatchObject({ row: 'ab_24', version: '2026-02-07', result: 46, legal_basis: ['§ 1 Abs. 1 PAuswGebV'], inputs: { alter: 35 } });
    expect(b.effects.find((e) => e.name === 'calendar.book')).toMatchObject({ status: 'done', input: { location: 'hans_sachs_haus', date: '2026-03-10' } });
    expect(b.outcome).toMatchObject({ id: 'termin_gebucht', kind: 'information', automated: true });
    expect(b.chain.length).toBe(b.events.length);
    expect(BundleSchema.safeParse(b).success).toBe(true);
  });

  it('the committed JSON Schema is the one generated from the format', () => {
    expect(readFileSync(join(ROOT, 'schema', 'audit-bundle.schema.json'), 'utf8')).toBe(auditBundleJsonSchemaText());
  });

  it('explain gives the reasons in German and English, Markdown and HTML', () => {
    const c = cases.personalausweis[0];
    const de = explainBundle(c.bundle, c.file, { lang: 'de', format: 'md' });
    expect(de).toContain('# Begründung: Personalausweis beantragen');
    expect(de).toMatch(/\| Geburtsdatum \| 13\. Mai 1990 \| .*„13\.05\.1990“.* \| ja, von Ihnen bestätigt \|/);
    expect(de).toContain('Nach § 1 Abs. 1 PAuswGebV beträgt „Ausweisgebühr“ 46,00 € (Fassung ab 7. Februar 2026)');
    const en = explainBundle(c.bundle, c.file, { lang: 'en', format: 'html' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<th scope="col">Source</th>');
    expect(en).not.toMatch(/<script/i);
    const handoff = all().find((x) => x.bundle.session.status === 'handoff' && x.bundle.outcome);
    expect(handoff).toBeDefined();
    const reasons = explainBundle(handoff!.bundle, handoff!.file, { lang: 'de' });
    expect(reasons).toContain('Die Entscheidung trifft eine Sachbearbeiterin oder ein Sachbearbeiter; sie wird nicht vollständig automatisiert erlassen (§ 35a VwVfG).');
  });
});

describe('tamper evidence', () => {
  let text: string;
  let c: ExampleCase;
  beforeAll(() => {
    c = cases.personalausweis[0];
    text = readFileSync(c.file, 'utf8');
  });

  it('any single changed byte is detected', () => {
    // Every 97th byte, changed to another character: nothing may pass unnoticed.
    let checked = 0;
    for (let i = 0; i < text.length; i += 97) {
      const ch = text[i] === 'a' ? 'b' : text[i] === ' ' ? '\t' : 'a';
      const altered = text.slice(0, i) + ch + text.slice(i + 1);
      expect(() => parseBundle(altered, 'altered.json')).toThrow(BundleError);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a changed citizen message is named by its event', () => {
    const b = clone(c.bundle);
    (b.events[2].event as { text: string }).text = '13.05.1991';
    try {
      parseBundle(renderBundle(b), 'x.json');
      throw new Error('not detected');
    } catch (e) {
      expect(e).toBeInstanceOf(IntegrityError);
      expect((e as IntegrityError).seq).toBe(3);
      expect((e as Error).message).toContain('event 3 (message at');
      expect((e as Error).message).toContain('the event content does not match its digest');
    }
  });

  it('a removed event breaks the chain at the next one', () => {
    const b = clone(c.bundle);
    b.events.splice(4, 1);
    expect(() => parseBundle(renderBundle(resealed(b)), 'x.json')).toThrow(/event 6 \(.*\): expected event 5 here/);
  });

  it('a recomputed content hash does not hide a changed rule: replay names the event and both sides', () => {
    const b = clone(c.bundle);
    const ev = b.events.find((e) => (e.trail ?? []).some((t) => t.type === 'rule' && t.rule === 'gebuehr'))!;
    const rule = ev.trail!.find((t) => t.type === 'rule' && t.rule === 'gebuehr')!;
    rule.result = 22.8;
    // The forger keeps the copies readers use consistent: the rules section too.
    b.rules.find((r) => r.rule === 'gebuehr' && r.seq === ev.seq)!.result = 22.8;
    const sealed = resealed(b);
    const read = parseBundle(renderBundle(sealed), 'forged.json');
    const report = replayBundle(read, 'forged.json');
    expect(report.ok).toBe(false);
    expect(report.difference).toMatchObject({ seq: ev.seq, part: 'trail', recorded: 22.8, replayed: 46 });
    expect(report.difference!.path).toMatch(/^trail\[\d+\]\.result$/);
  });

  it('a truncated bundle, a newer format and foreign JSON are clear errors', () => {
    expect(() => parseBundle(text.slice(0, Math.floor(text.length / 2)), 't.json')).toThrow(/t\.json: the file ends in the middle of the JSON .*truncated/);
    const newer = JSON.parse(text) as Record<string, unknown>;
    newer.formatVersion = 3;
    expect(() => parseBundle(JSON.stringify(newer), 'n.json')).toThrow(/format version 3, but this amtsweg reads version 2 .*Update amtsweg/);
    expect(() => parseBundle('{"events": []}', 'f.json')).toThrow(/not an amtsweg audit bundle/);
    expect(() => parseBundle('', 'e.json')).toThrow(/empty/);
  });

  it('a definition that does not match its hash is refused', () => {
    const b = clone(c.bundle);
    b.definition.source = b.definition.source.replace('then: 46.00', 'then: 50.00');
    expect(() => replayBundle(parseBundle(renderBundle(resealed(b)), 'd.json'), 'd.json')).toThrow(/definition text does not match its recorded hash/);
  });

  it('Ed25519: a signed bundle verifies with its key, fails with another key or after a change', () => {
    const dir = tempDir();
    const signer = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const { integrity: _i, ...content } = c.bundle;
    const signed = sealBundle(content, signer.privateKey);
    expect(signed.integrity.signature?.algorithm).toBe('ed25519');
    const file = join(dir, 'signed.json');
    writeFileSync(file, renderBundle(signed));
    expect(readBundle(file, { publicKey: signer.publicKey }).session.id).toBe(c.sessionId);
    expect(() => readBundle(file, { publicKey: other.publicKey })).toThrow(/integrity\.signature: the bundle was signed with key [0-9a-f]{16}, which is not in the trust list/);
    expect(() => parseBundle(text, 'unsigned.json', { publicKey: signer.publicKey })).toThrow(/not signed/);
    // Forger changes a value and recomputes the content hash but cannot sign.
    const forged = clone(signed);
    forged.exportedAt = '2027-01-01T00:00:00.000Z';
    expect(() => parseBundle(renderBundle(forged), 'forged.json')).toThrow(/exportedAt: the section no longer matches its recorded hash/);
    const { integrity: _s, ...forgedContent } = forged;
    const resigned = { ...sealBundle(forgedContent), integrity: { ...sealBundle(forgedContent).integrity, signature: signed.integrity.signature } };
    expect(resigned.integrity.contentHash).toBe(sha256Hex(canonicalJson(forgedContent)));
    expect(() => parseBundle(renderBundle(resigned), 'forged.json')).toThrow(/integrity\.signature\.value: the Ed25519 signature does not match the content hash/);
  });
});
