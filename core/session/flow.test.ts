import { AUSWEIS, compiledAusweis } from './fixtures';
import { Conversation } from './test-helpers';

describe('flow steps', () => {
  it('a handoff step hands the case to a person with its own text', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.say('neu, 13.05.2012');
    c.say('ja');
    c.say('überspringen');
    expect(c.say('nein')).toBe('Ohne Zustimmung beider Eltern geht es nicht online. Eine Mitarbeiterin meldet sich.');
    expect(c.s).toMatchObject({ status: 'handoff', state: 'handoff', handoff: { reason: 'flow:minderjaehrig_then_1_then_0' } });
    expect(c.last.trail).toContainEqual({ type: 'rule', rule: 'if:minderjaehrig_then_1', inputs: { zustimmung: false }, result: true });
    expect(c.say('Hallo?')).toContain('liegt bei einer Mitarbeiterin');
  });

  it('a flow that ends without an outcome completes', () => {
    const c = new Conversation(compiledAusweis({ flow: [{ collect: ['plz'] }, { say: 'Danke, das war alles.' }] }));
    c.start();
    expect(c.say('45879')).toBe('Danke, das war alles.');
    expect(c.s.status).toBe('completed');
    expect(c.s.state).toBe('end');
    expect(c.s.outcome).toBeUndefined();
  });

  it('a confirm step with a list reads back only the listed slots', () => {
    const c = new Conversation(compiledAusweis({
      flow: [{ collect: ['anliegen', 'plz'] }, { id: 'kurz', confirm: ['plz'], ask: 'Passt die Postleitzahl?' }, { outcome: 'termin_gebucht' }],
    }));
    c.start();
    c.say('neu');
    const text = c.say('45879');
    expect(text).toContain('- Plz: 45879');
    expect(text).not.toContain('Anliegen');
    expect(text).toContain('Passt die Postleitzahl?');
    expect(c.s.pending).toEqual({ kind: 'confirm_summary', step: 'kurz' });
  });

  it('ignores a stale timer that was re-armed later', () => {
    const c = new Conversation(compiledAusweis());
    c.start();
    c.send({ type: 'message', text: 'neu' }, '2026-03-01T09:08:00.000Z');
    // The reminder armed at start (09:10) was replaced by one at 09:18.
    c.send({ type: 'timer', name: 'reminder' }, '2026-03-01T09:10:00.000Z');
    expect(c.last.messages).toEqual([]);
    expect(c.s.timers.reminder).toBe('2026-03-01T09:18:00.000Z');
  });

  it('speaks the built-in texts in the citizen language; the definition\'s own texts fall back to German', () => {
    const c = new Conversation(compiledAusweis({ locales: ['de', 'en', 'tr'] }));
    c.send({ type: 'start', sessionId: 'T1', referenceDate: '2026-03-01', locale: 'tr' });
    expect(c.text()).toContain('yapay zekâ asistanıyım');
    expect(c.text()).toContain('Was möchten Sie tun');
    expect(AUSWEIS.service).toBe('personalausweis');
  });
});
