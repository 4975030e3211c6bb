import { parse } from 'yaml';
import { z } from 'zod';
import { DerivedValue, Slot } from '../definition/schema';
import { definitionTypes, evaluateValues, orderValues, RuleError, selectVersion, type ValuesDefinition } from '.';

/** The Personalausweis rules as a designer writes them, parsed by the real schema. */
const personalausweisYaml = `
slots:
  geburtsdatum: { type: date, ask: "Wie lautet Ihr Geburtsdatum?", personal: true }
  foto: { type: enum, ask: "Foto?", values: { vor_ort: { label: "vor Ort" }, fotograf: { label: "Fotograf" } } }
values:
  gesamt:
    expr: gebuehr + foto_gebuehr
    type: money
  gebuehr:
    legal_basis: "§ 1 PAuswGebV"
    type: money
    valid_from:
      2021-01-01: { table: { hit: unique, rows: [ { id: unter_24, when: { alter: "< 24" }, then: 22.80 }, { id: ab_24, when: { alter: ">= 24" }, then: 37.00 } ] } }
      2026-02-07: { table: { hit: unique, rows: [ { id: unter_24, when: { alter: "< 24" }, then: 27.60 }, { id: ab_24, when: { alter: ">= 24" }, then: 46.00 } ] } }
  foto_gebuehr: 'if foto = "vor_ort" then 6 else 0'
  alter: "years and months duration(geburtsdatum, today).years"
`;

function load(yaml: string): ValuesDefinition {
  const raw = parse(yaml) as { slots: unknown; values: unknown };
  return {
    slots: z.record(z.string(), Slot).parse(raw.slots),
    values: z.record(z.string(), DerivedValue).parse(raw.values ?? {}),
  };
}

const personalausweis = load(personalausweisYaml);

describe('Personalausweis fee with effective dating', () => {
  const born1996 = { geburtsdatum: '1996-01-15', foto: 'fotograf' };

  it('charges 37.00 for a 30-year-old on 2026-02-06 (old version)', () => {
    const { values, trail } = evaluateValues(personalausweis, born1996, { referenceDate: '2026-02-06' });
    expect(values.alter).toBe(30);
    expect(values.gebuehr).toBe(37);
    const entry = trail.find((t) => t.rule === 'gebuehr');
    expect(entry).toEqual({ type: 'rule', rule: 'gebuehr', inputs: { alter: 30 }, row: 'ab_24', version: '2021-01-01', result: 37, legal_basis: ['§ 1 PAuswGebV'] });
  });

  it('charges 46.00 from 2026-02-07 (new version)', () => {
    const { values, trail } = evaluateValues(personalausweis, born1996, { referenceDate: '2026-02-07' });
    expect(values.alter).toBe(30);
    expect(values.gebuehr).toBe(46);
    expect(trail.find((t) => t.rule === 'gebuehr')?.version).toBe('2026-02-07');
  });

  it('counts age 24 from the 24th birthday itself', () => {
    const young = { geburtsdatum: '2002-06-15', foto: 'vor_ort' };
    const before = evaluateValues(personalausweis, young, { referenceDate: '2026-06-14' });
    expect(before.values).toMatchObject({ alter: 23, gebuehr: 27.6, foto_gebuehr: 6, gesamt: 33.6 });
    const on = evaluateValues(personalausweis, young, { referenceDate: '2026-06-15' });
    expect(on.values).toMatchObject({ alter: 24, gebuehr: 46, gesamt: 52 });
  });

  it('evaluates in dependency order and records what each rule read, including today', () => {
    const { trail } = evaluateValues(personalausweis, born1996, { referenceDate: '2026-06-14' });
    expect(trail.map((t) => t.rule)).toEqual(['alter', 'gebuehr', 'foto_gebuehr', 'gesamt']);
    expect(trail[0].inputs).toEqual({ geburtsdatum: '1996-01-15', today: '2026-06-14' });
    expect(trail[3].inputs).toEqual({ gebuehr: 46, foto_gebuehr: 0 });
  });

  it('fails clearly before the first version', () => {
    expect(() => evaluateValues(personalausweis, born1996, { referenceDate: '2020-12-31' }))
      .toThrow('no version of gebuehr is valid on 2020-12-31; the earliest starts 2021-01-01');
  });

  it('leaves values undefined whose inputs are missing, without a trail entry', () => {
    const { values, trail } = evaluateValues(personalausweis, { foto: 'vor_ort' }, { referenceDate: '2026-06-14' });
    expect(values).toEqual({ foto_gebuehr: 6 });
    expect(trail.map((t) => t.rule)).toEqual(['foto_gebuehr']);
    expect('alter' in values).toBe(false);
  });

  it('recomputes a derived value even if a stale one is in scope', () => {
    const { values } = evaluateValues(personalausweis, { ...born1996, alter: 99 }, { referenceDate: '2026-06-14' });
    expect(values.alter).toBe(30);
  });
});

describe('evaluateValues', () => {
  it('rounds money to cents and other numbers to 10 decimals', () => {
    const def = load(`
slots: { betrag: { type: money, ask: "Betrag?" } }
values:
  anteil: { expr: "betrag / 3", type: money }
  roh: "betrag / 3"
  summe: "0.1 + 0.2"
`);
    const { values } = evaluateValues(def, { betrag: 10 }, { referenceDate: '2026-01-01' });
    expect(values).toEqual({ anteil: 3.33, roh: 3.3333333333, summe: 0.3 });
  });

  it('uses action results in scope and types date results for later rules', () => {
    const def: ValuesDefinition = {
      ...load(`
slots: { einzug: { type: date, ask: "Wann?" } }
values:
  frist_ende: { expr: 'einzug + duration("P14D")', type: date, legal_basis: ["§ 17 Abs. 1 BMG"] }
  verspaetet: "today > frist_ende"
  termin_rechtzeitig: "termin.datum <= frist_ende"
`),
      flow: [{ action: 'calendar.book', result: 'termin' }],
    };
    const withoutTermin = evaluateValues(def, { einzug: '2026-06-01' }, { referenceDate: '2026-06-20' });
    expect(withoutTermin.values).toEqual({ frist_ende: '2026-06-15', verspaetet: true });
    const withTermin = evaluateValues(def, { einzug: '2026-06-01', termin: { datum: '2026-06-10', beginn: '09:30' } }, { referenceDate: '2026-06-05' });
    expect(withTermin.values).toEqual({ frist_ende: '2026-06-15', verspaetet: false, termin_rechtzeitig: true });
    expect(withTermin.trail[0].legal_basis).toEqual(['§ 17 Abs. 1 BMG']);
  });

  it('rejects a result that contradicts the declared type', () => {
    const def = load(`
slots: { a: { type: integer, ask: "a?" } }
values:
  ok_datum: { table: { hit: first, rows: [ { when: { a: "-" }, then: "2026-01-01" } ] }, type: date }
  falsch: { expr: '"sechs"', type: money }
  halb: { expr: "a / 2", type: integer }
`);
    expect(() => evaluateValues(def, { a: 4 }, { referenceDate: '2026-01-01' })).toThrow('value falsch is declared as money but yields a string');
    const { falsch: _ignored, ...rest } = def.values;
    expect(evaluateValues({ ...def, values: rest }, { a: 4 }, { referenceDate: '2026-01-01' }).values).toEqual({ ok_datum: '2026-01-01', halb: 2 });
    expect(() => evaluateValues({ ...def, values: rest }, { a: 3 }, { referenceDate: '2026-01-01' })).toThrow('value halb is declared as integer but yields a number with decimals');
  });

  it('reports a name that is neither slot, value nor action result', () => {
    const def = load(`
slots: { a: { type: integer, ask: "a?" } }
values: { b: "a + tippfehler" }
`);
    let err: unknown;
    try { evaluateValues(def, { a: 1 }, { referenceDate: '2026-01-01' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RuleError);
    expect((err as RuleError).code).toBe('unknown_name');
    expect((err as RuleError).message).toContain('value b reads "tippfehler"');
  });

  it('collect tables with sum produce the row list in the trail', () => {
    const def = load(`
slots:
  anzahl: { type: integer, ask: "Wie viele Hunde?" }
  gefaehrlich: { type: boolean, ask: "Gefährlich?" }
values:
  steuer:
    legal_basis: "§ 2 Hundesteuersatzung"
    table:
      hit: collect
      aggregate: sum
      rows:
        - { id: grund, when: { anzahl: ">= 1" }, then: 129, legal_basis: "§ 2 Abs. 1" }
        - { id: zuschlag, when: { gefaehrlich: "true" }, then: 498, legal_basis: "§ 2 Abs. 2" }
`);
    const { values, trail } = evaluateValues(def, { anzahl: 1, gefaehrlich: true }, { referenceDate: '2026-01-01' });
    expect(values.steuer).toBe(627);
    expect(trail[0]).toMatchObject({ row: ['grund', 'zuschlag'], legal_basis: ['§ 2 Hundesteuersatzung', '§ 2 Abs. 1', '§ 2 Abs. 2'] });
  });

  it('accepts literal bodies in valid_from versions', () => {
    const def = load(`
slots: {}
values:
  satz: { valid_from: { 2024-01-01: 10, 2025-01-01: { expr: "12 + 0.5" } } }
`);
    expect(evaluateValues(def, {}, { referenceDate: '2024-12-31' }).values.satz).toBe(10);
    expect(evaluateValues(def, {}, { referenceDate: '2025-01-01' }).trail[0]).toMatchObject({ result: 12.5, version: '2025-01-01' });
  });
});

describe('orderValues', () => {
  it('detects a cycle and names it', () => {
    const def = load(`
slots: {}
values: { a: "b + 1", b: "c + 1", c: "a + 1" }
`);
    expect(() => orderValues(def)).toThrow('a → b → c → a');
  });

  it('rejects a value with two forms', () => {
    const def = { values: { x: { expr: '1', table: { hit: 'first' as const, rows: [{ when: {}, then: 1 }] } } } };
    expect(() => orderValues(def)).toThrow(/exactly one of expr, table or valid_from/);
  });
});

describe('selectVersion', () => {
  const versions = { '2026-02-07': 'neu', '2021-01-01': 'alt' };
  it('picks the latest date on or before the reference date, whatever the key order', () => {
    expect(selectVersion('g', versions, '2026-02-06')).toEqual({ version: '2021-01-01', body: 'alt' });
    expect(selectVersion('g', versions, '2026-02-07')).toEqual({ version: '2026-02-07', body: 'neu' });
    expect(selectVersion('g', versions, '2030-01-01').body).toBe('neu');
  });
  it('rejects a reference date that is not canonical', () => {
    expect(() => selectVersion('g', versions, '07.02.2026')).toThrow(/reference date for g must be written YYYY-MM-DD/);
  });
  it('rejects keys that are not dates', () => {
    expect(() => selectVersion('g', { '1.1.2021': 1 }, '2026-01-01')).toThrow(/write it as YYYY-MM-DD/);
  });
});

describe('definitionTypes', () => {
  it('types slots by slot type and values by declared type', () => {
    expect(definitionTypes(personalausweis)).toEqual({ geburtsdatum: 'date', foto: 'string', gesamt: 'number', gebuehr: 'number' });
  });
});

describe('missing values: null, FEEL null rules and default', () => {
  const def = load(`
slots:
  direktversand: { type: boolean, ask: "Versand?" }
  anzahl: { type: integer, ask: "Wie viele?" }
  einzug: { type: date, ask: "Einzug?" }
values:
  versand: "if direktversand = true then 15 else 0"
  zuschlag: "anzahl * 5"
  zuschlag_oder_null: { expr: "anzahl * 5", default: 0 }
  gebuehr:
    as_of: einzug
    valid_from:
      2026-01-01: 10
      2026-07-01: 12
`);

  it('evaluates with null inputs: if … then … else 0 is a number, arithmetic stays null', () => {
    const { values } = evaluateValues(def, { direktversand: null, anzahl: null }, { referenceDate: '2026-03-01' });
    expect(values.versand).toBe(0);
    expect(values.zuschlag).toBeNull();
    expect(values.zuschlag_oder_null).toBe(0);
  });

  it('leaves a value undefined while its inputs are still unknown', () => {
    const { values } = evaluateValues(def, {}, { referenceDate: '2026-03-01' });
    expect('versand' in values).toBe(false);
    expect('zuschlag' in values).toBe(false);
  });

  it('dates a value by its as_of slot, not the reference date', () => {
    const at = (einzug: string | null) => evaluateValues(def, { einzug }, { referenceDate: '2026-03-01' });
    expect(at('2026-06-30').values.gebuehr).toBe(10);
    expect(at('2026-07-01').values.gebuehr).toBe(12);
    expect(at('2026-07-01').trail.find((e) => e.rule === 'gebuehr')?.version).toBe('2026-07-01');
    expect(at(null).values.gebuehr).toBe(10); // not asked: the session reference date
  });
});
