/** The CLI as a user runs it: `node bin/amtsweg.js ...` in a child process. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'amtsweg.js');
const VALID = path.join('test', 'fixtures', 'definitions', 'valid');
const BROKEN = path.join('test', 'fixtures', 'definitions', 'broken');
const BROKEN_FILE = path.join(BROKEN, 'mini-termin-broken.yaml');

// Each case spawns a Node process that compiles TypeScript through tsx; under a busy full test run that takes a while.
jest.setTimeout(90_000);

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, AMTSWEG_DEBUG: '', AMTSWEG_LOG_LEVEL: 'warn', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('global', () => {
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  test('--help lists the commands with examples', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['validate', 'compile', 'chat', 'serve', 'Examples:']) expect(r.stdout).toContain(word);
  });

  test('without arguments the help is shown with exit 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: amtsweg');
  });

  test('a lazily loaded command (worker) shows its own help', async () => {
    const r = await run(['worker', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: amtsweg worker');
    expect(r.stdout).toContain('--temporal-address');
  });

  test('an unknown command or option is a usage error (exit 2)', async () => {
    const r = await run(['validat', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'validat'.*\n?.*validate/);
    const o = await run(['compile', path.join(VALID, 'mini-termin.yaml'), '--format', 'svg']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('xstate, mermaid');
  });
});

describe('validate', () => {
  test('a broken definition: every problem as file:line:col with its hint, summary, exit 1', async () => {
    const r = await run(['validate', BROKEN_FILE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${BROKEN_FILE}:13:5: unknown key \`tpye\``);
    expect(r.stdout).toMatch(/:13:5: .*\n\s+did you mean `type`\?/);
    expect(r.stdout).toMatch(new RegExp(`${BROKEN_FILE.replace(/[/.]/g, '\\$&')}:23:\\d+: .*geburtsort`));
    expect(r.stdout).toMatch(/1 file checked: \d+ errors?, 0 warnings\./);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('folders and files together; clean definitions exit 0; --lang de', async () => {
    const ok = await run(['validate', VALID, path.join(VALID, 'mini-termin.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\d+ files checked: 0 errors/);
    const de = await run(['validate', BROKEN, '--lang', 'de']);
    expect(de.code).toBe(1);
    expect(de.stdout).toContain('Meinten Sie `type`?');
    expect(de.stdout).toContain('1 Datei geprüft');
  });

  test('--json gives a machine-readable result', async () => {
    const r = await run(['validate', BROKEN_FILE, VALID, '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; files: number; errors: number; services: { id: string }[]; problems: { line: number; col: number; code: string }[] };
    expect(result.ok).toBe(false);
    expect(result.files).toBe(2);
    expect(result.services.map((s) => s.id)).toEqual(['mini-termin']);
    expect(result.problems).toContainEqual(expect.objectContaining({ line: 13, col: 5, code: 'unknown_key' }));
  });

  test('a missing path is a usage error (exit 2) that says what to pass', async () => {
    const r = await run(['validate', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No such file or folder: no/such/file.yaml');
  });
});

describe('compile', () => {
  test('--format mermaid writes the diagram to stdout', async () => {
    const r = await run(['compile', path.join(VALID, 'mini-termin.yaml'), '--format', 'mermaid']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stateDiagram/);
    expect(r.stdout).toContain('vorgemerkt');
  });

  test('--format xstate (default) writes the machine config as JSON', async () => {
    const r = await run(['compile', path.join(VALID, 'mini-termin.yaml')]);
    expect(r.code).toBe(0);
    const machine = JSON.parse(r.stdout) as { id: string; states: Record<string, unknown> };
    expect(machine.id).toBe('mini-termin');
    expect(Object.keys(machine.states)).toContain('erfassen');
  });

  test('a broken file prints its problems and exits 1', async () => {
    const r = await run(['compile', BROKEN_FILE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${BROKEN_FILE}:13:5:`);
    expect(r.stderr).toContain('amtsweg: ');
  });
});

describe('chat', () => {
  test('scripted over stdin: each line a message, assistant lines prefixed, ends at the outcome (exit 0)', async () => {
    const data = path.join(tmp, 'chat-data');
    const r = await run(['chat', 'mini-termin', '--definitions', VALID, '--data', data, '--today', '2026-12-01'], {
      input: 'Personalausweis\n15.12.2026\nja\ndiese Zeile kommt nach dem Ende\n',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^assistant: .*KI/);
    expect(r.stdout).toContain('you: Personalausweis');
    expect(r.stdout).toContain('assistant: Vorgemerkt: Personalausweis am 15. Dezember 2026. Die Gebühr beträgt 37 Euro.');
    expect(lines[lines.length - 1]).toBe('-- session completed (outcome: vorgemerkt, information)');
    expect(r.stdout).not.toContain('diese Zeile');
    // The session persists in the data folder.
    expect(fs.existsSync(path.join(data, 'amtsweg.db'))).toBe(true);
  });

  test('EOF before the end leaves the session open and exits 0; AMTSWEG_TODAY is honoured', async () => {
    const r = await run(['chat', 'mini-termin', '--definitions', VALID, '--data', path.join(tmp, 'chat-eof')], {
      input: 'Reisepass\n', env: { AMTSWEG_TODAY: '2026-12-01' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('assistant: An welchem Tag');
    expect(r.stderr).toContain('session stays open');
  });

  test('an unknown service lists the services and exits 1', async () => {
    const r = await run(['chat', 'mini-termn', '--definitions', VALID, '--data', path.join(tmp, 'chat-unknown')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown service "mini-termn" (did you mean "mini-termin"?)');
    expect(r.stderr).toContain('mini-termin');
    expect(r.stderr).toContain('Mini-Termin (Testdienst)');
  });

  test('a bad --today is a usage error', async () => {
    const r = await run(['chat', 'mini-termin', '--definitions', VALID, '--today', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('YYYY-MM-DD');
  });
});

describe('serve', () => {
  test('starts on 127.0.0.1, prints the URL, answers over HTTP, stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--definitions', VALID, '--data', path.join(tmp, 'serve-data'), '--today', '2026-12-01'], {
      cwd: ROOT, env: { ...process.env, AMTSWEG_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) resolve(m[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    try {
      expect(stdout).toContain('1 service(s)');
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
      const created = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"service":"mini-termin"}' });
      expect(created.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM, shutting down');
  });

  test('a broken definition stops the start: problems printed, exit 1, no URL', async () => {
    const r = await run(['serve', '--port', '0', '--definitions', BROKEN, '--data', path.join(tmp, 'serve-broken')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('http://');
    expect(r.stderr).toContain(`${BROKEN_FILE}:13:5:`);
    expect(r.stderr).toContain('Server not started');
  });

  test('a bad port is a usage error', async () => {
    const r = await run(['serve', '--port', 'achtzig', '--definitions', VALID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port');
  });
});
