import { compileYaml, createHarness, type Harness } from './test-harness';

type Json = Record<string, any>;

async function transcriptOf(h: Harness, id: string) {
  const view = await h.engine.view(id);
  return { transcript: view.transcript, slots: view.slots, pending: view.pending, status: view.status };
}

describe('413: oversized input is refused and the session stays unchanged', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('a message text over 4096 bytes UTF-8 (counted in bytes, not characters)', async () => {
    const { id, token } = await h.start();
    const before = await transcriptOf(h, id);
    // 1366 × "€" is 4098 bytes but only 1366 characters.
    const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: '€'.repeat(1366) } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).error.code).toBe('message_too_large');
    expect(await transcriptOf(h, id)).toEqual(before);
    // Exactly 4096 bytes passes the limit.
    const fits = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'a'.repeat(4096) } });
    expect(fits.status).toBe(200);
  });

  test('a body over 16 KB declared in Content-Length is refused before it is read', async () => {
    const { id, token } = await h.start();
    const before = await transcriptOf(h, id);
    const body = JSON.stringify({ text: 'Reisepass', padding: 'x'.repeat(17 * 1024) });
    const res = await h.request('POST', `/api/sessions/${id}/messages`, { token, body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).error.code).toBe('body_too_large');
    expect(await transcriptOf(h, id)).toEqual(before);
  });

  test('a streamed body without Content-Length is cut off once it passes 16 KB', async () => {
    const { id, token } = await h.start();
    const before = await transcriptOf(h, id);
    let pulled = 0;
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"text":"'));
      },
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await h.app.request(`http://amtsweg.test/api/sessions/${id}/messages`, {
      method: 'POST', body: stream, duplex: 'half',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    } as RequestInit, { incoming: { socket: { remoteAddress: '192.0.2.10' } } });
    expect(res.status).toBe(413);
    // Stopped after about 16 KB, not after the whole 4 MB.
    expect(pulled).toBeLessThan(20);
    expect(await transcriptOf(h, id)).toEqual(before);
  });
});

describe('429: token buckets per client IP and per session', () => {
  test('per IP: a burst is served, the next request waits, other addresses are unaffected, tokens come back', async () => {
    let now = 0;
    const h = await createHarness({ app: { clock: () => now, rateLimit: { ip: { capacity: 3, perSecond: 0.5 }, session: false } } });
    try {
      for (let i = 0; i < 3; i++) expect((await h.request('GET', '/api/services', { ip: '198.51.100.1' })).status).toBe(200);
      const limited = await h.request('GET', '/api/services', { ip: '198.51.100.1' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      expect(((await limited.json()) as Json).error.code).toBe('rate_limited');
      expect((await h.request('GET', '/api/services', { ip: '198.51.100.2' })).status).toBe(200);
      // Health checks are never limited.
      expect((await h.request('GET', '/healthz', { ip: '198.51.100.1' })).status).toBe(200);
      now += 2000;
      expect((await h.request('GET', '/api/services', { ip: '198.51.100.1' })).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  test('per IP honours X-Forwarded-For only when the proxy is trusted', async () => {
    const now = 0;
    const limits = { clock: () => now, rateLimit: { ip: { capacity: 1, perSecond: 1 }, session: false as const } };
    const trusting = await createHarness({ app: { ...limits, trustProxy: true } });
    const plain = await createHarness({ app: limits });
    try {
      const xff = (a: string) => ({ ip: '10.0.0.1', headers: { 'x-forwarded-for': `203.0.113.99, ${a}` } });
      expect((await trusting.request('GET', '/api/services', xff('198.51.100.7'))).status).toBe(200);
      expect((await trusting.request('GET', '/api/services', xff('198.51.100.8'))).status).toBe(200);
      expect((await trusting.request('GET', '/api/services', xff('198.51.100.8'))).status).toBe(429);
      expect((await plain.request('GET', '/api/services', xff('198.51.100.7'))).status).toBe(200);
      expect((await plain.request('GET', '/api/services', xff('198.51.100.8'))).status).toBe(429);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });

  test('per session: messages beyond the bucket are refused and change nothing', async () => {
    const now = 0;
    const h = await createHarness({ app: { clock: () => now, rateLimit: { ip: false, session: { capacity: 1, perSecond: 0.1 } } } });
    try {
      const { id, token } = await h.start();
      expect((await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: 'Personalausweis' } })).status).toBe(200);
      const before = await transcriptOf(h, id);
      const limited = await h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text: '15.12.2026' } });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('10');
      expect(await transcriptOf(h, id)).toEqual(before);
      // Another session has its own bucket; a wrong token does not drain this one.
      const other = await h.start();
      expect((await h.request('POST', `/api/sessions/${other.id}/messages`, { token: 'wrong', json: { text: 'x' } })).status).toBe(401);
      expect((await h.request('POST', `/api/sessions/${other.id}/messages`, { token: other.token, json: { text: 'Reisepass' } })).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

test('new sessions per client IP (issue 12: one address booking a calendar full): refused with 429 after the burst, others unaffected', async () => {
  const now = 0;
  const h = await createHarness({ app: { clock: () => now, rateLimit: { ip: false, session: false, newSession: { capacity: 3, perSecond: 10 / 3600 } } } });
  try {
    const start = (ip: string) => h.request('POST', '/api/sessions', { json: { service: 'mini-termin' }, ip });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await start('203.0.113.5')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await start('203.0.113.5');
    expect(limited.headers.get('retry-after')).toBe('360');
    expect(((await limited.json()) as Json).error.code).toBe('rate_limited');
    expect((await start('203.0.113.6')).status).toBe(201);
    expect(h.engine.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 4 });
  } finally {
    await h.close();
  }
});

describe('409: a session busy with a turn', () => {
  test('one message runs, one waits, a third is refused; none is lost', async () => {
    const service = compileYaml(`
service: warten
version: "1"
title: Warten (Test)
privacy: { purpose: Test, basis: Art. 6 Abs. 1 lit. e DSGVO, retention: P30D }
slots:
  anliegen:
    type: enum
    ask: Personalausweis oder Reisepass?
    values: { personalausweis: { label: Personalausweis }, reisepass: { label: Reisepass } }
flow:
  - collect: [anliegen]
  - action: test.gate
    with: { anliegen: anliegen }
    result: gate
  - outcome: fertig
outcomes:
  fertig: { kind: information, say: "Fertig." }
`);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let entered!: () => void;
    const started = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const h = await createHarness({
      services: [service],
      actions: { 'test.gate': async () => { entered(); await gate; return { ok: true }; } },
    });
    try {
      const { id, token } = await h.start();
      const send = (text: string) => h.request('POST', `/api/sessions/${id}/messages`, { token, json: { text } });
      const first = send('Personalausweis');
      await started;
      const second = send('Hallo?');
      const third = await send('Noch jemand da?');
      expect(third.status).toBe(409);
      expect(((await third.json()) as Json).error.code).toBe('session_busy');
      open();
      const [a, b] = await Promise.all([first, second]);
      expect(a.status).toBe(200);
      expect(((await a.json()) as Json).status).toBe('completed');
      // The waiting message was not lost: it ran after the first and met a finished session.
      expect([200, 409]).toContain(b.status);
      const citizen = (await h.engine.view(id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text);
      expect(citizen).toContain('Personalausweis');
      expect(citizen).not.toContain('Noch jemand da?');
    } finally {
      await h.close();
    }
  });
});
