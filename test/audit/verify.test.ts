import { verifySource, verifyFile, definitionFiles } from '../../audit/verify';
import type { Problem } from '../../core/definition';
import { DEFINITIONS, exampleSource, seeded } from './helpers';

const errorsOf = (ps: Problem[]) => ps.filter((p) => p.severity === 'error');
const codes = (ps: Problem[]) => ps.map((p) => p.code);

describe('verify on the example definitions', () => {
  it.each(definitionFiles([DEFINITIONS]))('%s has no errors', (file) => {
    const r = verifyFile(file);
    expect(r.service).toBeDefined();
    expect(errorsOf(r.problems).map((p) => p.message)).toEqual([]);
  });
});

describe('verify finds seeded defects with counterexamples', () => {
  it('a gap in a decision table names the uncovered input', () => {
    const src = seeded('personalausweis', '- { id: ab_24, when: { alter: ">= 24" }, then: 10 }', '- { id: ab_24, when: { alter: "> 24" }, then: 10 }');
    const r = verifySource(src, 'pa.yaml');
    const gap = r.problems.find((p) => p.code === 'table_gap');
    expect(gap?.severity).toBe('error');
    expect(gap?.message).toContain('decision table of gueltigkeit_jahre');
    expect(gap?.message).toContain('alter = 24 is covered by no row');
    expect(gap?.line).toBeGreaterThan(100);
  });

  it('overlapping rows under unique are named with the input both match', () => {
    const src = seeded('personalausweis', '- { id: unter_24, when: { alter: "< 24" }, then: 27.60 }', '- { id: unter_24, when: { alter: "<= 24" }, then: 27.60 }');
    const r = verifySource(src, 'pa.yaml');
    const overlap = r.problems.find((p) => p.code === 'table_overlap');
    expect(overlap?.message).toBe('decision table of gebuehr (valid from 2026-02-07) has hit policy unique, but rows unter_24 and ab_24 both match alter = 24');
    expect(codes(r.problems)).not.toContain('table_gap');
  });

  it('messages in German with --lang de', () => {
    const src = seeded('personalausweis', '- { id: ab_24, when: { alter: ">= 24" }, then: 10 }', '- { id: ab_24, when: { alter: "> 24" }, then: 10 }');
    const gap = verifySource(src, 'pa.yaml', { lang: 'de' }).problems.find((p) => p.code === 'table_gap');
    expect(gap?.message).toBe('die Entscheidungstabelle von gueltigkeit_jahre hat eine Lücke: alter = 24 wird von keiner Zeile abgedeckt');
    expect(gap?.hint).toContain('ergänzen Sie eine Zeile');
  });

  it('a gap over two inputs gives a combination', () => {
    const src = seeded('hundesteuer', '        - { id: zwei_hunde, when: { gefaehrlich: "false", anzahl_hunde: "2" }, then: 147 }\n', '');
    const r = verifySource(src, 'hs.yaml');
    const gap = r.problems.find((p) => p.code === 'table_gap');
    expect(gap?.message).toContain('gefaehrlich = false, anzahl_hunde = 2 is covered by no row');
  });

  it('an unused personal slot and a personal slot without purpose', () => {
    let src = seeded('personalausweis', '  wunschdatum:\n', '  telefon:\n    type: phone\n    personal: true\n    ask: { de: Ihre Telefonnummer?, en: Your phone number? }\n  wunschdatum:\n');
    src = src.replace('collect: [standort, wunschdatum]', 'collect: [standort, wunschdatum, telefon]');
    const r = verifySource(src, 'pa.yaml');
    const unused = r.problems.find((p) => p.code === 'personal_unused');
    expect(unused?.message).toBe('personal slot telefon is collected but no rule, action, outcome or text uses it');
    expect(r.problems.find((p) => p.code === 'personal_without_purpose')?.message).toBe('personal slot telefon has no purpose');
    expect(codes(r.problems).filter((c) => c === 'personal_unused')).toHaveLength(1); // geburtsdatum is used
  });

  it('an administrative act without a permitting norm or with discretion is a warning', () => {
    const src = seeded('personalausweis', '  zustimmung_fehlt:\n    kind: information', '  zustimmung_fehlt:\n    kind: administrative_act\n    discretion: true');
    const r = verifySource(src, 'pa.yaml');
    const noNorm = r.problems.find((p) => p.code === 'act_without_norm');
    expect(noNorm?.severity).toBe('warning');
    expect(noNorm?.message).toContain('outcome zustimmung_fehlt is an administrative act without automation_permitted_by');
    expect(r.problems.find((p) => p.code === 'act_with_discretion')?.message).toContain('discretion');
  });

  it('a flow branch without an outcome is a dead end, a step after an outcome unreachable', () => {
    let src = seeded('personalausweis', '        then: [ { outcome: zustimmung_fehlt } ]', '        then: [ { outcome: zustimmung_fehlt }, { say: "nie" } ]');
    src = src.replace('  - outcome: termin_gebucht\n', '');
    const r = verifySource(src, 'pa.yaml');
    expect(r.problems.find((p) => p.code === 'unreachable_step')?.message).toContain('can never be reached');
    const dead = r.problems.find((p) => p.code === 'flow_dead_end');
    expect(dead?.severity).toBe('error');
    expect(dead?.message).toContain('after step buchen (action calendar.book)');
    expect(r.problems.find((p) => p.code === 'unreachable_outcome')?.message).toBe('outcome termin_gebucht is never reached by the flow');
  });

  it('a branch that contradicts its enclosing condition is dead', () => {
    const src = seeded('personalausweis', '      - if: zustimmung_sorgeberechtigte = false\n', '      - if: alter >= 18\n        then: [ { say: "nie" } ]\n      - if: zustimmung_sorgeberechtigte = false\n');
    const r = verifySource(src, 'pa.yaml');
    const dead = r.problems.filter((p) => p.code === 'dead_branch');
    expect(dead.map((p) => p.message)).toEqual(['the then branch of step minderjaehrig_then_1 (if alter >= 18) can never be taken: no input makes "alter >= 18" true together with the conditions around it']);
    expect(r.problems.find((p) => p.code === 'unreachable_step')?.message).toBe('step minderjaehrig_then_1_then_0 (say) can never be reached');
  });

  it('missing translations name the text and the locale', () => {
    const ask = exampleSource('personalausweis').split('\n').find((l) => l.startsWith('    ask: { de: Wie lautet Ihr Geburtsdatum?'))!;
    const src = seeded('personalausweis', ask, '    ask: Wie lautet Ihr Geburtsdatum?');
    const r = verifySource(src, 'pa.yaml');
    expect(r.problems.map((p) => p.message)).toContain('slots.geburtsdatum.ask has no en, tr, ar, uk, ru, pl text (locales: de, en, tr, ar, uk, ru, pl)');
  });

  it('a dated value that needs a value dated later has a hole in time', () => {
    const src = seeded('personalausweis', '  gesamt:\n    expr: gebuehr + foto_gebuehr + versand_gebuehr\n',
      '  gesamt:\n    valid_from:\n      2020-01-01: gebuehr + foto_gebuehr + versand_gebuehr\n');
    const r = verifySource(src, 'pa.yaml');
    const hole = r.problems.find((p) => p.code === 'dating_hole');
    expect(hole?.severity).toBe('error');
    expect(hole?.message).toContain('gesamt is valid from 2020-01-01 but needs gebuehr, which has no version before 2021-01-01');
  });

  it('type errors from validate are part of verify', () => {
    const src = seeded('personalausweis', '- rule: geburtsdatum < today', '- rule: geburtsdatum < 5');
    const r = verifySource(exampleSource('personalausweis'), 'pa.yaml');
    expect(errorsOf(r.problems)).toEqual([]);
    const bad = verifySource(src, 'pa.yaml');
    expect(errorsOf(bad.problems).length).toBeGreaterThan(0);
  });
});

describe('verify and plural forms (CLDR)', () => {
  // The shipped Polish text of the outcome, replaced by one with a plural form.
  const pl = exampleSource('personalausweis').split('\n').find((l) => l.startsWith('      pl: Poniżej 16 lat wniosek'))!;
  const withPl = (forms: string) => seeded('personalausweis', pl, `      pl: "Masz {alter} {plural alter: ${forms}}. Poniżej 16 lat potrzebna jest zgoda obojga rodziców."`);
  it('a Polish plural with only two forms is reported with the categories it lacks', () => {
    const r = verifySource(withPl('rok | lata'), 'pa.yaml');
    const p = r.problems.filter((x) => x.code === 'plural_category_missing');
    expect(p).toHaveLength(1);
    expect(p[0].severity).toBe('error');
    expect(p[0].message).toContain('outcomes.zustimmung_fehlt.say.pl: {plural alter} has no few, many form, which pl needs');
    expect(p[0].hint).toContain('{plural alter: few=… | many=… | other=…}');
    expect(p[0].line).toBeGreaterThan(200);
  });
  it('naming one, few, many and other is clean; German and English need only two', () => {
    const r = verifySource(withPl('one=rok | few=lata | many=lat | other=roku'), 'pa.yaml');
    expect(codes(r.problems)).not.toContain('plural_category_missing');
    expect(codes(verifySource(exampleSource('personalausweis'), 'pa.yaml').problems)).not.toContain('plural_category_missing');
  });
});
