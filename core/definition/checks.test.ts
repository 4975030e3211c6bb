import { loadDefinition, type Problem } from './index';

/** A small valid definition; tests replace parts of it to seed one mistake at a time. */
const BASE = `service: test_service
version: "1"
title: Test
privacy: { purpose: Test, basis: Art. 6 DSGVO, retention: P30D }
slots:
  geburtsdatum:
    type: date
    ask: "Geburtsdatum?"
  art:
    type: enum
    ask: "Welche Art?"
    values:
      neu: { label: Neu }
      alt: { label: Alt }
values:
  alter: "years and months duration(geburtsdatum, today).years"
flow:
  - collect: [geburtsdatum, art]
  - outcome: fertig
outcomes:
  fertig:
    kind: information
    say: "Sie sind {alter} Jahre alt."
`;

const load = (yaml: string, opts = {}) => loadDefinition(yaml, 't.yaml', opts);
const only = (ps: Problem[], code: string): Problem[] => ps.filter((p) => p.code === code);
const at = (p: Problem | undefined): string => (p ? `${p.line}:${p.col}` : 'none');
const swap = (a: string, b: string): string => {
  if (!BASE.includes(a)) throw new Error(`fixture does not contain ${a}`);
  return BASE.replace(a, b);
};

describe('structure problems', () => {
  it('the base loads cleanly', () => {
    expect(load(BASE).problems).toEqual([]);
  });

  it('reports a table cell whose test does not fit its column type, and a boolean result of a money value', () => {
    const yaml = swap('  alter: "years and months duration(geburtsdatum, today).years"\n', `  alter: "years and months duration(geburtsdatum, today).years"
  gebuehr:
    type: money
    table:
      hit: first
      rows:
        - { when: { alter: ">= date(\\"2020-01-01\\")" }, then: 1 }
        - { when: { geburtsdatum: "> 5" }, then: 2 }
        - { when: { alter: "-" }, then: true }
`);
    const { problems } = load(yaml);
    expect(only(problems, 'type_mismatch').map((p) => p.line)).toEqual([22, 23, 24]);
    expect(only(problems, 'type_mismatch')[2].message).toContain('declared as money but its expression gives a boolean');
  });

  it('explains a comma that split a flow mapping', () => {
    const { problems } = load(swap('    ask: "Geburtsdatum?"', '    ask: { de: Ihr Geburtsdatum, bitte }'));
    const [p] = only(problems, 'unknown_key');
    expect(p.message).toContain('unknown key `bitte`');
    expect(p.hint).toContain('in quotes');
  });

  it('reports a table result written with a German decimal comma, with the number to write', () => {
    const yaml = swap('  alter: "years and months duration(geburtsdatum, today).years"\n', `  alter: "years and months duration(geburtsdatum, today).years"
  gebuehr:
    table:
      hit: unique
      rows:
        - { when: { alter: "< 24" }, then: 27.60 }
        - { when: { alter: ">= 24" }, then: "46,00" }
`);
    const [p] = only(load(yaml).problems, 'mixed_row_results');
    expect(at(p)).toBe('22:45');
    expect(p.hint).toContain('46.00');
  });

  it('names the allowed values of an enum and suggests the closest', () => {
    const { problems } = load(swap('type: date', 'type: dat'));
    const p = only(problems, 'invalid_enum')[0];
    expect(p.message).toMatch(/^slot `geburtsdatum` type must be one of text, date, time/);
    expect(p.message).toContain("got the text 'dat'");
    expect(p.hint).toBe('did you mean `date`?');
    expect(at(p)).toBe('7:11');
  });

  it('reports a missing required key at the owner', () => {
    const { problems } = load(swap('    ask: "Geburtsdatum?"\n', ''));
    expect(only(problems, 'missing_key').map((p) => [at(p), p.message])).toEqual([['6:3', 'slot `geburtsdatum` is missing `ask`']]);
  });

  it('lists allowed keys when no key is close', () => {
    const { problems } = load(swap('    ask: "Geburtsdatum?"', '    ask: "Geburtsdatum?"\n    zzzzzz: 1'));
    const p = only(problems, 'unknown_key')[0];
    expect(p.hint).toMatch(/^allowed here: type, label, ask, hint/);
    expect(at(p)).toBe('9:5');
  });

  it('explains a flow step without a kind and one with two kinds', () => {
    const none = load(swap('  - outcome: fertig', '  - id: ende\n  - outcome: fertig')).problems;
    expect(only(none, 'unknown_step_kind').map((p) => [at(p), p.hint])).toEqual([['19:5', 'start it with one of collect, if, confirm, action, say, outcome, handoff']]);
    const two = load(swap('  - outcome: fertig', '  - outcome: fertig\n    say: Tschüss')).problems;
    expect(only(two, 'ambiguous_step_kind')[0].message).toBe('flow step 2 mixes say, outcome');
  });

  it('reports problems inside a nested step precisely, without union noise', () => {
    const { problems } = load(swap('  - outcome: fertig', '  - if: "alter < 18"\n    then:\n      - collect: []\n  - outcome: fertig'));
    expect(problems.map((p) => [p.code, at(p), p.message])).toEqual([['too_small', '21:18', 'flow step 2 > then 1 collect must not be empty']]);
  });

  it('checks names of records', () => {
    const { problems } = load(swap('  art:\n', '  Art:\n'));
    const p = only(problems, 'invalid_name')[0];
    expect(at(p)).toBe('9:3');
    expect(p.hint).toContain('`art`');
  });

  it('requires values on enum slots and refuses them elsewhere', () => {
    const without = load(swap('    values:\n      neu: { label: Neu }\n      alt: { label: Alt }\n', '')).problems;
    expect(only(without, 'enum_without_values').map(at)).toEqual(['9:3']);
    const misplaced = load(swap('    ask: "Geburtsdatum?"', '    ask: "Geburtsdatum?"\n    values: { a: { label: A } }')).problems;
    expect(only(misplaced, 'values_on_non_enum').map(at)).toEqual(['9:5']);
  });

  it('checks valid_from dates: order, real dates, duplicates', () => {
    const vf = (a: string, b: string) => swap('  alter: "years and months duration(geburtsdatum, today).years"',
      `  alter: "years and months duration(geburtsdatum, today).years"\n  gebuehr:\n    valid_from:\n      ${a}: 10\n      ${b}: 20`);
    expect(only(load(vf('2026-02-07', '2021-01-01')).problems, 'valid_from_order').map(at)).toEqual(['20:7']);
    expect(only(load(vf('2021-01-01', '2026-02-30')).problems, 'valid_from_date').map(at)).toEqual(['20:7']);
    const dup = load(vf('2021-01-01', '2021-01-01')).problems;
    expect(dup.map((p) => p.code)).toContain('yaml_syntax');
    expect(dup.find((p) => p.code === 'yaml_syntax')!.hint).toContain('only once');
  });

  it('finds cyclic derived values', () => {
    const { problems } = load(swap('  alter: "years and months duration(geburtsdatum, today).years"', '  a: "b + 1"\n  b: "a * 2"\n  alter: 1'));
    const cyc = only(problems, 'cyclic_value');
    expect(cyc).toHaveLength(1);
    expect(cyc[0].message).toContain('a → b → a');
    expect(at(cyc[0])).toBe('16:3');
  });

  it('warns when a number version loses digits', () => {
    const { problems, definition } = load(swap('version: "1"', 'version: 2026.10'));
    expect(problems.map((p) => [p.code, p.severity, p.hint])).toEqual([['version_number', 'warning', 'quote it: version: "2026.10"']]);
    expect(definition).toBeDefined();
  });
});

describe('references', () => {
  it('unknown outcome, placeholder, outcome value, table input, confirm entry', () => {
    const yaml = swap('  - outcome: fertig', '  - confirm: [geburtsdatm]\n  - outcome: fertg')
      .replace('say: "Sie sind {alter} Jahre alt."', 'say: "Sie sind {altr} Jahre alt."\n    values: [alter, gebuhr]')
      .replace('  alter: "years and months duration(geburtsdatum, today).years"',
        '  alter: "years and months duration(geburtsdatum, today).years"\n  gebuehr: { table: { hit: first, rows: [ { when: { altr: "< 24" }, then: 1 } ] } }');
    const { problems } = load(yaml);
    const refs = only(problems, 'unknown_reference').map((p) => [at(p), p.hint]);
    expect(refs).toEqual([
      ['17:53', 'did you mean `alter`?'], // table column altr
      ['20:15', 'did you mean `geburtsdatum`?'], // confirm: [geburtsdatm]
      ['21:14', 'did you mean `fertig`?'], // outcome: fertg
      ['25:21', 'did you mean `alter`?'], // {altr} in say
      ['26:21', 'did you mean `gebuehr`?'], // values: [alter, gebuhr]
    ]);
    expect(only(problems, 'unused_outcome').map((p) => p.severity)).toEqual(['warning']);
  });

  it('unknown names in FEEL, with a quoting hint for text in a table cell', () => {
    const yaml = swap('  alter: "years and months duration(geburtsdatum, today).years"',
      '  alter: "years and months duration(geburtstag, today).years"\n  rabatt: { table: { hit: first, rows: [ { when: { geburtsdatum: neu }, then: 1 } ] } }');
    const { problems } = load(yaml);
    expect(only(problems, 'unknown_reference').map((p) => [at(p), p.hint])).toEqual([
      ['16:37', 'did you mean `geburtsdatum`?'],
      ['17:66', `if you mean the text, write the cell as geburtsdatum: '"neu"' (double quotes for FEEL inside single quotes for YAML; geburtsdatum: "neu" is the same as the bare word)`],
    ]);
  });

  it('knows action results and checks action names when given', () => {
    const yaml = swap('  - outcome: fertig', '  - action: calendar.bok\n    with: { datum: "geburtsdatum" }\n    result: termin\n  - outcome: fertig')
      .replace('say: "Sie sind {alter} Jahre alt."', 'say: "Termin: {termin.beginn}"');
    expect(load(yaml).problems).toEqual([]);
    const { problems } = load(yaml, { actions: ['calendar.book', 'notify.send'] });
    expect(only(problems, 'unknown_action').map((p) => [at(p), p.hint])).toEqual([['19:13', 'did you mean `calendar.book`?']]);
  });

  it('checks the inputs of an action against its spec', () => {
    const yaml = swap('  - outcome: fertig', '  - action: calendar.book\n    with: { locaton: art, date: geburtsdatum }\n    result: termin\n  - outcome: fertig')
      .replace('say: "Sie sind {alter} Jahre alt."', 'say: "Termin: {termin.beginn}"');
    const spec = { name: 'calendar.book', inputs: { required: ['location', 'concerns'], optional: ['date', 'time'] } };
    const { problems } = load(yaml, { actions: [spec] });
    expect(only(problems, 'unknown_action_input').map((p) => [at(p), p.hint])).toEqual([['20:13', 'did you mean `location`?']]);
    expect(only(problems, 'missing_action_input').map((p) => p.message)).toEqual([
      expect.stringContaining('needs the input `location`'), expect.stringContaining('needs the input `concerns`'),
    ]);
  });
});

describe('FEEL positions and types', () => {
  it('positions a syntax error inside a single-quoted and a block scalar', () => {
    const single = load(swap('  - outcome: fertig', "  - if: 'alter > (3'\n    then: [ { outcome: fertig } ]\n  - outcome: fertig")).problems;
    expect(only(single, 'feel_syntax').map(at)).toEqual(['19:20']);
    const block = load(swap('  - outcome: fertig', '  - if: |\n      alter > 3 and\n      alter <\n    then: [ { outcome: fertig } ]\n  - outcome: fertig')).problems;
    const p = only(block, 'feel_syntax')[0];
    expect(at(p)).toBe('21:14'); // right after the dangling <
  });

  it('demands a condition where one is expected', () => {
    const { problems } = load(swap('  - outcome: fertig', '  - if: "alter + 1"\n    then: [ { outcome: fertig } ]\n  - outcome: fertig'));
    expect(only(problems, 'type_mismatch').map((p) => [at(p), p.message])).toEqual([['19:9', 'flow step 2 if must be a condition (true or false), but it is a number']]);
  });

  it('checks a declared value type against its expression', () => {
    const { problems } = load(swap('  alter: "years and months duration(geburtsdatum, today).years"',
      '  alter:\n    type: date\n    expr: "years and months duration(geburtsdatum, today).years"'));
    expect(only(problems, 'type_mismatch').map((p) => p.message)).toEqual(['value `alter` expr is declared as date but its expression gives a number']);
  });
});

describe('bad input never throws', () => {
  const inputs = ['', '   \n', '- a\n- b', 'just text', 'service: [', '{', 'slots: 5', 'flow: {a: 1}', ': :', '\t- x', 'a: *nope', 'service: x\nflow: [ [ ] ]\noutcomes: []',
    'flow:\n  - if: 3\n    then: 4', 'values: { a: { valid_from: { x: { table: 5 } } } }', 'slots: { a: { type: enum, values: [1] } }'];
  it.each(inputs.map((s) => [s]))('%j', (input) => {
    const { definition, problems } = load(input);
    expect(definition).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.col).toBeGreaterThanOrEqual(1);
      expect(p.message.length).toBeGreaterThan(5);
      expect(p.code).not.toBe('check_failed');
    }
  });
});

describe('slot options and flow order', () => {
  it('warns about options that do not fit the slot type and rejects a broken pattern', () => {
    const { problems } = load(swap('    ask: "Geburtsdatum?"', '    ask: "Geburtsdatum?"\n    min_length: 2\n    pattern: "[0-9"'));
    expect(problems.map((p) => [p.code, p.severity, at(p)])).toEqual([
      ['option_not_for_type', 'warning', '9:5'],
      ['option_not_for_type', 'warning', '10:5'],
      ['invalid_pattern', 'error', '10:14'],
    ]);
  });

  it('warns when a step reads an action result before the action ran', () => {
    const yaml = swap('  - outcome: fertig', '  - say: "Ihr Termin: {termin.beginn}"\n  - action: calendar.book\n    result: termin\n  - say: "Gebucht: {termin.beginn}"\n  - outcome: fertig');
    const { problems, definition } = load(yaml);
    expect(problems.map((p) => [p.code, p.severity, at(p)])).toEqual([['result_before_action', 'warning', '19:24']]);
    expect(definition).toBeDefined();
  });
});
