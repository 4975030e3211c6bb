/**
 * Schemathesis for the test suite: installed from PyPI into a virtualenv under
 * `.cache/schemathesis/` when missing (once per machine, under a file lock, pinned), then run as
 * a child process against a server on loopback. Not a test file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.cache', 'schemathesis');
const VENV = join(DIR, `venv-${SCHEMATHESIS_VERSION}`);
const DONE = join(VENV, '.installed');

/** The `st` executable, installing schemathesis first when this machine does not have it. */
export function ensureSchemathesis(log: (line: string) => void = () => undefined): string {
  const st = join(VENV, 'bin', 'st');
  if (existsSync(DONE) && existsSync(st)) return st;
  mkdirSync(DIR, { recursive: true });
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${VENV} (first run on this machine)`);
  // A half-finished venv (a killed install) is thrown away; the marker is written only after pip succeeded.
  const script = `test -f "${DONE}" || { rm -rf "${VENV}" && python3 -m venv "${VENV}" `
    + `&& "${VENV}/bin/pip" install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}" && touch "${DONE}"; }`;
  const r = spawnSync('flock', [join(DIR, 'install.lock'), 'sh', '-c', script], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 900_000 });
  if (r.status !== 0 || !existsSync(st)) {
    throw new Error(`Installing schemathesis failed (exit ${r.status ?? r.signal}). It needs python3 with venv and PyPI; `
      + `try: python3 -m venv ${VENV} && ${VENV}/bin/pip install schemathesis==${SCHEMATHESIS_VERSION}`);
  }
  return st;
}

export interface SchemathesisRun { exitCode: number; output: string; seconds: number }

/**
 * Runs `st <globalArgs> run <args>` in `cwd` (schemathesis keeps its example database there)
 * without blocking the event loop.
 */
export function runSchemathesis(
  st: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000, globalArgs: string[] = [], cwd?: string,
): Promise<SchemathesisRun> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(st, [...globalArgs, 'run', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code ?? (signal ? 128 : 1), output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** A real `amtsweg serve` child on loopback for a schemathesis run; its stderr is the request log. */
export interface ServeChild { url: string; log(): string; stop(): Promise<void> }

/**
 * Starts `amtsweg serve` with the example definitions, a data folder under `dir`, rate limits
 * off and no AMTSWEG_* settings from the caller's shell except `env`; `args` add engine flags.
 */
export async function startServeChild(dir: string, port: number, args: string[] = [], env: Record<string, string> = {}): Promise<ServeChild> {
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('AMTSWEG_') || key.startsWith('TEMPORAL_')) delete base[key];
  // Its request log (method, route, status; no bodies) is what the tests count 5xx in: on, though under jest.
  delete base.JEST_WORKER_ID;
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), 'serve', '--host', '127.0.0.1', '--port', String(port),
    '--data', join(dir, 'data'), '--definitions', join(ROOT, 'definitions'), '--today', '2026-12-01', '--rate-ip', 'off', '--rate-session', 'off', '--rate-new-session', 'off', ...args],
  { cwd: dir, env: { ...base, AMTSWEG_LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res(m[1]);
    });
    child.once('exit', (code) => rej(new Error(`serve exited (${code}) before listening: ${log.slice(-2000)}`)));
  });
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What a run against `serve` found: schemathesis's verdict and the statuses serve logged. */
export interface ApiRun { run: SchemathesisRun; statuses: number[]; summary: string }

/**
 * All checks, stateful links, a fixed seed and `maxExamples` per operation against the document
 * serve generates (pages excluded: they take no input; the route-walk test covers them).
 */
export async function fuzzServe(st: string, serve: ServeChild, cwd: string, maxExamples: number, extra: string[] = []): Promise<ApiRun> {
  const run = await runSchemathesis(st, [
    `${serve.url}/openapi.json`, '--checks', 'all', '--max-examples', String(maxExamples), '--seed', '20261203', '--workers', '1',
    '--request-timeout', '30', '--suppress-health-check', 'all', '--warnings', 'off',
    '--exclude-tag', 'pages', '--exclude-tag', 'desk pages', ...extra,
  ], { SCHEMATHESIS_HOOKS: 'schemathesis_hooks', PYTHONPATH: __dirname }, 900_000, ['--config-file', join(__dirname, 'schemathesis.toml')], cwd);
  const statuses = [...serve.log().matchAll(/"code":"http\.request".*?"status":(\d{3})/g)].map((m) => Number(m[1]));
  return { run, statuses, summary: /(\d+) generated/.exec(run.output)?.[0] ?? '(no summary)' };
}
