/**
 * The Begründung (§ 39 VwVfG) of real cases: facts with source and confirmation, reasons as
 * sentences citing the norms, result and next steps in the reader's language, no internal ids,
 * no raw JSON, only facts the decision used, both formats escaped; screenshots in Chromium.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { escapeMarkdown, explainBundle, explainDocument, toHtml, toMarkdown, type Doc } from '../../audit';
import { launchChromium } from '../e2e/browser';
import { DEFINITIONS, ROOT, exampleCases, seeded, tempDir, type ExampleCase } from './helpers';

const SERVICES = ['personalausweis', 'hundesteuer', 'fuehrungszeugnis', 'wohnsitz-anmeldung', 'untersuchungsberechtigungsschein', 'terminvereinbarung'];
const cases: Record<string, ExampleCase[]> = {};
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  for (const s of SERVICES) cases[s] = await exampleCases(s, dir);
}, 180_000);

const section = (doc: Doc, heading: string) => doc.sections.find((s) => s.heading === heading)!;
const textOf = (doc: Doc): string => JSON.stringify(doc.sections.slice(0, -1)); // without the hashes of the proof section
const byName = (service: string, name: RegExp) => cases[service].find((c) => name.test(c.name))!;

describe('explain: a Begründung per § 39 VwVfG', () => {
  it('personalausweis in German: result, facts with source and confirmation, reasons citing § and Absatz, next steps', () => {
    const c = cases.personalausweis[0];
    const doc = explainDocument(c.bundle, c.file, 'de');
    expect(doc.sections.map((s) => s.heading)).toEqual(['Entscheidung', 'Sachverhalt', 'Gründe', 'Was Sie jetzt tun können', 'Nachweis der Unversehrtheit']);
    expect(doc.meta).toContainEqual(['Stichtag der Regeln', '2. März 2026']);
    const result = section(doc, 'Entscheidung');
    expect(result.paragraphs[0]).toMatchObject({ lead: 'Auskunft.', text: expect.stringContaining('Ihr Termin: 10. März 2026') });
    expect(result.list).toContainEqual(expect.stringMatching(/^Termin: 10\. März 2026 um 08:00–08:20 Uhr, Hans-Sachs-Haus, Buchungsnummer GE-[A-Z0-9]+$/));
    expect(result.list).toContain('Ausweisgebühr: 46,00 €');
    const facts = section(doc, 'Sachverhalt').table!;
    expect(facts.rows).toContainEqual(['Geburtsdatum', '13. Mai 1990', 'Ihre Angabe in Nachricht 2: „13.05.1990“, regelbasiert erkannt', 'ja, von Ihnen bestätigt']);
    const reasons = section(doc, 'Gründe').paragraphs.map((p) => p.text);
    expect(reasons).toContain('Nach § 1 Abs. 1 PAuswGebV beträgt „Ausweisgebühr“ 46,00 € (Fassung ab 7. Februar 2026), weil „Alter am Stichtag“ mindestens 24 ist (hier: 35).');
    expect(reasons).toContain('Nach § 6 Abs. 1, 3 PAuswG beträgt „Gültigkeitsdauer (Jahre)“ 10, weil „Alter am Stichtag“ mindestens 24 ist (hier: 35).');
    expect(reasons).toContain('Geprüft wurde, ob „Alter am Stichtag“ < 16: Das trifft nicht zu (hier: „Alter am Stichtag“ = 35).');
    expect(section(doc, 'Was Sie jetzt tun können').paragraphs[0].text).toMatch(/kein Verwaltungsakt/);
  });

  it('the English version takes every text from the definition in English, the result included', () => {
    const c = cases.personalausweis[0];
    const doc = explainDocument(c.bundle, c.file, 'en');
    const result = section(doc, 'Decision');
    expect(result.paragraphs[0].text).toMatch(/^Your appointment: 10 March 2026/);
    expect(textOf(doc)).not.toMatch(/Ihr Termin|Ausweisgebühr|beträgt|Stichtag|Termin:/);
    expect(result.list).toContainEqual(expect.stringMatching(/^Appointment: 10 March 2026 at 08:00–08:20, Hans-Sachs-Haus, booking number GE-/));
    expect(section(doc, 'Reasons').paragraphs.map((p) => p.text)).toContain('Under § 1 Abs. 1 PAuswGebV, “ID card fee” is €46.00 (version in force from 7 February 2026), because “Age on the reference date” is at least 24 (here: 35).');
  });

  it('no internal ids, no raw JSON, in any case, in either language', () => {
    let checked = 0;
    for (const c of Object.values(cases).flat()) {
      for (const lang of ['de', 'en'] as const) {
        const doc = explainDocument(c.bundle, c.file, lang);
        const text = textOf(doc);
        const ids = [...text.matchAll(/\b[a-z]+_[a-z0-9_]+\b/g)].map((m) => m[0]);
        expect({ case: c.name, lang, ids }).toEqual({ case: c.name, lang, ids: [] });
        expect({ case: c.name, lang, leak: /Gueltigkeit jahre|Check s\d|automation_not|extract\.|\bif:|\\"[a-z]+\\":|[{][\\]"/.test(text) }).toEqual({ case: c.name, lang, leak: false });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(50);
  });

  it('only facts the decision used: the dog-tax e-mail address and name are not facts; the handoff reads as a sentence', () => {
    const c = cases.hundesteuer.find((x) => x.bundle.outcome?.id === 'steuerfestsetzung')!;
    expect(c.bundle.slots.email?.value).toBeTruthy();
    const doc = explainDocument(c.bundle, c.file, 'de');
    const facts = section(doc, 'Sachverhalt').table!.rows.map((r) => r[0]);
    expect(facts).toContain('Anzahl Hunde im Haushalt');
    expect(facts).not.toContain('E-Mail');
    expect(facts).not.toContain('Name');
    expect(JSON.stringify(doc)).not.toContain(String(c.bundle.slots.email.value));
    expect(section(doc, 'Entscheidung').paragraphs.map((p) => p.text)).toContain('§§ 1, 2 Hundesteuersatzung Gelsenkirchen, § 3 Abs. 1 KAG NRW und § 12 Abs. 1 Nr. 4 lit. b KAG NRW i. V. m. § 155 Abs. 1 AO');
    expect(section(doc, 'Verlauf').paragraphs[0].text).toBe('Keine Rechtsvorschrift lässt den vollständig automatisierten Erlass zu (§ 35a VwVfG); deshalb entscheidet ein Mensch.');
  });

  it('every outcome of the example definitions cites a § or an Article', () => {
    for (const f of readdirSync(DEFINITIONS).filter((x) => x.endsWith('.yaml') && !x.includes('.scenarios.'))) {
      const def = parse(readFileSync(join(DEFINITIONS, f), 'utf8')) as { outcomes?: Record<string, { legal_basis?: (string | { ref: string })[] }> };
      for (const [id, o] of Object.entries(def.outcomes ?? {})) {
        for (const b of o.legal_basis ?? []) expect({ f, id, cites: /§|Art\.|Nr\. \d+ KV/.test(typeof b === 'string' ? b : b.ref) }).toEqual({ f, id, cites: true });
      }
    }
  });

  it('a refusal carries its Rechtsbehelfsbelehrung in the reader\'s language', async () => {
    const defs = join(dir, 'refusal');
    mkdirSync(defs, { recursive: true });
    writeFileSync(join(defs, 'fuehrungszeugnis.yaml'), seeded('fuehrungszeugnis', `  zu_jung:
    kind: information
    legal_basis: [ "§ 30 Abs. 1 BZRG" ]`, `  zu_jung:
    kind: refusal
    legal_basis: ["§ 30 Abs. 1 BZRG"]
    automation_permitted_by: "§ 30 Abs. 1 BZRG"
    rechtsbehelfsbelehrung:
      de: Gegen diesen Bescheid können Sie innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht Gelsenkirchen erheben.
      en: You may bring an action against this decision before the Administrative Court of Gelsenkirchen within one month of notification.`));
    copyFileSync(join(DEFINITIONS, 'fuehrungszeugnis.scenarios.yaml'), join(defs, 'fuehrungszeugnis.scenarios.yaml'));
    const young = (await exampleCases('fuehrungszeugnis', dir, defs)).find((x) => x.name === 'Zu jung')!;
    expect(young.bundle.outcome).toMatchObject({ id: 'zu_jung', kind: 'refusal', automated: true });
    const de = explainDocument(young.bundle, young.file, 'de');
    const next = de.sections.find((s) => s.heading.startsWith('Was Sie jetzt tun können'))!;
    expect(next.heading).toBe('Was Sie jetzt tun können: Rechtsbehelfsbelehrung');
    expect(next.paragraphs[0].text).toMatch(/^Gegen diesen Bescheid können Sie innerhalb eines Monats/);
    expect(section(de, 'Entscheidung').paragraphs[0].lead).toBe('Ablehnung (Verwaltungsakt).');
    const en = explainDocument(young.bundle, young.file, 'en');
    expect(en.sections.find((s) => s.heading.startsWith('What you can do next'))!.paragraphs[0].text).toMatch(/^You may bring an action/);
  }, 60_000);

  it('Markdown and HTML escape citizen text: no markup, link, table cell or tag gets through', () => {
    const evil = '<img src=x onerror=alert(1)> **fett** [klick](javascript:alert(1)) | Zelle & `code`';
    const doc: Doc = {
      title: 'T', lang: 'de', meta: [['Vorgang', evil]],
      sections: [{ heading: '# Kopf', paragraphs: [{ lead: '**x**', text: evil }, { text: '- kein Listenpunkt' }], list: [evil], table: { head: ['A'], rows: [[evil]] } }],
    };
    const md = toMarkdown(doc);
    expect(md).not.toMatch(/<img|\*\*fett\*\*|\[klick\]\(|[^\\]\| Zelle|`code`/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\*\\*fett\\*\\* \\[klick\\](javascript:alert(1)) \\| Zelle &amp; \\`code\\`');
    expect(escapeMarkdown('- kein Listenpunkt')).toBe('\\- kein Listenpunkt');
    const html = toHtml(doc);
    expect(html).not.toMatch(/<img|<strong>fett/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; **fett**');
  });

  it('the HTML in German and English, rendered by Chromium (screenshots in test-output/)', async () => {
    const out = join(ROOT, 'test-output');
    mkdirSync(out, { recursive: true });
    const c = byName('personalausweis', /Erwachsene|neue Gebühr/) ?? cases.personalausweis[0];
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      for (const lang of ['de', 'en'] as const) {
        const html = explainBundle(c.bundle, c.file, { lang, format: 'html' });
        const file = join(out, `begruendung-${lang}.html`);
        writeFileSync(file, html);
        await page.goto(`file://${file}`);
        const headings = await page.locator('h2').allTextContents();
        expect(headings[0]).toBe(lang === 'de' ? '1. Entscheidung' : '1. Decision');
        expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(3);
        expect(await page.locator('body').innerText()).toContain(lang === 'de' ? 'Nach § 1 Abs. 1 PAuswGebV' : 'Under § 1 Abs. 1 PAuswGebV');
        await page.screenshot({ path: join(out, `begruendung-${lang}.png`), fullPage: true });
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
