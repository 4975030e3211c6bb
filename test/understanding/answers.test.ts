/** Authored answers mid-conversation: the designer's text with computed values, no failed attempt. */
import path from 'node:path';
import { loadCatalog } from '../../catalog';
import { Conversation } from '../../core/session/test-helpers';
import { matchAnswer } from '../../core/understand';

const { services } = loadCatalog(path.join(__dirname, '../../definitions'));
const conv = (id: string) => {
  const s = services.find((x) => x.id === id);
  if (!s) throw new Error(id);
  const c = new Conversation(s, '2026-11-20');
  c.start();
  return c;
};

describe('authored answers', () => {
  it('"was kostet das?" before the facts: the authored general answer, then the same question; no attempt counted', () => {
    const c = conv('hundesteuer');
    const text = c.say('was kostet das?');
    expect(text).toContain('129 € für einen Hund');
    expect(text).toContain('Rechtsgrundlage: § 2 Hundesteuersatzung');
    expect(text).toMatch(/Wie viele Hunde halten Sie.*\?$/);
    expect(c.s.attempts.anzahl_hunde ?? 0).toBe(0);
  });

  it('once the rules can compute it, the answer inserts the fee', () => {
    const c = conv('hundesteuer');
    c.say('2');
    c.say('nein');
    expect(c.say('Was kostet das eigentlich?')).toContain('147,00 € im Jahr');
    expect(c.s.pending).toEqual({ kind: 'slot', slot: 'erwerbsdatum' });
  });

  it('three questions in a row never hand the case to a person', () => {
    const c = conv('personalausweis');
    c.say('was kostet das?');
    c.say('welche Unterlagen brauche ich?');
    c.say('wie lange gilt der Ausweis?');
    expect(c.s.status).toBe('active');
    expect(c.s.attempts.anlass ?? 0).toBe(0);
  });

  it('a question with no authored answer is said so, with the offer of a person, and is no failed attempt', () => {
    const c = conv('hundesteuer');
    const text = c.say('Wer hat gestern gegen Schalke gewonnen?');
    expect(text).toContain('keine verlässliche Antwort');
    expect(text).toContain('„Mitarbeiter“');
    expect(c.s.attempts.anzahl_hunde ?? 0).toBe(0);
    expect(c.s.status).toBe('active');
  });

  it('every example definition answers "was kostet das?" or says honestly it cannot', () => {
    for (const s of services) {
      const hit = matchAnswer(s.definition, 'was kostet das?', 'de');
      if (s.definition.answers?.kosten) expect(hit?.id).toBe('kosten');
    }
  });

  it('English questions find the same answers', () => {
    const s = services.find((x) => x.id === 'fuehrungszeugnis');
    expect(matchAnswer(s!.definition, 'How much does it cost?', 'en')?.id).toBe('kosten');
  });
});
