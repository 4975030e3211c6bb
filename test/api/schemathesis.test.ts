/**
 * Schemathesis against a real `amtsweg serve` on loopback (the example definitions, a temp data
 * folder): every operation of the generated OpenAPI document, all checks (status codes, content
 * types, headers, response schemas, positive and negative data, unsupported methods, auth) and
 * the stateful links from a created session to its routes. Bounded examples and a fixed seed, so
 * the run is repeatable; no failure and no 5xx allowed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSchemathesis, fuzzServe, startServeChild, type ServeChild } from './schemathesis';
import { freePort } from '../../platform/net';

let dir: string;
let serve: ServeChild | undefined;
let st = '';

beforeAll(async () => {
  st = ensureSchemathesis((line) => process.stdout.write(`${line}\n`));
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-schemathesis-'));
  serve = await startServeChild(dir, await freePort());
}, 900_000);

afterAll(async () => {
  await serve?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('schemathesis finds no failure and no 5xx in the generated document and the server behind it', async () => {
  const { run, statuses, summary } = await fuzzServe(st, serve!, dir, 10);
  process.stdout.write(`schemathesis (embedded): ${summary}, ${statuses.length} requests served in ${run.seconds.toFixed(0)} s\n`);
  expect({ exitCode: run.exitCode, tail: run.exitCode === 0 ? '' : run.output.slice(-6000) }).toEqual({ exitCode: 0, tail: '' });
  // The run reached the server (every operation, the stateful links) and not one request failed inside it.
  expect(statuses.length).toBeGreaterThan(200);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(run.output).toMatch(/API Links:\s+\d+ covered/);
  expect(statuses).toEqual(expect.arrayContaining([200, 201, 400, 401, 404, 405, 409]));
}, 900_000);
