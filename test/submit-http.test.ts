/**
 * submit.http end to end: a finished case is queued in the durable outbox by the embedded engine
 * and delivered as signed JSON with an Idempotency-Key to a loopback Fachverfahren, retried after
 * a 503, sent once; the body satisfies the published JSON Schema's zod source.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadServiceSource } from '../catalog';
import { deliverSubmissions, signatureHeader, Submission } from '../channels/fachverfahren';
import { createEmbeddedEngine, type EmbeddedEngine } from '../host/embedded';
import { hmacHex } from '../platform/crypto';

const YAML = `service: hundesteuer_test
version: "1"
title: { de: Hundesteuer anmelden, en: Register a dog }
privacy: { purpose: Steuerfestsetzung, basis: "Art. 6 Abs. 1 lit. e DSGVO", retention: P30D }
slots:
  anzahl: { type: integer, ask: { de: "Wie viele Hunde?", en: "How many dogs?" }, min: 1, max: 9 }
  seit: { type: date, ask: { de: "Seit wann?", en: "Since when?" }, valid: "seit <= today" }
values:
  steuer: { expr: "if anzahl = 1 then 129 else 147 * anzahl", type: money }
flow:
  - collect: [anzahl, seit]
  - confirm: summary
  - action: submit.http
    with: { endpoint: '"steueramt"', outcome: '"angemeldet"' }
    result: uebergabe
  - outcome: angemeldet
outcomes:
  angemeldet:
    kind: information
    say: { de: "Angemeldet. Jahressteuer {steuer} €.", en: "Registered. Yearly tax {steuer} €." }
`;

const SECRET = 'a-test-secret-of-enough-length';
let server: Server;
let url: string;
const received: { headers: IncomingMessage['headers']; body: string }[] = [];
let failNext = 0;
let dir: string;
let engine: EmbeddedEngine;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) { failNext -= 1; res.writeHead(503).end(); return; }
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/antraege`;
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-submit-'));
  const { service, problems } = loadServiceSource(YAML, join(dir, 'h.yaml'), { calendar: false, actions: (await import('../activities/specs')).BUILT_IN_ACTIONS });
  if (!service) throw new Error(problems.map((p) => p.message).join('\n'));
  engine = await createEmbeddedEngine({ dataDir: dir, services: [service], today: '2026-03-02', scheduler: false, keyFile: join(dir, 'master.key') });
});

afterAll(async () => {
  await engine.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

test('a finished case reaches the Fachverfahren once, signed, after a retry', async () => {
  const s = await engine.createSession({ service: 'hundesteuer_test', channel: 'api' });
  await engine.sendMessage(s.id, '2');
  await engine.sendMessage(s.id, 'seit dem 01.02.2026');
  const done = await engine.sendMessage(s.id, 'ja');
  const view = await engine.view(s.id);
  expect(view.status).toBe('completed');
  expect(done.messages.map((m) => m.text).join(' ')).toContain('Jahressteuer 294,00 €');

  const outbox = engine.outbox!;
  const endpoints = { steueramt: { url, secret: SECRET } };
  const opts = { baseDelayMs: 400 };
  failNext = 1;
  expect(await deliverSubmissions(outbox, endpoints, opts)).toEqual({ sent: 0, retried: 1, failed: 0 });
  // Not due again before its retry time.
  expect(await deliverSubmissions(outbox, endpoints, opts)).toEqual({ sent: 0, retried: 0, failed: 0 });
  const waitForDue = async (): Promise<void> => {
    for (let i = 0; i < 50 && (await outbox.pending(10, { channel: 'http' })).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  };
  await waitForDue();
  expect(await deliverSubmissions(outbox, endpoints, opts)).toEqual({ sent: 1, retried: 0, failed: 0 });
  expect(await deliverSubmissions(outbox, endpoints, opts)).toEqual({ sent: 0, retried: 0, failed: 0 });

  expect(received).toHaveLength(2);
  const [first, second] = received;
  expect(second.body).toBe(first.body);
  expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
  const body = Submission.parse(JSON.parse(second.body));
  expect(body.id).toBe(second.headers['idempotency-key']);
  expect(body).toMatchObject({ service: 'hundesteuer_test', version: '1', session: s.id, reference_date: '2026-03-02', outcome: { id: 'angemeldet', kind: 'information' } });
  expect(body.definition_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(body.slots.anzahl).toMatchObject({ value: 2, source: 'extractor', evidence: '2', confirmed: true });
  expect(body.slots.seit.value).toBe('2026-02-01');
  expect(body.values).toEqual({ steuer: 294 });
  // The signature is HMAC-SHA256 over "<t>.<body>" with the endpoint's secret.
  const sig = String(second.headers['amtsweg-signature']);
  const t = Number(/t=(\d+)/.exec(sig)?.[1]);
  expect(sig).toBe(signatureHeader(SECRET, second.body, t));
  expect(sig).toContain(`v1=${hmacHex(SECRET, `${t}.${second.body}`)}`);
});
