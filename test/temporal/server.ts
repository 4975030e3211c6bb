/**
 * One Temporal dev server per test run, started lazily by the first Temporal suite (so embedded
 * suites do not pay for it), shared by the run's suites through a state file named after the run,
 * and stopped by the jest globalTeardown. Runs of several people in one checkout do not collide.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isListening, startDevServer } from '../../host/temporal/dev-server';

export const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.cache', 'temporal', 'test-runs');

interface ServerState { pid: number; address: string; owner: number }

/** The jest main process of this run (set by globalSetup); without it, our parent process. */
function runOwner(): number {
  return Number(process.env.AMTSWEG_TEST_RUN_OWNER ?? process.ppid);
}

const stateFile = (owner: number): string => join(DIR, `${owner}.json`);
const lockDir = (owner: number): string => join(DIR, `${owner}.lock`);

function readState(file: string): ServerState | undefined {
  try { return JSON.parse(readFileSync(file, 'utf8')) as ServerState; } catch { return undefined; }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function usable(s: ServerState | undefined): Promise<boolean> {
  if (!s || !alive(s.pid)) return false;
  const [host, port] = s.address.split(':');
  return isListening(host, Number(port));
}

/** The address of this run's dev server, starting it if no suite has yet. */
export async function testTemporalAddress(): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const owner = runOwner();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const s = readState(stateFile(owner));
    if (s && (await usable(s))) return s.address;
    let locked = false;
    try { mkdirSync(lockDir(owner)); locked = true; } catch { /* another suite of this run is starting it */ }
    if (locked) {
      try {
        const again = readState(stateFile(owner));
        if (again && (await usable(again))) return again.address;
        const server = await startDevServer({ root: ROOT, detached: true, logFile: '.cache/temporal/test-server.log' });
        writeFileSync(stateFile(owner), JSON.stringify({ pid: server.pid, address: server.address, owner }));
        return server.address;
      } finally {
        rmSync(lockDir(owner), { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another suite to start the Temporal dev server (lock ${lockDir(owner)}); remove the lock if stale.`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function kill(s: ServerState): void {
  if (!alive(s.pid)) return;
  try { process.kill(-s.pid, 'SIGTERM'); } catch { try { process.kill(s.pid, 'SIGTERM'); } catch { /* gone */ } }
}

/** globalTeardown: stops this run's server. */
export function stopTestServer(owner: number = runOwner()): void {
  const s = readState(stateFile(owner));
  if (s) kill(s);
  rmSync(stateFile(owner), { force: true });
  rmSync(lockDir(owner), { recursive: true, force: true });
}

/** globalSetup: stops servers of earlier runs whose jest process is gone (crashed, killed). */
export function stopOrphanedServers(): void {
  let files: string[] = [];
  try { files = readdirSync(DIR); } catch { return; }
  for (const f of files) {
    const owner = Number(f.replace(/\.(json|lock)$/, ''));
    if (!Number.isFinite(owner) || alive(owner)) continue;
    stopTestServer(owner);
  }
}
