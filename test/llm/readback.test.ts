/**
 * A model's value for a slot that feeds a fee, a rule outcome or a branch is read back before it
 * counts, in ordinary services too; values the extractors found themselves and slots that decide
 * nothing are not. On the shipped hundesteuer and terminvereinbarung definitions.
 */
import path from 'node:path';
import { loadCatalog } from '../../catalog';
import { runtimeFor } from '../../core/session/runtime';
import { Conversation } from '../../core/session/test-helpers';
import type { CompiledService, Effect, SessionEvent } from '../../core/session/types';

const { services } = loadCatalog(path.join(__dirname, '..', '..', 'definitions'));
const service = (id: string): CompiledService => {
  const s = services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
};

type ActionEffect = Extract<Effect, { kind: 'action' }>;

function start(id: string): Conversation {
  const c = new Conversation(service(id), '2026-11-20');
  c.send({ type: 'start', sessionId: 'R1', referenceDate: c.referenceDate, locale: 'de', channel: 'web', llm: true } as SessionEvent);
  return c;
}

/** Answers the open llm.propose request of the last step with `proposals`. */
function reply(c: Conversation, proposals: unknown[]): string {
  const e = c.last.effects.find((x): x is ActionEffect => x.kind === 'action' && x.name === 'llm.propose');
  if (!e) throw new Error('no llm.propose effect');
  c.send({ type: 'effect.result', effectId: e.id, ok: true, result: { ok: true, proposals, unmapped: [], model: 'm', promptHash: 'h' } });
  return c.text();
}

test('the slots that decide are known statically from the definition', () => {
  expect([...runtimeFor(service('hundesteuer')).deciding].sort()).toEqual(['anzahl_hunde', 'erwerbsdatum', 'gefaehrlich', 'gross']);
  expect([...runtimeFor(service('terminvereinbarung')).deciding].sort()).toEqual(['anliegen', 'standort']);
  expect([...runtimeFor(service('personalausweis')).deciding].sort())
    .toEqual(['anlass', 'direktversand', 'foto', 'geburtsdatum', 'verlust_angezeigt', 'zustimmung_sorgeberechtigte']);
});

describe('hundesteuer', () => {
  // Two bare numbers: the extractors cannot tell which is the count, the model may. ("Zwei, der
  // neue ist 5" no longer serves: "der neue ist 5" is an age to the extractors, core/understand.)
  const MESSAGE = 'Zwei, vielleicht auch 5';

  test('the number of dogs from the model is read back before the fee can count', () => {
    const c = start('hundesteuer');
    c.say(MESSAGE);
    const text = reply(c, [{ slot: 'anzahl_hunde', value: 2, evidence: 'Zwei' }]);
    expect(c.s.slots.anzahl_hunde).toMatchObject({ value: 2, source: 'llm', confirmed: false });
    expect(c.s.pending).toEqual({ kind: 'confirm_slot', slot: 'anzahl_hunde' });
    expect(text).toBe('Ich habe verstanden: Anzahl Hunde im Haushalt: 2. Stimmt das?');
    c.say('ja');
    expect(c.s.slots.anzahl_hunde.confirmed).toBe(true);
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'gefaehrlich' });
  });

  test('a breed the model picked between two the citizen named is read back too: the choice was the model\'s', () => {
    const c = start('hundesteuer');
    c.say('2 Hunde');
    c.say('ja');
    c.say('ein Mischling, Pitbull oder Rottweiler, so genau weiß ich das nicht');
    reply(c, [{ slot: 'rasse', value: 'pitbull_terrier', evidence: 'Pitbull' }]);
    expect(runtimeFor(service('hundesteuer')).deciding.has('rasse')).toBe(false);
    expect(c.s.slots.rasse).toMatchObject({ value: 'pitbull_terrier', source: 'llm', confirmed: false, readBack: true });
    expect(c.s.pending).toEqual({ kind: 'confirm_slot', slot: 'rasse' });
    expect(c.say('ja')).toContain('Seit wann haben Sie den Hund?');
  });

  test('"nein" at the read-back drops the model\'s value and asks the question itself', () => {
    const c = start('hundesteuer');
    c.say(MESSAGE);
    reply(c, [{ slot: 'anzahl_hunde', value: 5, evidence: 'auch 5' }]);
    const text = c.say('nein');
    expect(c.s.slots.anzahl_hunde).toBeUndefined();
    expect(text).toContain('Wie viele Hunde halten Sie insgesamt');
    expect(c.say('3')).not.toContain('Stimmt das?');
    expect(c.s.slots.anzahl_hunde).toMatchObject({ value: 3, source: 'extractor' });
  });

  test('a value the extractors found themselves is not read back', () => {
    const c = start('hundesteuer');
    c.say('2 Hunde');
    expect(c.s.slots.anzahl_hunde).toMatchObject({ value: 2, source: 'extractor' });
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'gefaehrlich' });
  });
});

describe('terminvereinbarung', () => {
  test('the office (reported in the outcome) is read back; "nein" asks for it again', () => {
    const c = start('terminvereinbarung');
    c.say('personalausweis');
    c.say('Buer oder Horst, ab dem 3. Dezember');
    expect(c.s.slots.wunschdatum).toMatchObject({ value: '2026-12-03', source: 'extractor', confirmed: false });
    reply(c, [{ slot: 'standort', value: 'horst', evidence: 'Horst' }]);
    expect(c.s.slots.standort).toMatchObject({ value: 'horst', source: 'llm', confirmed: false });
    expect(c.s.pending).toEqual({ kind: 'confirm_slot', slot: 'standort' });
    expect(c.text()).toBe('Ich habe verstanden: BÜRGERcenter: Horst. Stimmt das?');
    expect(c.say('nein')).toContain('In welchem BÜRGERcenter');
    c.say('Buer');
    expect(c.s.slots.standort).toMatchObject({ value: 'buer', source: 'extractor' });
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'uhrzeit' });
  });
});
