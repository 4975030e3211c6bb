/**
 * One PostgreSQL server per test run, from Debian's packages (installed with apt-get when
 * missing, as on a fresh CI machine), started lazily by the first suite that needs it on a free
 * loopback port with its data in a temp folder, shared by the run's suites through a state file,
 * and stopped by the jest globalTeardown. As root it runs as the unprivileged `postgres` user
 * (PostgreSQL refuses root). Servers of crashed runs are stopped by the next globalSetup.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../platform/net';

const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.cache', 'postgres', 'test-runs');
const SUPERUSER = 'amtsweg';

interface ServerState { port: number; dataDir: string; owner: number; pid?: number }

const runOwner = (): number => Number(process.env.AMTSWEG_TEST_RUN_OWNER ?? process.ppid);
const stateFile = (owner: number): string => join(DIR, `${owner}.json`);
const lockDir = (owner: number): string => join(DIR, `${owner}.lock`);
const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function readState(file: string): ServerState | undefined {
  try { return JSON.parse(readFileSync(file, 'utf8')) as ServerState; } catch { return undefined; }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** The newest installed server binaries (Debian: /usr/lib/postgresql/<major>/bin). */
function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  let majors: string[] = [];
  try { majors = readdirSync(base).filter((d) => existsSync(join(base, d, 'bin', 'pg_ctl'))); } catch { return undefined; }
  majors.sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(base, majors[0], 'bin') : undefined;
}

/** True when server binaries are present (the bench skips PostgreSQL otherwise instead of installing). */
export function postgresBinariesInstalled(): boolean {
  return binDir() !== undefined;
}

/** Installs Debian's `postgresql` when no server binaries are present (CI runs as root on a fresh machine). */
export function ensurePostgresBinaries(log: (line: string) => void = () => undefined): string {
  const found = binDir();
  if (found) return found;
  if (!isRoot()) throw new Error('PostgreSQL server binaries are missing and this is not root: install them with `sudo apt-get install -y postgresql`.');
  log('installing postgresql with apt-get (first run on this machine)');
  const lock = process.env.AMTSWEG_APT_LOCK ?? (existsSync('/work/coord') ? '/work/coord/apt.lock' : '/tmp/amtsweg-apt.lock');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => spawnSync('flock', [lock, 'apt-get', ...args], { stdio: 'inherit', env, timeout: 600_000 });
  let r = apt(['install', '-y', '--no-install-recommends', 'postgresql']);
  if (r.status !== 0) {
    apt(['update']);
    r = apt(['install', '-y', '--no-install-recommends', 'postgresql']);
  }
  const dir = binDir();
  if (r.status !== 0 || !dir) throw new Error('apt-get install postgresql failed; install it by hand (apt-get install -y postgresql) and run the tests again.');
  return dir;
}

/** Runs a server binary as the unprivileged `postgres` user when we are root. */
function asServerUser(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}


async function start(owner: number): Promise<ServerState> {
  const bin = ensurePostgresBinaries((l) => process.stderr.write(`[postgres] ${l}\n`));
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-pg-'));
  if (isRoot()) {
    chmodSync(dataDir, 0o700);
    execFileSync('chown', ['-R', 'postgres:', dataDir]);
  }
  const cluster = join(dataDir, 'cluster');
  asServerUser(join(bin, 'initdb'), ['-D', cluster, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // Test data only: no fsync. Sockets in the data folder, TCP on loopback only.
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asServerUser(join(bin, 'pg_ctl'), ['-D', cluster, '-l', join(dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  const pid = Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const state: ServerState = { port, dataDir, owner, pid };
  writeFileSync(stateFile(owner), JSON.stringify(state));
  return state;
}

async function usable(s: ServerState | undefined): Promise<boolean> {
  if (!s || !alive(s.pid)) return false;
  const c = new Client({ host: '127.0.0.1', port: s.port, user: SUPERUSER, database: 'postgres', connectionTimeoutMillis: 3000 });
  try { await c.connect(); return true; } catch { return false; } finally { await c.end().catch(() => undefined); }
}

/** The port of this run's server, starting it if no suite has yet. */
export async function testPostgresPort(): Promise<number> {
  mkdirSync(DIR, { recursive: true });
  const owner = runOwner();
  const deadline = Date.now() + 180_000;
  for (;;) {
    const s = readState(stateFile(owner));
    if (s && (await usable(s))) return s.port;
    let locked = false;
    try { mkdirSync(lockDir(owner)); locked = true; } catch { /* another suite of this run is starting it */ }
    if (locked) {
      try {
        const again = readState(stateFile(owner));
        if (again && (await usable(again))) return again.port;
        if (again) stopServer(again);
        return (await start(owner)).port;
      } finally {
        rmSync(lockDir(owner), { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another suite to start PostgreSQL (lock ${lockDir(owner)}); remove the lock if stale.`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A fresh, empty database on this run's server; returns its URL (trust auth on loopback, test only). */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const port = await testPostgresPort();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const c = new Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
  await c.connect();
  try { await c.query(`CREATE DATABASE ${name}`); } finally { await c.end(); }
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
}

function stopServer(s: ServerState): void {
  if (alive(s.pid)) {
    try { process.kill(s.pid as number, 'SIGQUIT'); } catch { /* gone */ } // immediate shutdown: test data only
    const until = Date.now() + 5000;
    while (alive(s.pid) && Date.now() < until) spawnSync('sleep', ['0.05']);
  }
  rmSync(s.dataDir, { recursive: true, force: true });
}

/** globalTeardown: stops this run's server and deletes its data. */
export function stopTestPostgres(owner: number = runOwner()): void {
  const s = readState(stateFile(owner));
  if (s) stopServer(s);
  rmSync(stateFile(owner), { force: true });
  rmSync(lockDir(owner), { recursive: true, force: true });
}

/** globalSetup: stops servers of earlier runs whose jest process is gone (crashed, killed). */
export function stopOrphanedPostgres(): void {
  let files: string[] = [];
  try { files = readdirSync(DIR); } catch { return; }
  for (const f of files) {
    const owner = Number(f.replace(/\.(json|lock)$/, ''));
    if (!Number.isFinite(owner) || alive(owner)) continue;
    stopTestPostgres(owner);
  }
}
