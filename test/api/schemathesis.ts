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
