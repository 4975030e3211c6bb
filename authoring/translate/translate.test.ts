/**
 * `amtsweg translate` against the loopback OpenAI stand-in: drafts for every missing text, marked
 * unreviewed; verify refuses the draft until a person marks it reviewed; merge writes the texts
 * into the definition, which then loads and speaks the language; a draft that breaks a
 * placeholder is not kept.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalar, isSeq, parseDocument, visit } from 'yaml';
import { loadServiceFile } from '../../catalog';
import { runTranslate } from '../../cli/commands/translate';
import { runVerify } from '../../cli/commands/verify';
import { step } from '../../core/session/step';
import { startFakeOpenAI, userContent, type FakeOpenAI } from '../../llm/testing/fake-openai';
import { missingTexts, parseDraft } from '.';

const DEFS = join(__dirname, '..', '..', 'definitions');
let fake: FakeOpenAI;
let dir: string;
let env: NodeJS.ProcessEnv;

/** The stand-in "translates" by tagging the German text, keeping placeholders — or breaking one on request. */
function translator(breakPath?: string) {
  return (req: { body: { messages?: { role: string; content: string }[] } }) => {
    const items = JSON.parse(userContent(req as never).split('TEXTS:\n')[1]) as { id: string; de: string }[];
    return { json: { translations: items.map((t) => ({ id: t.id, text: breakPath && t.de.includes(breakPath) ? t.de.replace(/\{[^}]*\}/, '{kaputt}') : `[uk] ${t.de}` })) } };
  };
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  env = { OPENAI_BASE_URL: fake.url, AMTSWEG_LLM_MODEL: 'fake-model', OPENAI_API_KEY: 'x', AMTSWEG_LLM_MAX_TOKENS: '4000' };
});
afterAll(async () => { await fake.close(); });
/** The shipped definition without its Ukrainian texts, so there is something to draft. */
function withoutUkrainian(source: string): string {
  const doc = parseDocument(source);
  visit(doc, { Map(_key, node) { if (node.has('de') && node.has('uk')) node.delete('uk'); } });
  const locales = doc.get('locales', true);
  if (isSeq(locales)) locales.items = locales.items.filter((i) => !(isScalar(i) && i.value === 'uk'));
  return doc.toString({ lineWidth: 0 });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-translate-'));
  writeFileSync(join(dir, 'fuehrungszeugnis.yaml'), withoutUkrainian(readFileSync(join(DEFS, 'fuehrungszeugnis.yaml'), 'utf8')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('draft → refused by verify → reviewed → merged → the service speaks Ukrainian', async () => {
  fake.script(translator());
  const def = join(dir, 'fuehrungszeugnis.yaml');
  const before = loadServiceFile(def).service!;
  const missing = missingTexts(before.definition, 'uk');
  expect(missing.length).toBeGreaterThan(3);

  const lines = await runTranslate(def, { to: 'uk' }, env);
  const draftFile = join(dir, 'fuehrungszeugnis.uk.translation.yaml');
  expect(lines[0]).toBe(`drafted ${missing.length} uk text(s) into ${draftFile} (NOT REVIEWED)`);
  const text = readFileSync(draftFile, 'utf8');
  expect(text).toMatch(/^# Draft translations of fuehrungszeugnis into "uk", written by a language model/);
  const draft = parseDraft(text, draftFile);
  expect(draft.reviewed).toBe(false);
  expect(draft.texts.map((t) => t.path)).toEqual(missing.map((m) => m.path));
  expect(draft.drafted_by).toMatch(/^fake-model · prompt translate-texts\.v1 [0-9a-f]{16}$/);
  // Only German (and English) texts left the process, in batches, with the placeholders intact.
  expect(fake.requests.every((r) => userContent(r).startsWith('TARGET: Ukrainian (uk)'))).toBe(true);

  // verify refuses the unreviewed draft (exit 1), naming what to do.
  const out: string[] = [];
  expect(runVerify([dir], { lang: 'en', today: '2026-11-26' }, (s) => out.push(s))).toBe(1);
  expect(out.join('\n')).toMatch(/machine-drafted uk text\(s\) for fuehrungszeugnis are not reviewed/);
  await expect(runTranslate(draftFile, { merge: true }, env)).rejects.toThrow(/Not merged: the draft is not reviewed/);

  // A person reviews (and corrects one text), then merges.
  const reviewed = text.replace('reviewed: false', 'reviewed: true\nreviewed_by: Olena K.').replace(/text: "?\[uk\] ([^\n]*)/, 'text: Замовити довідку про несудимість');
  writeFileSync(draftFile, reviewed);
  const merged = await runTranslate(draftFile, { merge: true }, env);
  expect(merged[0]).toMatch(/^merged \d+ text\(s\) into .*fuehrungszeugnis\.yaml; removed/);
  expect(existsSync(draftFile)).toBe(false);
  const after = loadServiceFile(def).service!;
  expect(after.definition.locales).toContain('uk');
  expect(missingTexts(after.definition, 'uk')).toEqual([]);
  expect(readFileSync(def, 'utf8')).toContain('# yaml-language-server');
  const out2: string[] = [];
  expect(runVerify([dir], { lang: 'en', today: '2026-11-26' }, (s) => out2.push(s))).toBe(0);
  expect(out2.join('\n')).not.toMatch(/has no uk text/);
  // A Ukrainian session now gets no "not in your language" notice.
  const r = step(after, null, { type: 'start', sessionId: 'S', referenceDate: '2026-11-26', locale: 'uk', channel: 'web' }, '2026-11-26T09:00:00.000Z');
  expect(r.messages.map((m) => m.text).join('\n')).not.toMatch(/ще не підготовлена українською/);
});

test('a draft that changes a placeholder is not kept; no LLM configured is a clear error', async () => {
  const def = join(dir, 'fuehrungszeugnis.yaml');
  const withPlaceholder = missingTexts(loadServiceFile(def).service!.definition, 'uk').find((t) => /\{[a-z_.]+\}/.test(t.de));
  expect(withPlaceholder).toBeDefined();
  fake.script(translator(withPlaceholder!.de.slice(0, 20)));
  const lines = await runTranslate(def, { to: 'uk' }, env);
  expect(lines.join('\n')).toContain(`not drafted: ${withPlaceholder!.path}: placeholders changed`);
  const draft = parseDraft(readFileSync(join(dir, 'fuehrungszeugnis.uk.translation.yaml'), 'utf8'), 'x');
  expect(draft.texts.some((t) => t.path === withPlaceholder!.path)).toBe(false);
  expect(draft.not_drafted.map((n) => n.path)).toContain(withPlaceholder!.path);
  await expect(runTranslate(def, { to: 'uk' }, {})).rejects.toThrow(/No LLM configured/);
  await expect(runTranslate(def, { to: 'xx' }, env)).rejects.toThrow(/--to, one of en, tr, ar/);
});
