/**
 * The processes of the load run: `amtsweg serve` and `amtsweg worker` as child processes of the
 * bench (so their CPU is theirs alone, read from /proc/<pid>/stat), started with the fixture
 * service written as a definition folder, and stopped again by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fixtureDefinition } from '../host/embedded/test-fixture';
import { BENCH_BOOKING_LIMITS, BENCH_CALENDAR } from './bench-calendar';

/** The reference date of every load-run process (the fixture's citizen asks for 24.11.2026). */
export const LOAD_TODAY = '2026-11-20';

let ticksPerSecond: number | undefined;

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Writes the fixture service (the engine bench's conversation) as `<dir>/termin_test.yaml` and returns the folder. */
export function writeFixtureDefinitions(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const def = fixtureDefinition();
  // `calendar.book` takes no `to` (the engine fixture passes one, unchecked); every citizen has
  // the same address, so `contact` would hit the limit of open appointments per address.
  for (const s of def.flow as Record<string, unknown>[]) if (s.with) delete (s.with as Record<string, unknown>).to;
  writeFileSync(join(dir, 'termin_test.yaml'), stringify(def));
  writeFileSync(join(dir, 'calendar.yaml'), stringify(BENCH_CALENDAR));
  return dir;
}

export interface Child { pid: number; proc: ChildProcess; output: () => string; stop(): Promise<void> }

/**
 * Runs `amtsweg <args>` and resolves once a line of its output matches `ready` (with the match),
 * or rejects with the output when it exits first or takes longer than a minute.
 */
export async function startAmtsweg(root: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv): Promise<{ child: Child; match: RegExpMatchArray }> {
  const proc = spawn(process.execPath, [join(root, 'bin', 'amtsweg.js'), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    // The simulated citizens cannot read a mailbox: the address proof (issue 12) is off for the bench.
    env: { ...process.env, AMTSWEG_LOG_LEVEL: 'warn', AMTSWEG_BOOKING_LIMITS: BENCH_BOOKING_LIMITS, AMTSWEG_ADDRESS_PROOF: 'off', ...env },
  });
  let out = '';
  const child: Child = {
    pid: proc.pid ?? -1,
    proc,
    output: () => out,
    stop: () => new Promise<void>((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      proc.once('exit', () => res());
      proc.kill('SIGTERM');
      setTimeout(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); }, 10_000).unref();
    }),
  };
  const match = await new Promise<RegExpMatchArray>((res, rej) => {
    const timer = setTimeout(() => { void child.stop(); rej(new Error(`amtsweg ${args[0]} did not start within 180 s: ${out.slice(-2000)}`)); }, 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) { clearTimeout(timer); res(m); }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); rej(new Error(`amtsweg ${args[0]} exited (${code}) before it was ready: ${out.slice(-2000)}`)); });
  });
  // Keep only the tail of what it says later (warnings), so a long run does not grow memory.
  proc.stdout?.removeAllListeners('data');
  proc.stderr?.removeAllListeners('data');
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-4000); };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return { child, match };
}

/** `amtsweg serve` on a free loopback port without rate limits; resolves with its base URL. */
export async function startServe(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: Child; url: string }> {
  const { child, match } = await startAmtsweg(root, [
    'serve', '--port', '0', '--host', '127.0.0.1', '--today', LOAD_TODAY, '--rate-ip', 'off', '--rate-session', 'off', '--rate-new-session', 'off', ...args,
  ], /serves \d+ service\(s\) on (http:\/\/\S+?) \(/, env);
  return { child, url: match[1] };
}

/** `amtsweg worker`; resolves once it polls its task queue. */
export async function startWorkerProcess(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Child> {
  return (await startAmtsweg(root, ['worker', '--today', LOAD_TODAY, ...args], /amtsweg worker: task queue/, env)).child;
}
