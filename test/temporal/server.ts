/**
 * One Temporal dev server per test run, started lazily by the first Temporal suite (so embedded
 * suites do not pay for it), shared through a state file, stopped by the jest globalTeardown.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isListening, startDevServer } from '../../temporal/dev-server';

export const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, '.cache', 'temporal');
const STATE = join(DIR, 'test-server.json');
const LOCK = join(DIR, 'test-server.lock');

interface ServerState { pid: number; address: string; runId: string }

function readState(): ServerState | undefined {
  try { return JSON.parse(readFileSync(STATE, 'utf8')) as ServerState; } catch { return undefined; }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function usable(s: ServerState | undefined): Promise<boolean> {
  if (!s || s.runId !== process.env.AMTSWEG_TEST_RUN_ID || !alive(s.pid)) return false;
  const [host, port] = s.address.split(':');
  return isListening(host, Number(port));
}

/** The address of this run's dev server, starting it if no suite has yet. */
export async function testTemporalAddress(): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const s = readState();
    if (s && (await usable(s))) return s.address;
    let locked = false;
    try { mkdirSync(LOCK); locked = true; } catch { /* another suite is starting it */ }
    if (locked) {
      try {
        const again = readState();
        if (again && (await usable(again))) return again.address;
        const server = await startDevServer({ root: ROOT, detached: true, logFile: '.cache/temporal/test-server.log' });
        writeFileSync(STATE, JSON.stringify({ pid: server.pid, address: server.address, runId: process.env.AMTSWEG_TEST_RUN_ID }));
        return server.address;
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another suite to start the Temporal dev server (lock ${LOCK}); remove the lock if stale.`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Stops the run's server (globalTeardown) and any left over from an earlier, crashed run (globalSetup). */
export function stopTestServer(): void {
  const s = readState();
  if (s && alive(s.pid)) {
    try { process.kill(-s.pid, 'SIGTERM'); } catch { try { process.kill(s.pid, 'SIGTERM'); } catch { /* gone */ } }
  }
  rmSync(STATE, { force: true });
  if (existsSync(LOCK)) rmSync(LOCK, { recursive: true, force: true });
}
