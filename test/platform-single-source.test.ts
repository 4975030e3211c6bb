/** Each security mechanism exists once, in platform/: nobody else encrypts, writes log lines or sets security headers. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', '.cache', 'data', 'bench', 'scripts']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.fixture.ts')) out.push(p);
  }
  return out;
}

const sources = files(ROOT).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));
const offenders = (re: RegExp, allowed: (path: string) => boolean) => sources.filter((s) => re.test(s.text) && !allowed(s.path)).map((s) => s.path);

test('AES-GCM and HMAC live only in platform/crypto', () => {
  expect(offenders(/createCipheriv|createDecipheriv|aes-256-gcm/, (p) => p.startsWith('platform/crypto/'))).toEqual([]);
  expect(offenders(/createHmac|timingSafeEqual/, (p) => p.startsWith('platform/crypto/'))).toEqual([]);
});

test('channels write log lines only through the logger', () => {
  expect(offenders(/process\.stderr\.write|console\.(log|error|warn|info)/, (p) => !p.startsWith('channels/'))).toEqual([]);
});

test('the engine, store, actions, model calls and audit write no raw log lines either', () => {
  // The CLI talks to its operator on the terminal; the Temporal worker's and connection's default
  // sinks print operator lines (task queue, retries), never session data.
  const operatorLines = new Set(['host/temporal/worker/index.ts', 'host/temporal/worker/bundle.ts', 'host/temporal/cli-options.ts', 'host/errors.ts']);
  const inside = (p: string) => /^(core|host|store|activities|llm|audit|platform|workflows|authoring)\//.test(p) && !p.startsWith('platform/logger/') && !operatorLines.has(p);
  expect(offenders(/process\.stderr\.write|process\.stdout\.write|console\.(log|error|warn|info|debug)/, (p) => !inside(p))).toEqual([]);
});

test('security headers and token buckets are defined once', () => {
  expect(offenders(/'X-Frame-Options'/, (p) => p.startsWith('platform/headers/'))).toEqual([]);
  expect(offenders(/\.tokens\s*(-=|=\s*Math)/, (p) => p.startsWith('platform/rate-limit/'))).toEqual([]);
});

test('every prompt with a citizen\'s words goes through the one pseudonymisation for external models', () => {
  // A new model call (an answer choice, a summary) must not send personal data in clear when AMTSWEG_LLM_EXTERNAL=true.
  const callers = sources.filter((s) => /\.completeJson\(/.test(s.text) && !s.path.startsWith('llm/testing/'));
  expect(callers.map((s) => s.path)).toEqual(expect.arrayContaining(['llm/propose.ts', 'llm/routing.ts']));
  // Authoring tools translate definitions (no citizen text); everything else must pseudonymise when external.
  const unguarded = callers.filter((s) => !s.path.startsWith('authoring/') && !/config\.external\s*\?\s*pseudonymise\(/.test(s.text));
  expect(unguarded.map((s) => s.path)).toEqual([]);
});
