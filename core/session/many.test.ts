/** List-valued enum slots (`many: true`) through the real core: extraction, rules, read-back and templates. */
import { compileService } from '../compiler';
import { loadDefinition } from '../definition';
import { extractEnumList } from '../extract';
import { Conversation } from './test-helpers';

const YAML = `service: dokumente
version: "1"
title: { de: Dokumente, en: Documents }
privacy: { purpose: Termin, basis: "Art. 6 Abs. 1 lit. e DSGVO", retention: P30D }
slots:
  dokumente:
    type: enum
    many: true
    ask: { de: "Welche Dokumente brauchen Sie?", en: "Which documents do you need?" }
    values:
      personalausweis: { label: { de: Personalausweis, en: ID card }, synonyms: { de: [perso, ausweis] } }
      reisepass: { label: { de: Reisepass, en: passport }, synonyms: { de: [pass] } }
values:
  minuten: 'if list contains(dokumente, "reisepass") then 20 * count(dokumente) else 20'
flow:
  - collect: [dokumente]
  - outcome: ok
outcomes:
  ok:
    kind: information
    say: { de: "Sie beantragen {dokumente} ({minuten} Minuten).", en: "You apply for {dokumente} ({minuten} minutes)." }
`;

function compiled() {
  const { definition, problems } = loadDefinition(YAML, 'd.yaml');
  if (!definition) throw new Error(problems.map((p) => p.message).join('\n'));
  return compileService(definition, { source: YAML, hash: 'many' });
}

describe('many: true', () => {
  const values = compiled().definition.slots.dokumente.values;
  const ctx = { locale: 'de', today: '2026-03-01' } as const;

  it.each([
    ['Perso und Reisepass', ['personalausweis', 'reisepass']],
    ['den Reisepass, und den Ausweis', ['personalausweis', 'reisepass']],
    ['beides', ['personalausweis', 'reisepass']],
    ['nur den Reisepass', ['reisepass']],
  ])('reads "%s" as a list', (text, want) => {
    expect(extractEnumList(text, values, ctx)).toMatchObject({ kind: 'value', value: want });
  });

  it('finds nothing in an unrelated answer', () => {
    expect(extractEnumList('keine Ahnung', values, ctx).kind).toBe('none');
  });

  it('fills the slot with a list, lets FEEL use it and joins it with "und" / "and"', () => {
    const c = new Conversation(compiled());
    c.start();
    const text = c.say('Perso und Reisepass bitte');
    expect(c.value('dokumente')).toEqual(['personalausweis', 'reisepass']);
    expect(text).toContain('Sie beantragen Personalausweis und Reisepass (40 Minuten).');
    const en = new Conversation(compiled());
    en.start('en');
    expect(en.say('beides')).toContain('You apply for ID card and passport (40 minutes).');
  });

  it('is refused on a slot that is not an enum, with file:line:col', () => {
    const { problems } = loadDefinition(YAML.replace('    type: enum\n    many: true', '    type: text\n    many: true'), 'd.yaml');
    expect(problems.find((p) => p.code === 'many_not_enum')).toMatchObject({ line: 8, col: 5 });
  });
});
