import { createHarness, type Harness } from './test-harness';
import { mountRouteRoutes } from './route-routes';
import type { OpenApiDocument } from './openapi';

type Operation = { operationId?: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };

/** `METHOD /path/{param}` of every route the app serves (middleware-only `ALL` entries are not routes). */
function servedRoutes(h: Harness): string[] {
  return [...new Set(h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`))].sort();
}

function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item as object).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((m) => `${m.toUpperCase()} ${path}`)).sort();
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ app: { mount: (app) => mountRouteRoutes(app, { router: { route: async () => ({ candidates: [], question: '?' }) } }) } });
});
afterAll(async () => { await h.close(); });

test('the generated document lists exactly the routes the app serves', async () => {
  const res = await h.request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as OpenApiDocument;
  expect(doc.openapi).toBe('3.1.0');
  expect(await (await h.request('GET', '/api/openapi.json')).json()).toEqual(doc);
  const served = servedRoutes(h);
  expect(served.length).toBeGreaterThanOrEqual(11);
  expect(documentedRoutes(doc)).toEqual(served);
});

test('every refusal is the one error schema, every operation has a unique id, every $ref resolves', async () => {
  const doc = (await (await h.request('GET', '/openapi.json')).json()) as OpenApiDocument;
  const ids: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      ids.push(op.operationId ?? `(none: ${method} ${path})`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400 || (path === '/readyz' && status === '503')) continue;
        expect({ at: `${method} ${path} ${status}`, schema: response.content?.['application/json']?.schema })
          .toEqual({ at: `${method} ${path} ${status}`, schema: { $ref: '#/components/schemas/Error' } });
      }
    }
  }
  expect(new Set(ids).size).toBe(ids.length);
  const send = doc.paths!['/api/sessions/{id}/messages'].post as unknown as Operation;
  expect(Object.keys(send.responses).sort()).toEqual(['200', '400', '401', '404', '409', '410', '413', '415', '429', '500', '503']);
  const refs = JSON.stringify(doc).match(/"#\/components\/[^"]+"/g) ?? [];
  expect(refs.length).toBeGreaterThan(10);
  for (const ref of refs) {
    const [, , kind, name] = ref.replace(/"/g, '').split('/');
    expect({ ref, found: Boolean((doc.components as Record<string, Record<string, unknown>>)[kind]?.[name]) }).toEqual({ ref, found: true });
  }
});

test('the schema says exactly what is accepted: the service enum, blank text, locales that work', async () => {
  const doc = (await (await h.request('GET', '/openapi.json')).json()) as OpenApiDocument;
  const schemas = doc.components!.schemas as Record<string, { anyOf?: { properties: Record<string, { enum?: string[]; pattern?: string; $ref?: string }> }[]; properties: Record<string, { enum?: string[]; pattern?: string }> }>;
  const bySession = schemas.CreateSessionRequest.anyOf?.[0] ?? schemas.CreateSessionRequest;
  expect(bySession.properties.service.enum).toEqual(['mini-termin']);
  // An empty service is outside the enum, and refused: the two agree.
  const empty = await h.request('POST', '/api/sessions', { json: { service: '' } });
  expect(empty.status).toBe(400);
  expect((await empty.json()).error.code).toBe('unknown_service');
  const pattern = new RegExp(schemas.MessageRequest.properties.text.pattern!);
  const { id, token } = await h.start();
  for (const text of ['\f', '\u00a0\u2003', '\ufeff', ' \n\t']) {
    expect(pattern.test(text)).toBe(false);
    const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text } });
    expect({ text, status: res.status }).toEqual({ text, status: 400 });
  }
  // Characters some regex engines call white space but JavaScript's trim() keeps are text, in both.
  expect(pattern.test('\u001c')).toBe(true);
  // The byte limit is stated as such: 4096 bytes pass, one more (a multibyte text within maxLength) is the documented 413.
  const text = schemas.MessageRequest.properties.text as unknown as { maxLength: number; 'x-max-utf8-bytes': number };
  expect([text.maxLength, text['x-max-utf8-bytes']]).toEqual([4096, 4096]);
  const fits = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'ä'.repeat(2048) } });
  expect(fits.status).toBe(200);
  const over = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: `${'ä'.repeat(2048)}x` } });
  expect([over.status, (await over.json()).error.code]).toEqual([413, 'message_too_large']);
  const locales = schemas.Locale as unknown as { enum: string[] };
  for (const locale of locales.enum) {
    const res = await h.request('POST', '/api/sessions', { json: { service: 'mini-termin', locale } });
    expect({ locale, status: res.status }).toEqual({ locale, status: 201 });
  }
});

test('a known path with a method it does not serve answers 405 with Allow', async () => {
  const res = await h.request('DELETE', '/api/sessions');
  expect(res.status).toBe(405);
  expect(res.headers.get('allow')).toBe('POST');
  expect((await res.json()).error.code).toBe('method_not_allowed');
  const view = await h.request('PUT', '/api/sessions/abc');
  expect(view.headers.get('allow')).toBe('GET, HEAD');
  expect((await h.request('GET', '/api/nothing')).status).toBe(404);
});

test('with every channel serve mounts (web chat, desk, insight, phone webhook), the document still lists exactly what is served', async () => {
  const { loadChannelPlugins } = await import('../../cli/channels');
  const env = { AMTSWEG_STAFF_TOKEN: 'anna:staff-token-1234', AMTSWEG_VOICE_SECRET: 'voice-secret-0123456789' };
  const router = { route: async () => ({ candidates: [], question: '?' }) };
  const full = await createHarness({
    mountWith: (app, engine, dataDir) => {
      mountRouteRoutes(app, { router });
      for (const plugin of loadChannelPlugins()) plugin.mount?.(app, { engine, dataDir, env, router });
    },
  });
  try {
    const doc = (await (await full.request('GET', '/openapi.json')).json()) as OpenApiDocument;
    const served = servedRoutes(full);
    for (const expected of ['GET /', 'GET /desk', 'GET /desk/api/cases/{id}', 'POST /desk/api/cases/{id}/answer', 'GET /desk/api/insight', 'POST /voice/call', 'GET /api/branding']) {
      expect(served).toContain(expected);
    }
    expect(documentedRoutes(doc)).toEqual(served);
    const answer = (doc.paths!['/desk/api/cases/{id}/answer'] as Record<string, { security?: unknown[] }>).post;
    expect(answer.security).toEqual([{ staffToken: [] }, { staffPassword: [] }]);
  } finally {
    await full.close();
  }
});
