import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedEngine } from '../../host/embedded';
import { startServer, type RunningServer } from './server';
import { compileFile, MINI_TERMIN, TODAY } from './test-harness';

test('the API over a real HTTP server on 127.0.0.1 with a random port', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-http-server-'));
  const engine = await createEmbeddedEngine({ dataDir: dir, services: [compileFile(MINI_TERMIN)], today: TODAY, scheduler: false });
  let server: RunningServer | undefined;
  try {
    server = await startServer({ engine, port: 0, host: '127.0.0.1', log: () => undefined });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);

    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    expect(health.headers.get('x-powered-by')).toBeNull();
    expect(health.headers.get('referrer-policy')).toBe('no-referrer');

    const created = await fetch(`${server.url}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'mini-termin' }),
    });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const turn = await fetch(`${server.url}/api/sessions/${id}/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text: 'Reisepass' }),
    });
    expect(turn.status).toBe(200);
    expect(((await turn.json()) as { status: string }).status).toBe('active');
    expect((await engine.view(id)).slots.anliegen?.value).toBe('reisepass');

    // A big body over the socket is refused, the connection answered properly.
    const big = await fetch(`${server.url}/api/sessions/${id}/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text: 'x'.repeat(20_000) }),
    });
    expect(big.status).toBe(413);

    // A second server on the same port is refused with a message that says what to do.
    await expect(startServer({ engine, port: server.port, host: '127.0.0.1', log: () => undefined })).rejects.toThrow(/already in use.*--port/);
  } finally {
    await server?.close();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('issue 12 smaller: unfinished headers are cut off at the configured timeout; TRACE is 405; OpenAPI matches validation', async () => {
  const { connect } = await import('node:net');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-http-server-'));
  const engine = await createEmbeddedEngine({ dataDir: dir, services: [compileFile(MINI_TERMIN)], today: TODAY, scheduler: false });
  // 1.5 s instead of 10 s keeps the test short; before the fix Node only looked every 30 s, so this would wait ~30 s.
  const server = await startServer({ engine, port: 0, host: '127.0.0.1', log: () => undefined, headersTimeoutMs: 1500 });
  try {
    const closed = await new Promise<string>((resolve) => {
      const s = connect(server.port, '127.0.0.1', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      let got = '';
      s.on('data', (d) => { got += d.toString(); });
      s.on('close', () => resolve(got));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408|^$/);

    const trace = await fetch(`${server.url}/api/services`, { method: 'TRACE' }).catch(() => undefined);
    if (trace) expect(trace.status).toBe(405);
    const raw = await new Promise<string>((resolve) => {
      const s = connect(server.port, '127.0.0.1', () => s.write('TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let got = '';
      s.on('data', (d) => { got += d.toString(); });
      s.on('close', () => resolve(got));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 405/);

    const doc = await (await fetch(`${server.url}/openapi.json`)).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, { enum?: string[]; properties: Record<string, { pattern?: string }> }> } };
    const { MESSAGE_LOCALES } = await import('../../core/session/messages');
    expect(doc.components.schemas.Locale.enum).toEqual(MESSAGE_LOCALES);
    expect(new RegExp(doc.components.schemas.MessageRequest.properties.text.pattern!).test('\f')).toBe(false);
    // Not mounted here, so not described: the document lists what this server serves.
    expect(doc.paths['/api/route']).toBeUndefined();
    expect(doc.paths['/api/sessions']).toBeDefined();
  } finally {
    await server.close();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 15_000);
