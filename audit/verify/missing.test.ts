import { verifySource } from '.';

const YAML = (say: string, extra = ''): string => `service: test-missing
version: "1"
title: { de: Test, en: Test }
privacy: { purpose: Test, basis: "Art. 6 Abs. 1 lit. e DSGVO", retention: P30D }
slots:
  hund: { type: boolean, ask: { de: "Hund?", en: "Dog?" } }
  anzahl: { type: integer, ask: { de: "Wie viele?", en: "How many?" }, when: "hund = true", min: 1, max: 5${extra} }
values:
  zuschlag: { expr: "anzahl * 5", type: money }
flow:
  - collect: [hund, anzahl]
  - outcome: fertig
outcomes:
  fertig:
    kind: information
    say: ${say}
`;

const missing = (yaml: string) => verifySource(yaml, 't.yaml').problems.filter((p) => p.code === 'missing_in_text');

describe('verify: templates that can print a missing value', () => {
  it('reports the template and the path on which the value is missing', () => {
    const [p, ...rest] = missing(YAML('"Zuschlag {zuschlag} €."'));
    expect(rest).toEqual([]);
    expect(p.severity).toBe('error');
    expect(`${p.line}:${p.col}`).toBe('16:21');
    expect(p.message).toContain('{zuschlag} has no value on some path');
    expect(p.message).toContain('hund = nein; anzahl not asked (its when "hund = true" is false)');
  });

  it('is satisfied by conditional text, a default on the slot, or null-aware rules', () => {
    expect(missing(YAML('"{if zuschlag != null}Zuschlag {zuschlag} €.{end}"'))).toEqual([]);
    expect(missing(YAML('"Zuschlag {zuschlag} €."', ', default: 0'))).toEqual([]);
    expect(missing(YAML('"{if hund}Zuschlag {zuschlag} €.{else}Kein Zuschlag.{end}"'))).toEqual([]);
  });

  it('checks every language of a text', () => {
    const ps = missing(YAML('{ de: "Zuschlag {zuschlag} €.", en: "{if hund}Surcharge {zuschlag}.{end}" }'));
    expect(ps.map((p) => p.path.join('.'))).toEqual(['outcomes.fertig.say.de']);
  });
});
