import { createHarness, miniAnswer, type Harness } from './test-harness';
import { HTTPException } from 'hono/http-exception';
import { SessionBusyError } from '../../host/embedded';
import { SECURITY_HEADERS } from './security-headers';

type Json = Record<string, any>;

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/** Answers whatever the session waits for until it ends; returns the last turn body. */
async function complete(id: string, token: string): Promise<Json> {
  let last: Json = {};
  for (let i = 0; i < 8; i++) {
    const view = await json(await h.request('GET', `/api/sessions/${id}`, { token }));
    if (view.status !== 'active') return last;
    const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: miniAnswer(view.pending) } });
    expect(res.status).toBe(200);
    last = await json(res);
  }
  return last;
}

describe('routes', () => {
  test('GET /healthz answers ok with every security header and no X-Powered-By', async () => {
    const res = await h.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test('GET /api/services lists id, version and title in the asked language', async () => {
    const de = await json(await h.request('GET', '/api/services'));
    expect(de).toEqual([{ id: 'mini-termin', version: '2026.1', title: 'Mini-Termin (Testdienst)' }]);
    const en = await json(await h.request('GET', '/api/services?locale=en'));
    expect(en[0].title).toBe('Mini appointment (test service)');
    const accept = await h.request('GET', '/api/services', { headers: { 'accept-language': 'fr;q=0.2, en-GB;q=0.8, xx' } });
    expect((await json(accept))[0].title).toBe('Mini appointment (test service)');
    expect(accept.headers.get('content-language')).toBe('en');
  });

  test('a session runs from creation to its outcome, and the view shows it', async () => {
    const created = await h.request('POST', '/api/sessions', { json: { service: 'mini-termin', locale: 'de', channel: 'web' } });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(Object.keys(body).sort()).toEqual(['id', 'messages', 'status', 'token']);
    expect(body.status).toBe('active');
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages[0]).toEqual({ role: 'assistant', text: expect.any(String) });

    const last = await complete(body.id, body.token);
    expect(last.status).toBe('completed');
    expect(last.outcome).toEqual({ id: 'vorgemerkt', kind: 'information', values: expect.objectContaining({ anliegen: 'personalausweis', wunschdatum: '2026-12-15', gebuehr: 37 }) });
    expect(last.messages.map((m: Json) => m.text).join(' ')).toContain('37');

    const view = await json(await h.request('GET', `/api/sessions/${body.id}`, { token: body.token }));
    expect(view).toMatchObject({ id: body.id, service: 'mini-termin', status: 'completed', channel: 'web', referenceDate: '2026-12-01' });
    expect(view.transcript.some((t: Json) => t.role === 'citizen' && t.text === 'Personalausweis')).toBe(true);
  });

  test('handoff hands the session to a person', async () => {
    const { id, token } = await h.start();
    const res = await h.request('POST', `/api/sessions/${id}/handoff`, { token });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe('handoff');
    expect(Array.isArray(body.messages)).toBe(true);
    const cases = await h.engine.listCases({ status: 'handoff' });
    expect(cases.map((c) => c.id)).toContain(id);
  });

  test('cancel ends the session; a later message is refused with 409', async () => {
    const { id, token } = await h.start();
    const res = await h.request('POST', `/api/sessions/${id}/cancel`, { token, json: {} });
    expect(res.status).toBe(200);
    expect((await json(res)).status).toBe('cancelled');
    const after = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'Reisepass' } });
    expect(after.status).toBe(409);
    expect((await json(after)).error.code).toBe('session_finished');
  });

  test('a locale the service has no texts for is refused with 400, not answered in German', async () => {
    // A locale amtsweg has no built-in texts for is not in the OpenAPI either (issue 12): refused as an invalid field.
    const fr = await h.request('POST', '/api/sessions', { json: { service: 'mini-termin', locale: 'fr' } });
    expect(fr.status).toBe(400);
    expect((await json(fr)).error.code).toBe('invalid_field');
  });

  test('handoff and cancel need no body: an empty POST without content type is accepted', async () => {
    for (const route of ['handoff', 'cancel']) {
      const { id, token } = await h.start();
      const res = await h.request('POST', `/api/sessions/${id}/${route}`, { token, body: new Uint8Array(0) });
      expect(res.status).toBe(200);
      expect((await json(res)).status).toBe(route === 'handoff' ? 'handoff' : 'cancelled');
    }
  });

  test('a completed session takes no more messages (409)', async () => {
    const { id, token } = await h.start();
    expect((await complete(id, token)).status).toBe('completed');
    const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'noch etwas' } });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toEqual({ code: 'session_finished', message: expect.stringContaining('POST /api/sessions') });
  });
});

describe('refusals', () => {
  test('401 without a token, with a malformed header, and with a wrong token', async () => {
    const { id } = await h.start();
    const none = await h.request('POST', `/api/sessions/${id}/messages`, { json: { text: 'Reisepass' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await json(none)).error.code).toBe('missing_token');
    const basic = await h.request('GET', `/api/sessions/${id}`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(basic.status).toBe(401);
    const wrong = await h.request('GET', `/api/sessions/${id}`, { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error.code).toBe('invalid_token');
    for (const route of ['handoff', 'cancel']) {
      expect((await h.request('POST', `/api/sessions/${id}/${route}`, { token: 'nope' })).status).toBe(401);
    }
    // Nothing happened to the session.
    const { engine } = h;
    expect((await engine.view(id)).status).toBe('active');
  });

  test('404 for an unknown session id, a malformed id and an unknown route, always as JSON', async () => {
    const { token } = await h.start();
    const unknown = await h.request('GET', '/api/sessions/does-not-exist', { token });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('session_not_found');
    const malformed = await h.request('POST', '/api/sessions/..%2F..%2Fetc/messages', { token, json: { text: 'x' } });
    expect(malformed.status).toBe(404);
    const route = await h.request('GET', '/api/nothing-here');
    expect(route.status).toBe(404);
    expect((await json(route)).error).toEqual({ code: 'not_found', message: expect.stringContaining('/api/openapi.json') });
    expect(route.headers.get('x-frame-options')).toBe('DENY');
  });

  test('400 for bad JSON and for missing or invalid fields, naming the field', async () => {
    const bad = await h.request('POST', '/api/sessions', { body: '{"service": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('bad_json');
    const array = await h.request('POST', '/api/sessions', { json: ['mini-termin'] });
    expect(array.status).toBe(400);
    const cases: [unknown, string, string][] = [
      [{}, 'invalid_field', '"service"'],
      [{ service: 42 }, 'invalid_field', '"service"'],
      [{ service: 'hundesteuer' }, 'unknown_service', 'mini-termin'],
      [{ service: 'mini-termin', locale: 'klingonisch' }, 'invalid_field', '"locale"'],
      [{ service: 'mini-termin', channel: 'phone' }, 'invalid_field', '"channel"'],
    ];
    for (const [body, code, mention] of cases) {
      const res = await h.request('POST', '/api/sessions', { json: body });
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe(code);
      expect(error.message).toContain(mention);
    }
    const empty = await h.request('POST', '/api/sessions', {});
    expect(empty.status).toBe(400);
    expect((await json(empty)).error.code).toBe('missing_body');

    const { id, token } = await h.start();
    for (const body of [{}, { text: 5 }, { text: '   ' }, { txt: 'Reisepass' }]) {
      const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: body });
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toContain('"text"');
    }
    expect((await h.request('GET', '/api/services?locale=xx')).status).toBe(400);
    expect((await h.engine.view(id)).transcript.filter((t) => t.role === 'citizen')).toHaveLength(0);
  });

  test('415 when the body is not JSON', async () => {
    const res = await h.request('POST', '/api/sessions', { body: 'service=mini-termin', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect((await json(res)).error).toEqual({ code: 'unsupported_media_type', message: expect.stringContaining('application/json') });
    const { id, token } = await h.start();
    const text = await h.request('POST', `/api/sessions/${id}/messages`, { token, body: 'Reisepass', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const charset = await h.request('POST', `/api/sessions/${id}/messages`, { token, body: '{"text":"Reisepass"}', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(charset.status).toBe(200);
  });

  test('500 gives no internals away and the log names only the error class', async () => {
    const secret = 'Geheimnis Max Mustermann 1990-05-13';
    const h2 = await createHarness({ app: { mount: (app) => app.get('/boom', () => { throw new TypeError(secret); }) } });
    try {
      const res = await h2.request('GET', '/boom');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('Geheimnis');
      expect(text).not.toContain('TypeError');
      expect(JSON.parse(text).error.code).toBe('internal');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(JSON.stringify(h2.logs)).not.toContain('Geheimnis');
      expect(h2.logs).toContainEqual(expect.objectContaining({ event: 'http.error', error: 'TypeError' }));
    } finally {
      await h2.close();
    }
  });
});

describe('request log', () => {
  test('has method, route pattern, status and duration, never tokens, bodies, ids or query strings', async () => {
    const { id, token } = await h.start();
    await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'Personalausweis bitte' } });
    await h.request('GET', '/api/services?locale=en');
    const line = JSON.stringify(h.logs);
    for (const secret of [token, id, 'Personalausweis bitte', 'locale=en']) expect(line).not.toContain(secret);
    expect(h.logs).toContainEqual({ event: 'http.request', method: 'POST', route: '/api/sessions/:id/messages', status: 200, ms: expect.any(Number) });
    expect(h.logs).toContainEqual(expect.objectContaining({ method: 'GET', route: '/api/services', status: 200 }));
  });
});

describe('mount', () => {
  test('routes of other channels run behind the same headers', async () => {
    const h2 = await createHarness({ app: { mount: (app) => app.get('/', (c) => c.html('<h1>Chat</h1>')) } });
    try {
      const res = await h2.request('GET', '/');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<h1>Chat</h1>');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await h2.close();
    }
  });

  test('refusals thrown by mounted routes keep the JSON error shape', async () => {
    const h2 = await createHarness({
      app: {
        mount: (app) => {
          app.get('/desk/busy', () => { throw new SessionBusyError('s_1'); });
          app.get('/desk/hono', () => { throw new HTTPException(403, { message: 'Staff only.' }); });
        },
      },
    });
    try {
      const busy = await h2.request('GET', '/desk/busy');
      expect(busy.status).toBe(409);
      expect((await json(busy)).error.code).toBe('session_busy');
      const hono = await h2.request('GET', '/desk/hono');
      expect(hono.status).toBe(403);
      expect(await json(hono)).toEqual({ error: { code: 'forbidden', message: 'Staff only.' } });
    } finally {
      await h2.close();
    }
  });
});
