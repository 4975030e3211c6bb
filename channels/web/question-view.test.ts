/**
 * The pending question as data (what the web chat turns into buttons, pickers and checkboxes),
 * over the real appointment definition, and the notice for a language a service lacks.
 */
import { pendingQuestion, progressOf } from '../../core/session/question';
import { step } from '../../core/session/step';
import type { CompiledService, SessionSnapshot } from '../../core/session/types';
import { loadDefinition } from '../../test/e2e/harness';
import { loadServiceSource } from '../../catalog';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, visit } from 'yaml';

const termin = loadDefinition('terminvereinbarung');

function drive(compiled: CompiledService, locale: 'tr' | 'ar' | 'uk' | 'de', answers: string[]): SessionSnapshot {
  let r = step(compiled, null, { type: 'start', sessionId: 'S1', referenceDate: '2026-11-26', locale, channel: 'web' }, '2026-11-26T09:00:00.000Z');
  for (const [i, text] of answers.entries()) r = step(compiled, r.snapshot, { type: 'message', text }, `2026-11-26T09:0${i + 1}:00.000Z`);
  return r.snapshot;
}

test('an enum question offers every value, each answer reading back as exactly that value', () => {
  const s = drive(termin, 'tr', []);
  const q = pendingQuestion(termin, s);
  expect(q).toMatchObject({ kind: 'slot', slot: 'anliegen', type: 'enum', label: 'Konu' });
  expect(q?.options?.map((o) => o.id)).toEqual(Object.keys(termin.definition.slots.anliegen.values ?? {}));
  expect(q?.options?.find((o) => o.id === 'personalausweis')).toEqual({ id: 'personalausweis', label: 'Kimlik kartı', answer: 'Kimlik kartı' });
  // Every button's text, sent as a message, fills the slot with its own value.
  for (const o of q?.options ?? []) expect(drive(termin, 'tr', [o.answer]).slots.anliegen?.value).toBe(o.id);
});

test('an Arabic button sends the Arabic label, and the label (typed too) is that value', () => {
  const q = pendingQuestion(termin, drive(termin, 'ar', []));
  const passport = q?.options?.find((o) => o.id === 'reisepass');
  expect(passport).toEqual({ id: 'reisepass', label: 'جواز السفر', answer: 'جواز السفر' });
  for (const o of q?.options ?? []) {
    expect(o.answer).toBe(o.label);
    expect(drive(termin, 'ar', [o.answer]).slots.anliegen?.value).toBe(o.id);
  }
  // Typed with a final stop and harakat, still exactly that label.
  expect(drive(termin, 'ar', ['جَوَاز السفر.']).slots.anliegen?.value).toBe('reisepass');
});

test('date and optional time questions, read-backs with yes/no in the citizen language, progress', () => {
  let s = drive(termin, 'tr', ['Kimlik kartı', 'Buer']);
  expect(pendingQuestion(termin, s)).toMatchObject({ kind: 'slot', slot: 'wunschdatum', type: 'date' });
  expect(progressOf(termin, s)).toEqual({ answered: 2, total: 5 });
  s = drive(termin, 'tr', ['Kimlik kartı', 'Buer', '15.12.2026']);
  expect(pendingQuestion(termin, s)).toMatchObject({ slot: 'uhrzeit', type: 'time', skip: 'Atla' });
  s = drive(termin, 'tr', ['Kimlik kartı', 'Buer', '15.12.2026', 'Atla', 'Ayşe Yılmaz', 'ayse@example.org']);
  const q = pendingQuestion(termin, s);
  expect(q).toMatchObject({ kind: 'confirm', slot: 'email', type: 'yes_no' });
  expect(q?.options?.map((o) => o.answer)).toEqual(['Evet', 'Hayır']);
  s = drive(termin, 'tr', ['Kimlik kartı', 'Buer', '15.12.2026', 'Atla', 'Ayşe Yılmaz', 'ayse@example.org', 'Evet']);
  expect(pendingQuestion(termin, s)).toMatchObject({ kind: 'confirm', type: 'yes_no' });
  expect(s.pending).toEqual({ kind: 'confirm_summary', step: expect.any(String) });
});

test('a service without the citizen language says so in that language and names the way to a person', () => {
  // The appointment service without its Ukrainian texts (and without uk in its locales).
  const doc = parseDocument(readFileSync(join(__dirname, '..', '..', 'definitions', 'terminvereinbarung.yaml'), 'utf8'));
  visit(doc, { Map(_key, node) { if (node.has('de') && node.has('uk')) node.delete('uk'); } });
  doc.set('locales', ['de', 'en']);
  const noUk = loadServiceSource(doc.toString(), 'terminvereinbarung.yaml').service!;
  const r = step(noUk, null, { type: 'start', sessionId: 'S1', referenceDate: '2026-11-26', locale: 'uk', channel: 'web' }, '2026-11-26T09:00:00.000Z');
  const text = r.messages.map((m) => m.text).join('\n');
  expect(text).toContain('Ця послуга ще не підготовлена українською');
  expect(text).toContain('«працівник»');
  // … and "працівник" is understood: the case goes to a person.
  const after = step(noUk, r.snapshot, { type: 'message', text: 'працівник' }, '2026-11-26T09:01:00.000Z');
  expect(after.snapshot.status).toBe('handoff');
});

test('a many-valued enum is offered as checkboxes whose joined answers fill the list', () => {
  const { service, problems } = loadServiceSource(`
service: mehrfach
version: "1"
title: Dokumente abholen
privacy: { purpose: Abholung, basis: Art. 6 Abs. 1 lit. e DSGVO, retention: P30D }
slots:
  dokumente:
    type: enum
    many: true
    ask: { de: Welche Dokumente holen Sie ab?, tr: Hangi belgeleri alacaksınız? }
    values:
      ausweis: { label: { de: Personalausweis, tr: Kimlik kartı } }
      pass: { label: { de: Reisepass, tr: Pasaport } }
      fuehrerschein: { label: { de: Führerschein, tr: Ehliyet } }
flow:
  - collect: [dokumente]
  - outcome: ok
outcomes:
  ok: { kind: information, say: "Notiert: {dokumente}." }
`, 'mehrfach.yaml');
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const s = drive(service!, 'de', []);
  const q = pendingQuestion(service!, s);
  expect(q).toMatchObject({ kind: 'slot', slot: 'dokumente', type: 'enum', many: true });
  const answers = q!.options!.filter((o) => o.id !== 'fuehrerschein').map((o) => o.answer);
  // The web chat sends the checked options joined with ", ".
  const after = drive(service!, 'de', [answers.join(', ')]);
  expect(after.slots.dokumente?.value).toEqual(['ausweis', 'pass']);
});
