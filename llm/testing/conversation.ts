/**
 * Test helpers around the scripted loopback LLM: a cooperative script (the model proposes each
 * asked slot whose evidence is in the message) and a citizen who answers whatever the session
 * waits for. Work on any engine, so the same conversation runs embedded and on Temporal.
 */
import type { Engine, SessionView } from '../../host/types';
import { promptMessage, type FakeOpenAI } from './fake-openai';

/** What the citizen says for a slot, the value it means, and the words that prove it. */
export type CitizenFacts = Record<string, { say: string; value: unknown; evidence: string }>;

/** A cooperative model: proposes each asked slot whose evidence occurs in the message. */
export function scriptCooperative(fake: FakeOpenAI, facts: CitizenFacts): void {
  fake.script((req) => {
    const msg = promptMessage(req);
    const asked = (JSON.parse(/SLOTS: (.*)/.exec(req.body.messages?.[1]?.content ?? '')?.[1] ?? '[]') as { name: string }[]).map((x) => x.name);
    const proposals = asked.filter((n) => facts[n] && msg.includes(facts[n].evidence)).map((n) => ({ slot: n, value: facts[n].value, evidence: facts[n].evidence }));
    return { json: { proposals, unmapped: [] } };
  });
}

/** Plays the citizen: a free-text first message, then answers whatever the session waits for (at most 20 turns). */
export async function answerFreely(e: Engine, service: string, first: string, facts: CitizenFacts): Promise<{ id: string; questions: number; view: SessionView }> {
  const created = await e.createSession({ service, channel: 'api' });
  let questions = 0;
  let r = await e.sendMessage(created.id, first);
  for (let i = 0; i < 20 && r.status === 'active'; i++) {
    questions += 1;
    const { pending } = await e.view(created.id);
    let answer = 'ja';
    if (pending?.kind === 'slot') answer = facts[pending.slot]?.say ?? 'weiß nicht';
    if (pending?.kind === 'disambiguate') answer = String(pending.options.findIndex((o) => JSON.stringify(o) === JSON.stringify(facts[pending.slot]?.value)) + 1);
    r = await e.sendMessage(created.id, answer);
  }
  return { id: created.id, questions, view: await e.view(created.id) };
}

/**
 * A free-text Untersuchungsberechtigungsschein request with two bare dates (the extractors must
 * ask which is which; a model may tell) and the facts the cooperative model reads from it.
 */
export const UBS_FIRST = 'Für meinen Sohn: 4.6.2010 und 1.8.2027, es wird eine Ausbildung';
export const UBS_FACTS: CitizenFacts = {
  geburtsdatum: { say: '4.6.2010', value: '2010-06-04', evidence: '4.6.2010' },
  beginn: { say: '1.8.2027', value: '2027-08-01', evidence: '1.8.2027' },
  beschaeftigung: { say: 'eine Ausbildung', value: 'ausbildung', evidence: 'eine Ausbildung' },
  name: { say: 'Jonas Berger', value: 'Jonas Berger', evidence: 'Jonas Berger' },
  email: { say: 'jonas.berger@example.org', value: 'jonas.berger@example.org', evidence: 'jonas.berger@example.org' },
};
