/** Advice that names the real cause: one space too many, and text in an enum table cell. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinition } from '../core/definition';

const SOURCE = readFileSync(join(__dirname, '..', 'definitions', 'personalausweis.yaml'), 'utf8');
const lines = SOURCE.split('\n');
// By the line's start: the translated definitions carry more languages after these words.
const lineOf = (start: string): number => lines.findIndex((l) => l.startsWith(start)) + 1;

describe('indentation advice', () => {
  it('one extra space gives one error at that line, saying the column to write it at', () => {
    const n = lineOf('    label: { de: "Geburtsdatum", en: "Date of birth"');
    const broken = lines.map((l, i) => (i === n - 1 ? ` ${l}` : l)).join('\n');
    const { problems } = loadDefinition(broken, 'p.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'yaml_indentation', line: n, col: 6 });
    expect(problems[0].message).toContain(`than \`type:\` on line ${n - 1}, which already has its value`);
    expect(problems[0].hint).toContain('start it at column 5');
  });

  it('a misaligned list item is one error, without the follow-on ones below it', () => {
    const n = lineOf('  - id: ausstattung');
    const broken = lines.map((l, i) => (i === n - 1 ? ` ${l}` : l)).join('\n');
    const { problems } = loadDefinition(broken, 'p.yaml');
    expect(problems.map((p) => `${p.line}:${p.code}`)).toEqual([`${n}:yaml_syntax`]);
  });
});

describe('text in table cells', () => {
  const table = (cell: string) => `service: t
version: "1"
title: T
privacy: { purpose: T, basis: "Art. 6 DSGVO", retention: P30D }
slots:
  art: { type: enum, ask: "Art?", values: { einfach: { label: Einfach }, erweitert: { label: Erweitert } } }
  ort: { type: text, ask: "Ort?" }
values:
  gebuehr: { table: { hit: first, rows: [ { when: ${cell}, then: 13 } ] } }
flow: [ { collect: [art, ort] }, { outcome: ok } ]
outcomes: { ok: { kind: information, say: "{gebuehr}" } }
`;
  const problems = (cell: string) => loadDefinition(table(cell), 't.yaml').problems;

  it('accepts an enum value written bare or in FEEL quotes', () => {
    expect(problems('{ art: einfach }')).toEqual([]);
    expect(problems(`{ art: '"einfach"' }`)).toEqual([]);
  });

  it('a misspelt or numeric enum cell names the values and what to write', () => {
    const [typo] = problems('{ art: erweitrt }');
    expect(typo.code).toBe('unknown_enum_value');
    expect(typo.hint).toContain('did you mean "erweitert"?');
    const [num] = problems('{ art: 5 }');
    expect(num.code).toBe('enum_cell_type');
    expect(num.hint).toContain(`art: '"einfach"'`);
  });

  it('a bare word in a text column is told to write it in both quotes', () => {
    const [p] = problems('{ ort: buer }');
    expect(p.hint).toContain(`write the cell as ort: '"buer"'`);
  });
});
