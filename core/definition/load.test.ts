import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, loadDefinition, type Problem } from './index';

const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const brief = (ps: Problem[]): string[] => ps.map((p) => `${p.line}:${p.col} ${p.code}`);

describe('loadDefinition on the sample definition', () => {
  it('loads the valid sample with zero problems', () => {
    const { definition, problems } = loadDefinition(fixture('personalausweis.yaml'), 'personalausweis.yaml');
    expect(problems).toEqual([]);
    expect(definition?.service).toBe('personalausweis');
    expect(definition?.version).toBe('2026.2');
    expect(definition?.settings.max_attempts).toBe(3);
  });

  it('reports every seeded error of the broken copy at its line:col, all at once', () => {
    const { definition, problems } = loadDefinition(fixture('personalausweis-broken.yaml'), 'broken.yaml');
    expect(definition).toBeUndefined();
    expect(brief(problems)).toEqual([
      '5:25 yaml_syntax', // leika: "..." extra
      '12:17 wrong_type', // max_attempts: abc
      '33:23 feel_syntax', // when: "alter < (16"  (end of the expression, inside the quotes)
      '35:5 unknown_key', // tpye: email
      '61:25 unknown_reference', // collect: [anliegen, geburtstag]
      '62:23 type_mismatch', // if: "geburtsdatum < 18"  (at the <)
      '68:5 unknown_key', // - colect: [email]
    ]);
    const byCode = (code: string, line: number) => problems.find((p) => p.code === code && p.line === line)!;
    expect(byCode('wrong_type', 12).message).toContain("expected a number, got the text 'abc'");
    expect(byCode('unknown_key', 35).hint).toBe('did you mean `type`?');
    expect(byCode('unknown_key', 68).hint).toBe('did you mean `collect`?');
    expect(byCode('unknown_reference', 61).message).toContain('`geburtstag`, which is not a slot');
    expect(byCode('type_mismatch', 62).message).toContain('date');
    expect(byCode('type_mismatch', 62).hint).toContain('years and months duration');
    for (const p of problems) expect(p.file).toBe('broken.yaml');
  });

  it('speaks German with lang de', () => {
    const { problems } = loadDefinition(fixture('personalausweis-broken.yaml'), 'broken.yaml', { lang: 'de' });
    expect(problems.find((p) => p.line === 35)!.message).toBe('unbekannter Schlüssel `tpye` in Slot `email`');
    expect(problems.find((p) => p.line === 35)!.hint).toBe('Meinten Sie `type`?');
    expect(brief(problems)).toHaveLength(7);
  });
});

describe('follow-on noise after a YAML syntax error', () => {
  it('reports a tab used for indentation on its own line, not every later line', () => {
    const source = fixture('personalausweis.yaml').split('\n');
    const line = source.findIndex((l) => /^    type: /.test(l));
    source[line] = source[line].replace(/^    /, '\t');
    const { problems } = loadDefinition(source.join('\n'), 'tab.yaml');
    const syntaxLines = new Set(problems.filter((p) => p.code === 'yaml_syntax').map((p) => p.line));
    expect([...syntaxLines]).toEqual([line + 1]);
    expect(problems.filter((p) => p.code === 'missing_key')).toEqual([]);
  });
});

describe('formatProblem', () => {
  it('writes file:line:col: message and the hint below', () => {
    const p: Problem = { code: 'unknown_key', severity: 'error', message: 'unknown key `tpye`', hint: 'did you mean `type`?', file: 'a.yaml', line: 3, col: 5, path: [] };
    expect(formatProblem(p)).toBe('a.yaml:3:5: unknown key `tpye`\n    did you mean `type`?');
    expect(formatProblem({ ...p, hint: undefined, severity: 'warning' })).toBe('a.yaml:3:5: warning: unknown key `tpye`');
  });
});
