import { loadDefinition, type Problem } from './index';

const base = (extra: { service?: string; outcome?: string; legal?: string } = {}): string => `service: wohngeld
version: "1"
title: Wohngeld
legal_basis: [${extra.legal ?? '{ ref: "§ 31a SGB X" }'}]
${extra.service ?? ''}
privacy: { purpose: Test, basis: Art. 6 DSGVO, retention: P30D }
slots:
  art:
    type: enum
    ask: "Welche Art?"
    values:
      miete: { label: Miete }
      lasten: { label: Lastenzuschuss }
flow:
  - collect: [art]
  - if: art = "miete"
    then: [ { outcome: bescheid } ]
  - outcome: ablehnung
outcomes:
  bescheid:
    kind: administrative_act
    say: "Bescheid"
${extra.outcome ?? ''}
  ablehnung:
    kind: refusal
    say: "Abgelehnt"
    rechtsbehelfsbelehrung: "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden."
`;

const load = (yaml: string): Problem[] => loadDefinition(yaml, 'w.yaml').problems;
const codes = (ps: Problem[]): string[] => ps.map((p) => p.code);

describe('legal guarantees in validate', () => {
  it('accepts a permitting norm that legal_basis lists', () => {
    expect(load(base({ outcome: '    automation_permitted_by: "§ 31a SGB X"' }))).toEqual([]);
  });

  it('refuses a made-up norm with file:line:col and what to write', () => {
    const [p] = load(base({ outcome: '    automation_permitted_by: "egal"' }));
    expect(p.code).toBe('permit_not_norm');
    expect(`${p.file}:${p.line}:${p.col}`).toBe('w.yaml:23:30');
    expect(p.hint).toContain('automation_permitted_by: "§ 31a SGB X"');
  });

  it('refuses a norm that legal_basis does not list', () => {
    const [p] = load(base({ outcome: '    automation_permitted_by: "§ 155 Abs. 4 AO"' }));
    expect(p.code).toBe('permit_not_listed');
    expect(p.hint).toContain('legal_basis: [{ ref: "§ 155 Abs. 4 AO" }]');
  });

  it('refuses § 35a VwVfG alone: it permits nothing itself', () => {
    const ps = load(base({ legal: '{ ref: "§ 35a VwVfG" }', outcome: '    automation_permitted_by: "§ 35a VwVfG"' }));
    expect(codes(ps)).toEqual(['permit_only_frame']);
  });

  it('refuses automation in a risk: high or automation: never service', () => {
    for (const service of ['risk: high', 'automation: never']) {
      const [p] = load(base({ service, outcome: '    automation_permitted_by: "§ 31a SGB X"' }));
      expect(p.code).toBe('permit_never');
      expect(p.message).toContain(service);
    }
  });

  it('refuses a refusal without Rechtsbehelfsbelehrung', () => {
    const yaml = base().replace(/    rechtsbehelfsbelehrung: .*\n/, '');
    const [p] = load(yaml);
    expect(p.code).toBe('refusal_without_remedy');
    expect(p.message).toContain('Rechtsbehelfsbelehrung');
  });

  it('refuses an audit trail shorter than six months in a risk: high service', () => {
    const yaml = base({ service: 'risk: high' }).replace('retention: P30D }', 'retention: P30D, audit_retention: P3M }');
    expect(codes(load(yaml))).toEqual(['audit_retention_short']);
  });

  it('refuses an unknown enum value in a condition, with did-you-mean', () => {
    const [p] = load(base().replace('if: art = "miete"', 'if: art = "mite"'));
    expect(p.code).toBe('unknown_enum_value');
    expect(p.hint).toContain('did you mean "miete"?');
    expect(`${p.line}:${p.col}`).toBe('16:15');
  });
});

describe('templates in validate', () => {
  it('positions a template syntax error inside the text', () => {
    const [p] = load(base().replace('say: "Bescheid"', 'say: "Bescheid {if art = \\"miete\\"}Miete"'));
    expect(p.code).toBe('template_syntax');
    expect(p.message).toContain('never closed');
    expect(p.line).toBe(22);
  });

  it('checks the FEEL of {if} conditions and names in plural forms', () => {
    const ps = load(base().replace('say: "Bescheid"', 'say: "Bescheid {if arr = \\"miete\\"}x{end} {plural anzahl: Hund | Hunde}"'));
    expect(ps.map((p) => p.message).join('\n')).toMatch(/arr/);
    expect(ps.map((p) => p.message).join('\n')).toMatch(/anzahl/);
  });
});
