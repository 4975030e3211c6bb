import path from 'node:path';
import { ESLint } from 'eslint';

// The determinism guarantee rests on this lint rule; prove it bites where it should and only there.
const root = path.resolve(__dirname, '..');
// The config is passed in directly: ESLint's own config loading uses dynamic import, which jest's VM does not allow.
const config = require('../eslint.config.js');
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('determinism lint rule for core/, host/loop/ and host/temporal/workflows/', () => {
  const violations: [string, string][] = [
    ['export const t = Date.now();', 'no-restricted-syntax'],
    ['export const t = new Date();', 'no-restricted-syntax'],
    ['export const r = Math.random();', 'no-restricted-syntax'],
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
    ["import Database from 'better-sqlite3';\nexport const d = Database;", 'no-restricted-imports'],
    ["import { x } from '../../engine/sqlite';\nexport const y = x;", 'no-restricted-imports'],
    ['export const e = process.env.X;', 'no-restricted-globals'],
    ['export const h = setTimeout(() => 1, 5);', 'no-restricted-globals'],
  ];

  it.each(violations)('rejects %s in core/', async (code, rule) => {
    expect(await ruleIds(code, 'core/session/lint-probe.ts')).toContain(rule);
  });

  it.each(['host/temporal/workflows/lint-probe.ts', 'host/loop/lint-probe.ts'])('rejects the clock and host imports in %s too', async (file) => {
    expect(await ruleIds('export const t = Date.now();', file)).toContain('no-restricted-syntax');
    expect(await ruleIds("import { x } from '../embedded/store';\nexport const y = x;", file)).toContain('no-restricted-imports');
  });

  it('allows a date built from a parameter', async () => {
    expect(await ruleIds('export const d = (iso: string) => new Date(iso).getTime();', 'core/session/lint-probe.ts')).toEqual([]);
  });

  it('leaves hosts free to use the clock', async () => {
    expect(await ruleIds('export const t = Date.now();', 'host/embedded/lint-probe.ts')).toEqual([]);
  });

  it('refuses import() of a relative path in run-time code (it fails under tsx), not in tests', async () => {
    const lazy = "export const m = () => import('../core/definition');";
    expect(await ruleIds(lazy, 'host/embedded/lint-probe.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(lazy, 'host/embedded/x.test.ts')).toEqual([]);
  });

  it('refuses focused or skipped tests anywhere', async () => {
    // Built from parts so that repository-wide greps for focused tests do not match this probe.
    const focused = ['it', 'only'].join('.') + "('x', () => undefined);";
    expect(await ruleIds(focused, 'host/embedded/x.test.ts')).toContain('no-restricted-syntax');
  });
});
