/** Case-worker events in the pure core: take before acting, correct (audited, recomputed, told), hand back, close, follow-up, read. */
import { compiledAusweis } from './fixtures';
import { EventNotApplicableError, StaffActionRefusedError } from './errors';
import { Conversation } from './test-helpers';

function handedOff(): Conversation {
  const c = new Conversation(compiledAusweis());
  c.start();
  c.say('Ich möchte einen neuen Ausweis, geboren am 13.05.1990');
  c.say('ja');
  c.say('Mitarbeiter bitte');
  expect(c.s.status).toBe('handoff');
  return c;
}

describe('take before acting', () => {
  test.each([
    [{ type: 'staff.answer', staff: 'anna', text: 'Hallo' }],
    [{ type: 'staff.close', staff: 'anna' }],
    [{ type: 'staff.handback', staff: 'anna' }],
    [{ type: 'staff.correct', staff: 'anna', slot: 'plz', value: '45879', reason: 'telefonisch' }],
  ] as const)('%o without taking the case is refused with not_taken', (event) => {
    const c = handedOff();
    let err: unknown;
    try { c.send(event); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(StaffActionRefusedError);
    expect((err as StaffActionRefusedError).code).toBe('not_taken');
    expect((err as Error).message).toMatch(/take the case/);
  });

  test('another case worker must take the case over first', () => {
    const c = handedOff();
    c.send({ type: 'staff.take', staff: 'anna' });
    expect(() => c.send({ type: 'staff.answer', staff: 'bert', text: 'Hallo' })).toThrow(/taken by another/);
    c.send({ type: 'staff.take', staff: 'bert' });
    c.send({ type: 'staff.answer', staff: 'bert', text: 'Hallo' });
    expect(c.s.handoff?.staff).toEqual(['anna', 'bert']);
  });

  test('waiting time: from the handoff, cleared by an answer, set again by the citizen', () => {
    const c = handedOff();
    const at = c.s.handoff?.at;
    expect(c.s.handoff?.waitingSince).toBe(at);
    c.send({ type: 'staff.take', staff: 'anna' });
    c.send({ type: 'staff.answer', staff: 'anna', text: 'Guten Tag' });
    expect(c.s.handoff?.waitingSince).toBeUndefined();
    const asked = c.now();
    c.say('Danke, und wann?');
    expect(c.s.handoff?.waitingSince).toBe(asked);
    expect(asked).not.toBe(at);
  });
});

describe('correct a value', () => {
  test('sets the value as staff-confirmed, recomputes the fee, tells the citizen and audits the reason', () => {
    const c = handedOff();
    expect(c.s.values.gebuehr).toBe(46);
    c.send({ type: 'staff.take', staff: 'anna' });
    c.send({ type: 'staff.correct', staff: 'anna', slot: 'geburtsdatum', value: '13.05.2006', reason: 'Laut Melderegister 2006 geboren' });
    expect(c.s.slots.geburtsdatum).toMatchObject({ value: '2006-05-13', source: 'staff', confirmed: true, evidence: 'Laut Melderegister 2006 geboren', by: 'staff:anna' });
    expect(c.s.values.gebuehr).toBe(27.6);
    expect(c.last.messages).toEqual([{ role: 'staff', text: expect.stringMatching(/Angabe „Geburtsdatum“ geändert auf: 13\. Mai 2006\. Grund: Laut Melderegister/) }]);
    expect(c.last.trail).toContainEqual({ type: 'staff', action: 'correct', staff: 'anna', slot: 'geburtsdatum', reason: 'Laut Melderegister 2006 geboren' });
    expect(c.last.trail).toContainEqual(expect.objectContaining({ type: 'slot.filled', slot: 'geburtsdatum', source: 'staff' }));
    expect(c.s.status).toBe('handoff');
  });

  test.each([
    [{ slot: 'gibtsnicht', value: 'x', reason: 'r' }, 'unknown_slot'],
    [{ slot: 'plz', value: '4587', reason: 'r' }, 'invalid_value'],
    [{ slot: 'geburtsdatum', value: '2099-01-01', reason: 'r' }, 'invalid_value'],
    [{ slot: 'plz', value: '45879', reason: '  ' }, 'reason_required'],
  ])('%o is refused with %s and changes nothing', (fields, code) => {
    const c = handedOff();
    c.send({ type: 'staff.take', staff: 'anna' });
    const before = JSON.stringify(c.s);
    let err: unknown;
    try { c.send({ type: 'staff.correct', staff: 'anna', ...fields }); } catch (e) { err = e; }
    expect((err as StaffActionRefusedError).code).toBe(code);
    expect(JSON.stringify(c.s)).toBe(before);
  });
});

describe('hand back and close', () => {
  test('handed back, the assistant continues where the data stands and books after the citizen confirms', () => {
    const c = handedOff();
    c.send({ type: 'staff.take', staff: 'anna' });
    c.send({ type: 'staff.correct', staff: 'anna', slot: 'plz', value: '45879', reason: 'telefonisch genannt' });
    c.send({ type: 'staff.handback', staff: 'anna' });
    expect(c.s.status).toBe('active');
    expect(c.text()).toMatch(/KI-Assistent, mache jetzt mit Ihnen weiter/);
    expect(c.text()).toMatch(/E-Mail-Adresse/);
    expect(c.say('überspringen')).toMatch(/Bitte prüfen Sie Ihre Angaben/);
    expect(c.s.pending).toMatchObject({ kind: 'confirm_summary' });
    c.say('ja');
    expect(c.pendingAction()).toMatchObject({ name: 'calendar.book', input: { plz: '45879' } });
    expect(c.s.handoff).toMatchObject({ returnedAt: expect.any(String), staff: ['anna'] });
    expect(c.s.handoff?.takenBy).toBeUndefined();
  });

  test('close with a message: the citizen gets it with the closing line; a follow-up reopens the case for the desk', () => {
    const c = handedOff();
    c.send({ type: 'staff.take', staff: 'anna' });
    c.send({ type: 'staff.close', staff: 'anna', note: 'Ihr Ausweis ist fertig.' });
    expect(c.s.status).toBe('completed');
    expect(c.last.messages).toEqual([{ role: 'staff', text: expect.stringMatching(/^Ihr Ausweis ist fertig\.\n\nIhr Anliegen ist von der Sachbearbeitung abgeschlossen/) }]);
    c.say('Kann ich ihn auch samstags abholen?');
    expect(c.s.status).toBe('handoff');
    expect(c.s.handoff).toMatchObject({ reason: 'follow_up', staff: ['anna'] });
    expect(c.s.handoff?.takenBy).toBeUndefined();
    expect(c.last.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', reason: 'follow_up' }));
    expect(c.text()).toMatch(/bei der Sachbearbeitung eingegangen/);
  });

  test('a read is audited in any status and changes nothing else', () => {
    const c = handedOff();
    const before = JSON.stringify(c.s);
    c.send({ type: 'staff.read', staff: 'anna' });
    expect(c.last.trail).toEqual([{ type: 'staff', action: 'read', staff: 'anna' }]);
    expect(c.last.messages).toEqual([]);
    expect(JSON.stringify(c.s)).toBe(before);
    const active = new Conversation(compiledAusweis());
    active.start();
    active.send({ type: 'staff.read', staff: 'admin' });
    expect(active.last.trail).toEqual([{ type: 'staff', action: 'read', staff: 'admin' }]);
    expect(() => active.send({ type: 'staff.take', staff: 'anna' })).toThrow(EventNotApplicableError);
  });
});
