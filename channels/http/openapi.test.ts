import { buildOpenApi } from './openapi';
import { createHarness } from './test-harness';

test('every route of the app appears in the OpenAPI document, with its error responses', async () => {
  const h = await createHarness();
  try {
    const res = await h.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as ReturnType<typeof buildOpenApi>;
    expect(doc.openapi).toBe('3.1.0');
    const routes = h.app.routes.filter((r) => r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const r of routes) {
      const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      const item = doc.paths[p] as Record<string, unknown> | undefined;
      expect({ route: `${r.method} ${p}`, described: Boolean(item?.[r.method.toLowerCase()]) }).toEqual({ route: `${r.method} ${p}`, described: true });
    }
    const send = doc.paths['/api/sessions/{id}/messages'].post!;
    expect(Object.keys(send.responses).sort()).toEqual(['200', '400', '401', '404', '409', '410', '413', '415', '429', '500']);
    // Every $ref points at something that exists.
    const refs = JSON.stringify(doc).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const [, , kind, name] = ref.replace(/"/g, '').split('/');
      expect((doc.components as Record<string, Record<string, unknown>>)[kind][name]).toBeDefined();
    }
  } finally {
    await h.close();
  }
});
