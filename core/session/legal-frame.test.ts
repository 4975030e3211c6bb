/** Guarantee 8 and the refusal outcome, plus values of slots that were not asked, through the real core. */
import { compileService } from '../compiler';
import { loadDefinition } from '../definition';
import { Conversation } from './test-helpers';
import type { CompiledService } from './types';

const YAML = (service: string, outcome: string): string => `service: wohngeld_test
version: "1"
title: Wohngeld
legal_basis: [{ ref: "§ 31a SGB X" }, { ref: "§ 24 WoGG" }]
${service}
privacy: { purpose: Vorprüfung, basis: "Art. 6 Abs. 1 lit. e DSGVO", retention: P30D }
slots:
  miete: { type: boolean, ask: "Wohnen Sie zur Miete?" }
  haushalt: { type: integer, ask: "Wie viele Personen leben im Haushalt?", when: "miete = true", min: 1, max: 12 }
values:
  zuschlag: "if haushalt > 2 then 20 else 0"
flow:
  - collect: [miete, haushalt]
  - if: miete = true
    then: [ { outcome: bescheid } ]
  - outcome: ablehnung
outcomes:
  bescheid:
    kind: administrative_act
    say: "Zuschlag {zuschlag} €"
  ablehnung:
    kind: refusal
${outcome}
    say: "Ohne Miete kein Mietzuschuss. Zuschlag {zuschlag} €."
    rechtsbehelfsbelehrung: "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden."
`;

function compiled(yaml: string): CompiledService {
  const { definition, problems } = loadDefinition(yaml, 't.yaml');
  if (!definition) throw new Error(problems.map((p) => p.message).join('\n'));
  return compileService(definition, { source: yaml, hash: 'test' });
}

describe('refusal and the high-risk switch', () => {
  it('issues an automated refusal with its Rechtsbehelfsbelehrung when a listed norm permits it', () => {
    const c = new Conversation(compiled(YAML('', '    automation_permitted_by: "§ 24 WoGG"')));
    c.start();
    const text = c.say('nein');
    expect(c.s.status).toBe('completed');
    expect(c.s.outcome).toMatchObject({ kind: 'refusal', automated: true, rechtsbehelfsbelehrung: expect.stringContaining('Widerspruch') });
    // haushalt was not asked (when false): the rule reads null and the total is a number.
    expect(text).toContain('Zuschlag 0 €.');
    expect(text).toContain('innerhalb eines Monats Widerspruch');
  });

  it('turns the refusal into a proposal for a case worker without a norm', () => {
    const c = new Conversation(compiled(YAML('', '')));
    c.start();
    c.say('nein');
    expect(c.s.status).toBe('handoff');
    expect(c.s.outcome).toMatchObject({ kind: 'proposal', automated: false });
    expect(c.s.handoff?.reason).toBe('automation_not_permitted');
  });

  it('never automates an act in a risk: high service, whatever its outcomes say', () => {
    const def = compiled(YAML('risk: high', ''));
    // validate refuses automation_permitted_by there; a definition built around validate gets the same answer.
    def.definition.outcomes.ablehnung.automation_permitted_by = '§ 24 WoGG';
    const c = new Conversation(def);
    c.start();
    c.say('nein');
    expect(c.s.outcome).toMatchObject({ kind: 'proposal', automated: false });
    expect(c.s.handoff?.reason).toBe('automation_never');
    expect(c.trail).toContainEqual(expect.objectContaining({ type: 'outcome', outcome: 'ablehnung', automated: false }));
  });
});
