import { parseTemplate, renderNodes, templateParts, type TemplateEnv } from '.';

function render(text: string, scope: Record<string, unknown>): string {
  const p = parseTemplate(text);
  if (!p.ok) throw new Error(p.problem.message);
  const env: TemplateEnv = {
    text: (path) => (scope[path] === undefined || scope[path] === null ? null : String(scope[path])),
    raw: (path) => scope[path],
    // A tiny condition language for the test: "name" is truthy, "!name" falsy.
    cond: (e) => (e.startsWith('!') ? !scope[e.slice(1)] : Boolean(scope[e])),
    missingText: '(keine Angabe)',
  };
  return renderNodes(p.nodes, env);
}

describe('templates', () => {
  it('inserts values and paths', () => {
    expect(render('Gebühr {gebuehr} €, Termin {termin.beginn}', { gebuehr: '46,00', 'termin.beginn': 'Montag' })).toBe('Gebühr 46,00 €, Termin Montag');
  });

  it('says things conditionally with if, else if and else, nested', () => {
    const t = '{if a}A{if b} und B{end}{else if c}C{else}keins{end}.';
    expect(render(t, { a: true, b: true })).toBe('A und B.');
    expect(render(t, { a: true })).toBe('A.');
    expect(render(t, { c: true })).toBe('C.');
    expect(render(t, {})).toBe('keins.');
  });

  it('picks singular for 1 and plural otherwise', () => {
    const t = '{n} {plural n: Jahr | Jahre}';
    expect(render(t, { n: 1 })).toBe('1 Jahr');
    expect(render(t, { n: 6 })).toBe('6 Jahre');
    expect(render(t, { n: 0 })).toBe('0 Jahre');
  });

  it('reports every missing insert to the caller', () => {
    const p = parseTemplate('Summe {gesamt} €{if x} {y}{end}');
    if (!p.ok) throw new Error('parse');
    const missing: string[] = [];
    renderNodes(p.nodes, { text: () => null, raw: () => undefined, cond: () => true, missingText: '-', missing: (m) => missing.push(m) });
    expect(missing).toEqual(['gesamt', 'y']);
  });

  it('writes literal braces doubled and keeps braces inside FEEL strings', () => {
    expect(render('{{roh}}', {})).toBe('{roh}');
    const p = parseTemplate('{if art = "a}b"}x{end}');
    expect(p.ok && templateParts(p.nodes).conditions[0].cond).toBe('art = "a}b"');
  });

  it.each([
    ['Summe {gesamt €', 6, 'never closed'],
    ['{if x}offen', 0, 'never closed'],
    ['zu}', 2, 'without an opening'],
    ['{else}x', 0, 'without a matching {if}'],
    ['{Gebühr}', 0, 'neither a name nor a tag'],
    ['{plural n: Jahr}', 0, 'not a plural form'],
    ['{if }x{end}', 0, 'without a condition'],
  ])('%s is a problem at offset %i with a fix', (text, at, words) => {
    const p = parseTemplate(text);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problem.at).toBe(at);
    expect(p.problem.message).toContain(words);
    expect(p.problem.hint.length).toBeGreaterThan(10);
  });
});
