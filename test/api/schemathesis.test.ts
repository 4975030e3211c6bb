/**
 * Schemathesis against a real `amtsweg serve` on loopback (the example definitions, a temp data
 * folder): every operation of the generated OpenAPI document, all checks (status codes, content
 * types, headers, response schemas, positive and negative data, unsupported methods, auth) and
 * the stateful links from a created session to its routes. Bounded examples and a fixed seed, so
 * the run is repeatable; no failure and no 5xx allowed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSchemathesis, runSchemathesis } from './schemathesis';
import { freePort } from '../../platform/net';

const ROOT = resolve(__dirname, '..', '..');
const SEED = '20261203';
const MAX_EXAMPLES = '10';


let dir: string;
let serve: ChildProcess | undefined;
let log = '';
let url = '';
let st = '';

beforeAll(async () => {
  st = ensureSchemathesis((line) => process.stdout.write(`${line}\n`));
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-schemathesis-'));
  const port = await freePort();
  const env = { ...process.env };
  // This server's channels are the defaults: no staff, voice or e-mail settings from the caller's shell.
  for (const key of Object.keys(env)) if (key.startsWith('AMTSWEG_')) delete env[key];
  // Its request log (method, route, status; no bodies) is what the test counts 5xx in: on, though under jest.
  delete env.JEST_WORKER_ID;
  env.AMTSWEG_LOG_LEVEL = 'info';
  serve = spawn(process.execPath, [join(ROOT, 'bin', 'amtsweg.js'), 'serve', '--host', '127.0.0.1', '--port', String(port),
    '--data', join(dir, 'data'), '--definitions', join(ROOT, 'definitions'), '--today', '2026-12-01', '--rate-ip', 'off', '--rate-session', 'off'],
  { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  url = await new Promise<string>((res, rej) => {
    let out = '';
    serve!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res(m[1]);
    });
    serve!.once('exit', (code) => rej(new Error(`serve exited (${code}) before listening: ${log.slice(-2000)}`)));
  });
}, 900_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('schemathesis finds no failure and no 5xx in the generated document and the server behind it', async () => {
  const run = await runSchemathesis(st, [
    `${url}/openapi.json`, '--checks', 'all', '--max-examples', MAX_EXAMPLES, '--seed', SEED, '--workers', '1',
    '--request-timeout', '30', '--suppress-health-check', 'all', '--warnings', 'off',
    // Pages and assets take no input; the route-walk test (channels/http/openapi.test.ts) covers that they are described.
    '--exclude-tag', 'pages', '--exclude-tag', 'desk pages',
  ], { SCHEMATHESIS_HOOKS: 'schemathesis_hooks', PYTHONPATH: __dirname }, 600_000, ['--config-file', join(__dirname, 'schemathesis.toml')], dir);
  const statuses = [...log.matchAll(/"code":"http\.request".*?"status":(\d{3})/g)].map((m) => Number(m[1]));
  const summary = /(\d+) generated/.exec(run.output)?.[0] ?? '(no summary)';
  process.stdout.write(`schemathesis: ${summary}, ${statuses.length} requests served in ${run.seconds.toFixed(0)} s\n`);
  expect({ exitCode: run.exitCode, tail: run.exitCode === 0 ? '' : run.output.slice(-6000) }).toEqual({ exitCode: 0, tail: '' });
  // The run reached the server (every operation, the stateful links) and not one request failed inside it.
  expect(statuses.length).toBeGreaterThan(200);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(run.output).toMatch(/API Links:\s+\d+ covered/);
  expect(statuses).toEqual(expect.arrayContaining([200, 201, 400, 401, 404, 405, 409]));
}, 900_000);
