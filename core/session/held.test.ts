import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileService } from '../compiler';
import { loadDefinition } from '../definition';
import { AUSWEIS, compiledAusweis } from './fixtures';
import { step } from './step';
import { Conversation } from './test-helpers';
import type { CompiledService, SessionEvent, SessionSnapshot } from './types';

const FIRST = 'Ich möchte einen neuen Ausweis, geboren am 13.05.1990, meine PLZ ist 45879';

function example(name: string): CompiledService {
  const file = join(__dirname, '..', '..', 'definitions', `${name}.yaml`);
  const source = readFileSync(file, 'utf8');
  const { definition } = loadDefinition(source, file);
  if (!definition) throw new Error(`${name} does not load`);
  return compileService(definition, { source, hash: `example-${name}` });
}

describe('facts of a first message for later steps', () => {
  it('are held, applied when their step comes, never asked, and the trail says where they came from', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say(FIRST);
    expect(c.value('plz')).toBeUndefined();
    expect(c.s.progress?.held).toEqual({ plz: { value: '45879', evidence: '45879', by: 'extract.postcode', turn: 1 } });
    expect(c.last.trail).toContainEqual({ type: 'slot.held', slot: 'plz', value: '45879', evidence: '45879', by: 'extract.postcode' });
    c.say('ja'); // the birth date read back
    const text = c.say('überspringen'); // e-mail; the flow reaches the postcode step
    expect(text).toContain('Aus Ihrer ersten Nachricht habe ich übernommen: Plz: 45879.');
    expect(text).not.toContain('Wie lautet Ihre Postleitzahl?');
    expect(c.s.pending).toEqual({ kind: 'confirm_summary', step: 'pruefen' });
    expect(c.s.slots.plz).toMatchObject({ value: '45879', evidence: '45879', heldFrom: 1, source: 'extractor' });
    expect(c.last.trail).toContainEqual({ type: 'slot.filled', slot: 'plz', value: '45879', source: 'extractor', evidence: '45879', by: 'extract.postcode', heldFrom: 1 });
    expect(c.s.progress?.held).toBeUndefined();
  });

  it('only from the first message: a later message fills the step it answers', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neuer Ausweis');
    c.say('13.05.1990, meine PLZ ist 45879');
    expect(c.s.progress?.held).toBeUndefined();
  });

  it('are not kept when another slot could take the same words', () => {
    const twoCodes = compiledAusweis({
      slots: { ...AUSWEIS.slots, plz2: { type: 'postcode', ask: { de: 'Postleitzahl der neuen Wohnung?' } } },
      flow: AUSWEIS.flow.map((s) => (JSON.stringify(s) === JSON.stringify({ collect: ['plz'] }) ? { collect: ['plz', 'plz2'] } : s)),
    }, 'two-codes');
    const c = new Conversation(twoCodes);
    c.start();
    c.say(FIRST);
    expect(c.s.progress?.held).toBeUndefined();
  });

  it('are checked when their step comes: a value its rule refuses is dropped and asked', () => {
    const local = compiledAusweis({
      slots: { ...AUSWEIS.slots, plz: { ...AUSWEIS.slots.plz, valid: 'starts with(plz, "45")' } },
    }, 'local-plz');
    const c = new Conversation(local);
    c.start();
    c.say('Ich möchte einen neuen Ausweis, geboren am 13.05.1990, meine PLZ ist 10115');
    expect(c.s.progress?.held?.plz).toMatchObject({ value: '10115' });
    c.say('ja');
    const text = c.say('überspringen');
    expect(text).toContain('Wie lautet Ihre Postleitzahl?');
    expect(c.value('plz')).toBeUndefined();
    expect(c.last.trail).toContainEqual(expect.objectContaining({ type: 'slot.rejected', slot: 'plz', evidence: '10115' }));
  });

  it('give the same snapshot when the events are stepped again (replay)', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    const events: { event: SessionEvent; now: string }[] = [];
    for (const text of [FIRST, 'ja', 'überspringen', 'ja']) {
      events.push({ event: { type: 'message', text }, now: c.now() });
      c.send({ type: 'message', text });
    }
    let again: SessionSnapshot | null = null;
    again = step(c.compiled, again, { type: 'start', sessionId: 'S1', referenceDate: c.referenceDate, locale: 'de', channel: 'web' }, '2026-03-01T09:00:00.000Z').snapshot;
    for (const e of events) again = step(c.compiled, again, e.event, e.now).snapshot;
    expect(again).toEqual(c.s);
    expect(c.s.pending).toMatchObject({ kind: 'effect' });
  });

  it('on the example services: place and date for the appointment, the postcode, the e-mail address', () => {
    const ausweis = new Conversation(example('personalausweis'), '2026-11-20');
    ausweis.start();
    ausweis.say('Ich brauche einen neuen Personalausweis, der alte ist abgelaufen. Geboren bin ich am 13.05.1990. Termin gern in Buer am 3.12.');
    for (const answer of ['ja', 'im Bürgerbüro']) ausweis.say(answer);
    const summary = ausweis.say('nein');
    expect(summary).toContain('Aus Ihrer ersten Nachricht habe ich übernommen: BÜRGERcenter: Buer, Termin ab: 3. Dezember 2026.');
    expect(ausweis.s.pending).toMatchObject({ kind: 'confirm_summary' });

    const umzug = new Conversation(example('wohnsitz-anmeldung'), '2026-11-20');
    umzug.start();
    umzug.say('Ich bin am 1. November nach Gelsenkirchen gezogen, PLZ 45879');
    expect(umzug.s.progress?.held).toEqual({ plz: { value: '45879', evidence: '45879', by: 'extract.postcode', turn: 1 } });

    const hund = new Conversation(example('hundesteuer'), '2026-11-20');
    hund.start();
    hund.say('Ich will meinen Hund anmelden, ein Labrador, 3 Jahre alt, seit 1. Oktober bei mir, Mail: a.b@example.org');
    expect(hund.value('hund_alter')).toBe(3);
    expect(hund.value('erwerbsdatum')).toBe('2026-10-01');
    const asked: string[] = [];
    for (const answer of ['1', 'nein', 'Tierheim', 'nein']) {
      hund.say(answer);
      if (hund.s.pending?.kind === 'slot') asked.push(hund.s.pending.slot);
    }
    expect(asked).toEqual(['gefaehrlich', 'herkunft', 'gross', 'name']);
    expect(hund.value('email')).toBe('a.b@example.org');
    hund.say('Anna Berg');
    expect(hund.s.pending).toEqual({ kind: 'confirm_slot', slot: 'email' }); // confirm: true reads it back as if typed then
  });
});
