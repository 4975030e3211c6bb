import { AUSWEIS, compiledAusweis } from './fixtures';
import { Conversation } from './test-helpers';

const slots = AUSWEIS.slots;

describe('relevance and companions', () => {
  const withWhen = () => compiledAusweis({
    slots: { ...slots, zustimmung: { ...slots.zustimmung, when: 'alter < 16' } },
    flow: [{ id: 'angaben', collect: ['anliegen', 'zustimmung', 'geburtsdatum'] }, { outcome: 'termin_gebucht' }],
  });

  it('asks a slot whose `when` is not yet decidable only after the slots it depends on', () => {
    const c = new Conversation(withWhen());
    c.start();
    expect(c.say('neu')).toBe('Wie lautet Ihr Geburtsdatum?');
    c.say('13.05.2012');
    expect(c.say('ja')).toBe('Sind beide Sorgeberechtigten einverstanden?');
  });

  it('skips a slot whose `when` is false', () => {
    const c = new Conversation(withWhen());
    c.start();
    c.say('neu');
    c.say('13.05.1990');
    c.say('ja');
    expect(c.value('zustimmung')).toBeUndefined();
    expect(c.s.status).toBe('completed');
  });

  it('takes accept_anytime slots from any message', () => {
    const c = new Conversation(compiledAusweis({ slots: { ...slots, plz: { ...slots.plz, accept_anytime: true } } }));
    c.start();
    c.say('neu, 13.05.1990, ich wohne in 45879 Gelsenkirchen');
    expect(c.value('plz')).toBe('45879');
    c.say('ja');
    c.say('überspringen');
    expect(c.s.pending).toEqual({ kind: 'confirm_summary', step: 'pruefen' });
  });

  it('never gives the same evidence to two slots of the same type (the asked slot wins)', () => {
    const c = new Conversation(compiledAusweis({
      slots: { ...slots, einzug: { type: 'date', ask: 'Wann sind Sie eingezogen?' } },
      flow: [{ collect: ['geburtsdatum', 'einzug'] }, { outcome: 'termin_gebucht' }],
    }));
    c.start();
    c.say('13.05.1990');
    expect(c.value('geburtsdatum')).toBe('1990-05-13');
    expect(c.value('einzug')).toBeUndefined();
  });
});
