import { compiledAusweis } from './fixtures';
import { Conversation, toBooking } from './test-helpers';

function adultUntilPlz(c: Conversation): void {
  c.start();
  c.say('neuer Ausweis, 13.05.1990');
  c.say('ja');
  c.say('überspringen');
}

describe('confirm slots', () => {
  it('yes confirms the read-back value', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.1990');
    c.say('ja');
    expect(c.s.slots.geburtsdatum.confirmed).toBe(true);
    expect(c.last.trail).toContainEqual({ type: 'slot.confirmed', slot: 'geburtsdatum' });
  });

  it('no clears the value and asks again', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.1990');
    expect(c.say('nein')).toBe('Wie lautet Ihr Geburtsdatum?');
    expect(c.value('geburtsdatum')).toBeUndefined();
    expect(c.last.trail).toContainEqual({ type: 'slot.cleared', slot: 'geburtsdatum', reason: 'not_confirmed' });
  });

  it('"nein, ich meinte den 5." corrects relative to the old value and reads back again', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.1990');
    expect(c.say('nein, ich meinte den 5.')).toBe('Ich habe 5. Mai 1990 verstanden. Stimmt das?');
    expect(c.value('geburtsdatum')).toBe('1990-05-05');
    expect(c.s.slots.geburtsdatum.confirmed).toBe(false);
    expect(c.last.trail).toEqual(expect.arrayContaining([
      { type: 'slot.cleared', slot: 'geburtsdatum', reason: 'correction' },
      expect.objectContaining({ type: 'slot.filled', slot: 'geburtsdatum', value: '1990-05-05' }),
    ]));
  });

  it('asks for yes or no when the answer to a read-back is neither', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.1990');
    const text = c.say('hmm');
    expect(text).toContain('„ja“ oder „nein“');
    expect(text).toContain('13. Mai 1990');
    expect(c.s.attempts['confirm:geburtsdatum']).toBe(1);
  });
});

describe('summary', () => {
  it('reads back all collected slots and continues on yes', () => {
    const c = new Conversation(compiledAusweis());
    adultUntilPlz(c);
    const text = c.say('45879');
    expect(text).toContain('Bitte prüfen Sie Ihre Angaben:');
    expect(text).toContain('- Geburtsdatum: 13. Mai 1990');
    expect(text).toContain('- Plz: 45879');
    expect(text).toContain('Stimmt alles?');
    c.say('ja');
    expect(c.s.state).toBe('buchen');
    expect(Object.values(c.s.slots).every((s) => s.confirmed)).toBe(true);
  });

  it('no → "Was möchten Sie ändern?" → correction → summary again → yes', () => {
    const c = new Conversation(compiledAusweis());
    adultUntilPlz(c);
    c.say('45879');
    expect(c.say('nein')).toContain('Was möchten Sie ändern?');
    expect(c.s.pending).toEqual({ kind: 'correction', step: 'pruefen' });
    const text = c.say('Die Postleitzahl ist falsch, richtig ist plz 45881');
    expect(c.value('plz')).toBe('45881');
    expect(text).toContain('- Plz: 45881');
    expect(text).toContain('Stimmt alles?');
    c.say('ja');
    expect(c.s.state).toBe('buchen');
    expect(c.s.pending).toMatchObject({ kind: 'effect' });
  });
});

describe('corrections at any time', () => {
  it('a named correction of an earlier slot changes the if-branch and the flow continues there', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.2012');
    c.say('ja');
    c.say('max@example.de');
    expect(c.s.state).toBe('minderjaehrig_then_0');
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'zustimmung' });
    const text = c.say('Korrektur: mein Geburtsdatum ist der 13.05.1990');
    expect(c.value('geburtsdatum')).toBe('1990-05-13');
    expect(text).toBe('Ich habe 13. Mai 1990 verstanden. Stimmt das?');
    const next = c.say('ja');
    expect(next).toContain('Die Gebühr beträgt 46,00 €.');
    expect(next).toContain('Wie lautet Ihre Postleitzahl?');
    expect(c.s.values.alter).toBe(35);
    expect(c.last.trail).toContainEqual({ type: 'rule', rule: 'if:minderjaehrig', inputs: { alter: 35 }, result: false });
  });

  it('a correction after an action ran hands off instead of redoing it', () => {
    const c = new Conversation(compiledAusweis({
      flow: [
        { collect: ['anliegen', 'plz'] },
        { id: 'buchen', action: 'calendar.book', with: { plz: 'plz' }, result: 'termin' },
        { collect: ['email'] },
        { outcome: 'termin_gebucht' },
      ],
    }));
    c.start();
    c.say('neu');
    c.say('45879');
    const action = c.pendingAction();
    c.send({ type: 'effect.result', effectId: action.id, ok: true, result: { beginn: '2026-03-05T10:30' } });
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'email' });
    c.say('Korrektur: plz 45881');
    expect(c.s.status).toBe('handoff');
    expect(c.s.handoff?.reason).toBe('correction_after_action');
    expect(c.last.effects.some((e) => e.kind === 'action')).toBe(false);
  });

  it('a correction that leaves the action input unchanged continues normally', () => {
    const c = new Conversation(compiledAusweis({
      flow: [
        { collect: ['anliegen', 'plz'] },
        { id: 'buchen', action: 'calendar.book', with: { plz: 'plz' }, result: 'termin' },
        { collect: ['geburtsdatum', 'email'] },
        { outcome: 'termin_gebucht' },
      ],
    }));
    c.start();
    c.say('neu');
    c.say('45879');
    c.send({ type: 'effect.result', effectId: c.pendingAction().id, ok: true, result: { beginn: '2026-03-05T10:30' } });
    c.say('13.05.1990');
    c.say('ja');
    c.say('Korrektur: Geburtsdatum 14.05.1990');
    expect(c.s.status).toBe('active');
    expect(c.s.pending).toEqual({ kind: 'confirm_slot', slot: 'geburtsdatum' });
    expect(c.effects.filter((e) => e.kind === 'action')).toHaveLength(1);
  });
});
