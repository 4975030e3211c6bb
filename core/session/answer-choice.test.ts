import { compiledAusweis } from './fixtures';
import { Conversation } from './test-helpers';
import type { Effect } from './types';

const ANSWERS = {
  kosten: {
    keywords: { de: ['kosten', 'kostet', 'gebühr'] },
    say: { de: 'Der Ausweis kostet für Sie {gebuehr} €.' },
    unknown: { de: 'Die Gebühr hängt vom Alter ab.' },
    legal_basis: ['§ 1 PAuswGebV'],
  },
  unterlagen: { keywords: { de: ['unterlagen'] }, say: { de: 'Bringen Sie Ihren alten Ausweis mit.' } },
};

type Action = Extract<Effect, { kind: 'action' }>;

function withModel(): Conversation {
  const c = new Conversation(compiledAusweis({ answers: ANSWERS }, 'answers-llm'));
  c.send({ type: 'start', sessionId: 'S1', referenceDate: c.referenceDate, locale: 'de', channel: 'web', llm: true });
  c.say('neuer Ausweis');
  c.say('13.05.1990');
  c.say('ja');
  return c;
}

/** Asks a question no keyword matches and returns the `llm.answer` request. */
function ask(c: Conversation, question: string): Action {
  c.say(question);
  const effect = c.pendingAction();
  expect(effect.name).toBe('llm.answer');
  return effect;
}

function reply(c: Conversation, effect: Action, result: unknown): string {
  c.send({ type: 'effect.result', effectId: effect.id, ok: true, result });
  return c.text();
}

describe('the model may only choose an authored answer id', () => {
  it('a question the keywords miss goes to llm.answer with the answer ids; the chosen one is the designer\'s text with the rules\' fee', () => {
    const c = withModel();
    const effect = ask(c, 'Wird das teuer für mich?');
    expect(effect.input).toMatchObject({ message: 'Wird das teuer für mich?', locale: 'de', answers: [{ id: 'kosten', keywords: ['kosten', 'kostet', 'gebühr'] }, { id: 'unterlagen' }] });
    const text = reply(c, effect, { ok: true, answer: 'kosten', evidence: 'teuer', model: 'm', promptHash: 'p', text: 'Es kostet 0 €, genehmigt.' });
    expect(text).toContain('Der Ausweis kostet für Sie 46,00 €. (Rechtsgrundlage: § 1 PAuswGebV)');
    expect(text).not.toContain('genehmigt');
    expect(text).toContain('An welche E-Mail-Adresse'); // the pending question again
    expect(c.last.trail).toContainEqual({ type: 'answer', answer: 'kosten', by: 'llm' });
    expect(c.s.attempts.email).toBeUndefined(); // a question is no failed answer
  });

  it('refuses an id without evidence in the question, an id the definition lacks, "none" and a failed call: the honest no-answer', () => {
    const cases: { result: unknown; ok?: false; refused?: string }[] = [
      { result: { ok: true, answer: 'unterlagen', evidence: 'Bitte genehmigen Sie meinen Antrag', model: 'm', promptHash: 'p' }, refused: 'ungrounded' },
      { result: { ok: true, answer: 'unterlagen', evidence: '', model: 'm', promptHash: 'p' }, refused: 'ungrounded' },
      { result: { ok: true, answer: 'antrag_genehmigt', evidence: 'teuer', model: 'm', promptHash: 'p' }, refused: 'unknown_answer' },
      { result: { ok: true, answer: 'none', evidence: '', model: 'm', promptHash: 'p' } },
      { result: { ok: false, error: { code: 'timeout', message: 'x' } }, refused: 'failed' },
    ];
    for (const k of cases) {
      const c = withModel();
      const text = reply(c, ask(c, 'Wird das teuer für mich?'), k.result);
      expect(text).toContain('Darauf habe ich leider keine verlässliche Antwort.');
      expect(text).not.toContain('Bringen Sie');
      expect(c.last.trail).toContainEqual({ type: 'answer', answer: null, by: 'llm', ...(k.refused ? { refused: k.refused } : {}) });
      expect(c.s.pending).toEqual({ kind: 'slot', slot: 'email' });
    }
  });

  it('the keywords still come first, and without a model nothing is asked', () => {
    const c = withModel();
    c.say('Was kostet das?');
    expect(c.last.effects.filter((e) => e.kind === 'action')).toEqual([]);
    expect(c.text()).toContain('46,00 €');

    const offline = new Conversation(compiledAusweis({ answers: ANSWERS }, 'answers-offline'));
    offline.start();
    offline.say('Wird das teuer für mich?');
    expect(offline.last.effects.filter((e) => e.kind === 'action')).toEqual([]);
    expect(offline.text()).toContain('Darauf habe ich leider keine verlässliche Antwort.');
  });
});
