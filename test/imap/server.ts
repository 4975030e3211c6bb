/**
 * A real IMAP server for the tests: Dovecot from Debian's packages (installed with apt-get when
 * missing, as on a fresh CI machine running as root), started lazily by the first suite that needs
 * it on a free loopback port with a temporary config and maildir, shared by the run's suites
 * through a state file named after the run, and stopped by the jest globalTeardown.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../platform/net';

const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.cache', 'imap', 'test-runs');
const DOVECOT = '/usr/sbin/dovecot';

/** The one mailbox of the test server. */
export const IMAP_USER = 'buergerservice';
export const IMAP_PASSWORD = 'imap-test-password-0123';

export interface ImapServer { host: string; port: number; user: string; password: string }
interface State { pid: number; port: number; dir: string }

const owner = (): number => Number(process.env.AMTSWEG_TEST_RUN_OWNER ?? process.ppid);
const stateFile = (o: number): string => join(DIR, `${o}.json`);

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function listening(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => { s.end(); res(true); });
    s.on('error', () => res(false));
  });
}


/** Installs dovecot-imapd when it is missing (needs root, as CI has; by hand use flock on the apt lock). */
export function ensureDovecot(): void {
  if (existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap')) return;
  if (process.getuid?.() !== 0) throw new Error('Dovecot is not installed and this is not root: run `apt-get install -y dovecot-imapd` (Debian) and retry.');
  const lock = existsSync('/work/coord/apt.lock') ? ['flock', '/work/coord/apt.lock'] : [];
  const run = (args: string[]) => execFileSync(lock[0] ?? args[0], lock.length ? [...lock.slice(1), ...args] : args.slice(1),
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'dovecot-imapd']);
}

function config(dir: string, port: number): string {
  const root = process.getuid?.() === 0;
  const me = userInfo();
  // As root, the mail files belong to the dovecot user; otherwise everything runs as us.
  const mailUser = root ? 'dovecot' : me.username;
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
default_internal_user = ${root ? 'dovecot' : me.username}
default_login_user = ${root ? 'dovenull' : me.username}
passdb {
  driver = static
  args = password=${IMAP_PASSWORD}
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${root ? 'dovecot' : String(me.gid)} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
}

/** The run's Dovecot, started on first use. */
export async function testImapServer(): Promise<ImapServer> {
  mkdirSync(DIR, { recursive: true });
  const file = stateFile(owner());
  const lock = `${file}.lock`;
  for (let i = 0; i < 600; i++) {
    try {
      const s = JSON.parse(readFileSync(file, 'utf8')) as State;
      if (alive(s.pid) && (await listening(s.port))) return { host: '127.0.0.1', port: s.port, user: IMAP_USER, password: IMAP_PASSWORD };
    } catch { /* not started yet */ }
    let mine = false;
    try { mkdirSync(lock); mine = true; } catch { /* another suite starts it */ }
    if (mine) {
      try { return await start(file); } finally { rmSync(lock, { recursive: true, force: true }); }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for the test IMAP server (lock ${lock}); remove the lock if stale.`);
}

async function start(file: string): Promise<ImapServer> {
  ensureDovecot();
  const dir = join(tmpdir(), `amtsweg-imap-${owner()}-${Date.now()}`);
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(dir, d), { recursive: true });
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'dovecot']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'dovecot']).toString().trim());
    chownSync(join(dir, 'mail'), uid, gid);
  }
  const port = await freePort();
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(conf, config(dir, port));
  const child = spawn(DOVECOT, ['-F', '-c', conf], { detached: true, stdio: 'ignore' });
  child.unref();
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      const logText = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-2000) : '';
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}. Log:\n${logText}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  writeFileSync(file, JSON.stringify({ pid: child.pid ?? 0, port, dir } satisfies State));
  return { host: '127.0.0.1', port, user: IMAP_USER, password: IMAP_PASSWORD };
}

/** globalTeardown: stops this run's Dovecot and removes its folder. */
export function stopImapServer(o: number = owner()): void {
  let s: State | undefined;
  try { s = JSON.parse(readFileSync(stateFile(o), 'utf8')) as State; } catch { s = undefined; }
  if (s) {
    if (alive(s.pid)) { try { process.kill(-s.pid, 'SIGTERM'); } catch { try { process.kill(s.pid, 'SIGTERM'); } catch { /* gone */ } } }
    rmSync(s.dir, { recursive: true, force: true });
  }
  rmSync(stateFile(o), { force: true });
  rmSync(`${stateFile(o)}.lock`, { recursive: true, force: true });
}

/** globalSetup: stops IMAP servers of earlier runs whose jest process is gone (crashed, killed). */
export function stopOrphanedImapServers(): void {
  let files: string[] = [];
  try { files = readdirSync(DIR); } catch { return; }
  for (const f of files) {
    const o = Number(f.replace(/\.json(\.lock)?$/, ''));
    if (Number.isFinite(o) && !alive(o)) stopImapServer(o);
  }
}
