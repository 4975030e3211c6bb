import { compiledAusweis } from './fixtures';
import { Conversation, toBooking } from './test-helpers';
import { step } from './step';
import type { SessionEvent } from './types';

describe('actions and outcomes', () => {
  it('requests the action with its input, stores the result and renders the outcome', () => {
    const c = new Conversation(compiledAusweis());
    toBooking(c);
    const action = c.pendingAction();
    expect(action).toEqual({ kind: 'action', id: expect.stringMatching(/^S1:\d+$/), name: 'calendar.book', input: { anliegen: 'neu', plz: '45879' } });
    expect(c.s.pending).toEqual({ kind: 'effect', effectId: action.id });
    expect(c.say('Hallo?')).toContain('Einen Moment bitte');
    c.send({ type: 'effect.result', effectId: action.id, ok: true, result: { beginn: '2026-03-05T10:30' } });
    expect(c.text()).toBe('Ihr Termin: 5. März 2026 um 10:30 Uhr. Gebühr: 46,00 €.');
    expect(c.s.status).toBe('completed');
    expect(c.s.values.termin).toEqual({ beginn: '2026-03-05T10:30' });
    expect(c.s.outcome).toEqual({ id: 'termin_gebucht', kind: 'information', automated: true, values: { gebuehr: 46, alter: 35 }, text: c.text() });
    expect(c.last.trail).toContainEqual({ type: 'outcome', outcome: 'termin_gebucht', kind: 'information', automated: true, legal_basis: ['§ 9 PAuswG'] });
    expect(c.last.trail).toContainEqual(expect.objectContaining({ type: 'rule', rule: 'gebuehr', result: 46, version: '2026-02-07', legal_basis: ['§ 1 PAuswGebV'] }));
    // A repeated result (host retry) changes nothing.
    const before = c.s;
    c.send({ type: 'effect.result', effectId: action.id, ok: true, result: { beginn: 'x' } });
    expect(c.s).toEqual(before);
    expect(c.say('noch was')).toContain('bereits abgeschlossen');
    expect(c.s.turn).toBe(before.turn);
  });

  it('hands off politely when the action fails', () => {
    const c = new Conversation(compiledAusweis());
    toBooking(c);
    c.send({ type: 'effect.result', effectId: c.pendingAction().id, ok: false, error: { code: 'no_free_slot', message: 'kein Termin frei' } });
    expect(c.text()).toContain('Leider hat das gerade nicht geklappt.');
    expect(c.s.status).toBe('handoff');
    expect(c.s.handoff?.reason).toBe('action_failed:no_free_slot');
    expect(c.s.state).toBe('handoff');
    expect(c.last.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', reason: 'action_failed:no_free_slot' }));
  });

  it('turns an administrative act without a permitting norm into a proposal for a case worker (§ 35a VwVfG)', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('Ich habe meinen Ausweis verloren, geboren 13.05.1990');
    c.say('ja');
    c.say('überspringen');
    c.say('45879');
    c.say('ja');
    c.send({ type: 'effect.result', effectId: c.pendingAction().id, ok: true, result: { beginn: '2026-03-05T10:30' } });
    expect(c.s.status).toBe('handoff');
    expect(c.s.handoff?.reason).toBe('automation_not_permitted');
    expect(c.s.outcome).toMatchObject({ id: 'verlust_bescheid', kind: 'proposal', automated: false, text: 'Ihr Ausweis ist für ungültig erklärt.' });
    expect(c.text()).toContain('entscheidet eine Sachbearbeiterin oder ein Sachbearbeiter');
    expect(c.last.effects).toContainEqual(expect.objectContaining({ kind: 'handoff', reason: 'automation_not_permitted' }));
    expect(c.last.trail).toContainEqual({ type: 'outcome', outcome: 'verlust_bescheid', kind: 'proposal', automated: false, legal_basis: ['§ 27 PAuswG'] });
  });

  it('automates the administrative act when a norm permits it and there is no discretion', () => {
    const c = new Conversation(compiledAusweis({
      outcomes: {
        termin_gebucht: { kind: 'information', say: 'ok' },
        verlust_bescheid: { kind: 'administrative_act', automation_permitted_by: '§ 99 TestG', say: 'Bescheid: {anliegen}' },
      },
    }));
    c.start();
    c.say('Ausweis verloren, 13.05.1990');
    c.say('ja');
    c.say('überspringen');
    c.say('45879');
    c.say('ja');
    c.send({ type: 'effect.result', effectId: c.pendingAction().id, ok: true, result: {} });
    expect(c.s.status).toBe('completed');
    expect(c.s.outcome).toMatchObject({ kind: 'administrative_act', automated: true, text: 'Bescheid: Verlust' });
  });
});

describe('cancel, handoff, timers, staff', () => {
  it('cancels from any state with a goodbye and cancelled timers', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu');
    expect(c.say('abbrechen')).toContain('abgebrochen');
    expect(c.s.status).toBe('cancelled');
    expect(c.s.state).toBe('cancelled');
    expect(c.s.cancelled).toEqual({ reason: 'citizen', at: expect.any(String) });
    expect(c.last.effects.filter((e) => e.kind === 'cancel_timer').map((e) => e.name)).toEqual(['reminder', 'timeout']);
    expect(c.s.timers).toEqual({});
  });

  it('hands off mid-flow on the command and on the event', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.1990');
    const text = c.say('Ich möchte mit einem Menschen sprechen');
    expect(text).toContain('Mitarbeiterin oder einen Mitarbeiter');
    expect(c.s).toMatchObject({ status: 'handoff', state: 'handoff', handoff: { reason: 'citizen_request' }, pending: null });
    expect(c.value('geburtsdatum')).toBe('1990-05-13');

    const d = new Conversation(compiledAusweis());
    d.start();
    d.send({ type: 'handoff', reason: 'button' });
    expect(d.s.handoff?.reason).toBe('button');
  });

  it('re-arms timers on every message, reminds and finally times out', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.send({ type: 'message', text: 'neu' }, '2026-03-01T09:05:00.000Z');
    expect(c.last.effects.filter((e) => e.kind === 'timer')).toEqual([
      expect.objectContaining({ name: 'reminder', at: '2026-03-01T09:15:00.000Z' }),
      expect.objectContaining({ name: 'timeout', at: '2026-03-01T09:35:00.000Z' }),
    ]);
    c.send({ type: 'timer', name: 'reminder' }, '2026-03-01T09:15:00.000Z');
    expect(c.text()).toContain('Sind Sie noch da?');
    expect(c.text()).toContain('Wie lautet Ihr Geburtsdatum?');
    expect(c.s.timers.reminder).toBeUndefined();
    c.send({ type: 'timer', name: 'timeout' }, '2026-03-01T09:35:00.000Z');
    expect(c.s.status).toBe('cancelled');
    expect(c.s.cancelled?.reason).toBe('timeout');
    expect(c.text()).toContain('länger nichts von Ihnen gehört');
    c.send({ type: 'timer', name: 'reminder' }, '2026-03-01T09:40:00.000Z');
    expect(c.last.messages).toEqual([]);
  });

  it('skips the reminder when the timeout is overdue too (e.g. after a restart)', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.send({ type: 'message', text: 'neu' }, '2026-03-01T09:05:00.000Z');
    c.send({ type: 'timer', name: 'reminder' }, '2026-03-01T10:00:00.000Z');
    expect(c.text()).not.toContain('Sind Sie noch da?');
    expect(c.s.status).toBe('cancelled');
    expect(c.s.cancelled?.reason).toBe('timeout');
  });

  it('lets a case worker take, answer and close a handed-off case', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('Mitarbeiter bitte');
    c.send({ type: 'staff.take', staff: 'anna' });
    expect(c.s.handoff?.takenBy).toBe('anna');
    c.send({ type: 'staff.answer', staff: 'anna', text: 'Guten Tag, ich helfe Ihnen weiter.' });
    expect(c.last.messages).toEqual([{ role: 'staff', text: 'Guten Tag, ich helfe Ihnen weiter.' }]);
    c.send({ type: 'staff.close', staff: 'anna' });
    expect(c.s.status).toBe('completed');
    expect(c.trail.filter((e) => e.type === 'staff')).toEqual([
      { type: 'staff', action: 'take', staff: 'anna' },
      { type: 'staff', action: 'answer', staff: 'anna' },
      { type: 'staff', action: 'close', staff: 'anna' },
    ]);
  });
});

describe('determinism', () => {
  const script = (): { event: SessionEvent; now: string }[] => [
    { event: { type: 'start', sessionId: 'D1', referenceDate: '2026-03-01' }, now: '2026-03-01T09:00:00.000Z' },
    { event: { type: 'message', text: 'neuer Ausweis, 13.05.1990' }, now: '2026-03-01T09:01:00.000Z' },
    { event: { type: 'message', text: 'nein, ich meinte den 5.' }, now: '2026-03-01T09:02:00.000Z' },
    { event: { type: 'message', text: 'ja' }, now: '2026-03-01T09:03:00.000Z' },
    { event: { type: 'message', text: 'überspringen' }, now: '2026-03-01T09:04:00.000Z' },
    { event: { type: 'message', text: '45879' }, now: '2026-03-01T09:05:00.000Z' },
    { event: { type: 'message', text: 'ja' }, now: '2026-03-01T09:06:00.000Z' },
    { event: { type: 'effect.result', effectId: 'PENDING', ok: true, result: { beginn: '2026-03-05T10:30' } }, now: '2026-03-01T09:07:00.000Z' },
  ];

  function run(roundTrip: boolean): unknown[] {
    const compiled = compiledAusweis();
    let snapshot = null;
    const out: unknown[] = [];
    for (const { event, now } of script()) {
      const pending = (snapshot as { pending?: { effectId?: string } } | null)?.pending;
      const e = event.type === 'effect.result' ? { ...event, effectId: pending?.effectId ?? 'none' } : event;
      const r = step(compiled, snapshot, e, now);
      out.push(r);
      snapshot = roundTrip ? JSON.parse(JSON.stringify(r.snapshot)) : r.snapshot;
    }
    return out;
  }

  it('gives deep-equal results for the same events and nows, also through JSON round trips', () => {
    const a = run(false);
    const b = run(true);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    const last = a[a.length - 1] as { snapshot: { status: string; slots: Record<string, { value: unknown }> } };
    expect(last.snapshot.status).toBe('completed');
    expect(last.snapshot.slots.geburtsdatum.value).toBe('1990-05-05');
  });

  it('does not read the clock: the same input at different real times gives the same output', async () => {
    const first = run(false);
    await new Promise((resolve) => setTimeout(resolve, 25));
    const second = run(false);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).not.toContain(new Date().toISOString().slice(0, 13));
  });

  it('does not mutate the snapshot it is given', () => {
    const compiled = compiledAusweis();
    const start = step(compiled, null, { type: 'start', sessionId: 'M1', referenceDate: '2026-03-01' }, '2026-03-01T09:00:00.000Z');
    const frozen = JSON.stringify(start.snapshot);
    step(compiled, start.snapshot, { type: 'message', text: 'neu, 13.05.1990' }, '2026-03-01T09:01:00.000Z');
    expect(JSON.stringify(start.snapshot)).toBe(frozen);
  });
});
