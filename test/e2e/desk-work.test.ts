/**
 * Case work over real HTTP: take before answer, correct a value (audited, recomputed, the citizen
 * told), hand back so the assistant books, close with a message, a follow-up reopening the case;
 * the queue's filters and order; least privilege (case worker, admin, analyst) with audited reads.
 */
import { http, STAFF_TOKEN, STAFF_TOKENS, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack.stop(); });

const erika = { Authorization: `Bearer ${STAFF_TOKEN}` };
const bert = { Authorization: `Bearer ${STAFF_TOKENS.bert}` };
const ada = { Authorization: `Bearer ${STAFF_TOKENS.ada}` };
const ana = { Authorization: `Bearer ${STAFF_TOKENS.ana}` };

async function citizenCase(messages: string[], channel: 'web' | 'email' | 'phone' = 'web') {
  // The HTTP API opens web and api sessions; e-mail and phone ones come from their channels.
  const created = channel === 'web'
    ? await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel })
    : { body: await stack.engine.createSession({ service: 'terminvereinbarung', channel }) };
  const id = created.body.id as string;
  const auth = { Authorization: `Bearer ${created.body.token}` };
  for (const text of messages) await http(`${stack.url}/api/sessions/${id}/messages`, 'POST', { text }, auth);
  const say = async (text: string) => (await http(`${stack.url}/api/sessions/${id}/messages`, 'POST', { text }, auth)).body;
  const view = async () => (await http(`${stack.url}/api/sessions/${id}`, 'GET', undefined, auth)).body;
  return { id, auth, say, view };
}

const desk = (path: string, auth: Record<string, string>, body?: unknown) =>
  http(`${stack.url}/desk/api/cases${path}`, body === undefined ? 'GET' : 'POST', body, auth);

test('take, correct, hand back (the assistant books), and the citizen sees each step', async () => {
  const c = await citizenCase(['Ich brauche einen Termin für meinen Personalausweis', 'Buer', 'Mitarbeiter']);
  const refused = await desk(`/${c.id}/answer`, erika, { text: 'Hallo' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('not_taken');
  expect(refused.body.error.message).toMatch(/Take the case first/);

  const detail = await desk(`/${c.id}`, erika);
  expect(detail.body.reasonText).toBe('Die Bürgerin / der Bürger möchte mit einem Menschen sprechen.');
  expect(detail.body.fields.standort).toMatchObject({ label: 'BÜRGERcenter', type: 'enum' });
  expect(detail.body.fields.standort.options).toContainEqual({ id: 'erle', label: 'Erle' });
  expect(detail.body).toMatchObject({ serviceTitle: 'Termin im Bürgerbüro vereinbaren', version: '2026.1', deskState: 'handoff' });
  expect(Date.parse(detail.body.receivedAt)).toBeLessThanOrEqual(Date.parse(detail.body.handedOffAt));
  expect(detail.body.waitingSeconds).toBeGreaterThanOrEqual(0);

  expect((await desk(`/${c.id}/take`, erika, {})).status).toBe(200);
  expect((await desk(`/${c.id}/answer`, bert, { text: 'Hallo' })).body.error.code).toBe('taken_by_other');
  const bad = await desk(`/${c.id}/correct`, erika, { slot: 'wunschdatum', value: '2020-01-01', reason: 'telefonisch' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('invalid_value');
  expect((await desk(`/${c.id}/correct`, erika, { slot: 'standort', value: 'erle' })).status).toBe(400);

  const corrected = await desk(`/${c.id}/correct`, erika, { slot: 'standort', value: 'erle', reason: 'Die Bürgerin wohnt in Erle (telefonisch)' });
  expect(corrected.status).toBe(200);
  expect((await desk(`/${c.id}/correct`, erika, { slot: 'wunschdatum', value: '01.12.2026', reason: 'telefonisch genannt' })).status).toBe(200);
  const after = await desk(`/${c.id}`, erika);
  expect(after.body.slots.standort).toMatchObject({ value: 'erle', source: 'staff', confirmed: true, evidence: 'Die Bürgerin wohnt in Erle (telefonisch)' });
  expect(after.body.slots.wunschdatum).toMatchObject({ value: '2026-12-01', source: 'staff' });
  let seen = (await c.view()).transcript.filter((t: { role: string }) => t.role === 'staff').map((t: { text: string }) => t.text);
  expect(seen).toContainEqual(expect.stringMatching(/„BÜRGERcenter“ geändert auf: Erle\. Grund: Die Bürgerin wohnt in Erle/));

  const back = await desk(`/${c.id}/handback`, erika, {});
  expect(back.body.status).toBe('active');
  expect(back.body.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/mache jetzt mit Ihnen weiter.*Uhrzeit/);
  await c.say('überspringen');
  await c.say('Erika Mustermann');
  await c.say('erika@example.org');
  await c.say('ja');
  const summary = (await c.view()).transcript.at(-1).text as string;
  expect(summary).toMatch(/Erle/);
  const booked = await c.say('ja');
  expect(booked.status).toBe('completed');
  expect(booked.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/Ihr Termin ist gebucht: .* im BÜRGERcenter Erle/);
  seen = (await c.view()).transcript.map((t: { text: string }) => t.text);
  expect(seen.join('\n')).toMatch(/KI-Assistent, mache jetzt mit Ihnen weiter/);

  const listed = await desk('?status=closed', erika);
  expect(listed.body.cases.find((k: { id: string }) => k.id === c.id)).toMatchObject({ deskState: 'returned', staff: ['erika'] });

  const trail = JSON.stringify((await stack.engine.exportSession(c.id)).events);
  for (const action of ['read', 'take', 'correct', 'handback']) expect(trail).toContain(`"action":"${action}"`);
  expect(trail).toContain('"reason":"Die Bürgerin wohnt in Erle (telefonisch)"');
});

test('close with a message reaches the citizen; a follow-up reopens the case in the queue', async () => {
  const c = await citizenCase(['Führungszeugnis', 'Ich möchte mit einem Menschen sprechen']);
  await desk(`/${c.id}/take`, erika, {});
  const closed = await desk(`/${c.id}/close`, erika, { text: 'Das Führungszeugnis können Sie online beantragen.' });
  expect(closed.body.status).toBe('completed');
  const last = (await c.view()).transcript.at(-1);
  expect(last).toMatchObject({ role: 'staff', text: expect.stringMatching(/^Das Führungszeugnis können Sie online beantragen\.\n\nIhr Anliegen ist von der Sachbearbeitung abgeschlossen/) });
  expect((await desk('?status=all', erika)).body.cases.map((k: { id: string }) => k.id)).not.toContain(c.id);

  const follow = await c.say('Und wie lange dauert das?');
  expect(follow.status).toBe('handoff');
  expect(follow.messages[0].text).toMatch(/bei der Sachbearbeitung eingegangen/);
  const queue = await desk('?status=handoff&reason=follow_up', erika);
  expect(queue.body.cases).toEqual([expect.objectContaining({ id: c.id, handoffReason: 'follow_up', reasonText: expect.stringMatching(/Rückfrage/) })]);
});

test('the queue: longest waiting first, filters by service, reason, channel and taken by me', async () => {
  const first = await citizenCase(['Reisepass', 'Mitarbeiter'], 'email');
  const second = await citizenCase(['Reisepass', 'blau', 'grün', 'gelb'], 'phone');
  const third = await citizenCase(['Reisepass', 'Mitarbeiter'], 'web');
  const all = (await desk('', erika)).body.cases as { id: string; waitingSince?: string; handoffReason: string }[];
  const order = all.map((k) => k.id).filter((id) => [first.id, second.id, third.id].includes(id));
  expect(order).toEqual([first.id, second.id, third.id]);
  const waiting = all.filter((k) => k.waitingSince).map((k) => k.waitingSince as string);
  expect([...waiting].sort()).toEqual(waiting);

  expect((await desk('?channel=phone', erika)).body.cases.map((k: { id: string }) => k.id)).toEqual([second.id]);
  const attempts = (await desk('?reason=too_many_attempts', erika)).body.cases;
  expect(attempts.map((k: { id: string }) => k.id)).toEqual([second.id]);
  expect(attempts[0].reasonText).toMatch(/mehrmals nicht verstanden/);
  expect((await desk('?service=personalausweis', erika)).body.cases).toEqual([]);
  await desk(`/${third.id}/take`, erika, {});
  expect((await desk('?mine=1', erika)).body.cases.map((k: { id: string }) => k.id)).toEqual([third.id]);
  expect((await desk('?mine=1', bert)).body.cases).toEqual([]);
  expect((await desk('?channel=fax', erika)).status).toBe(400);
  expect((await desk('?reason=<script>', erika)).status).toBe(400);
});

describe('least privilege', () => {
  test('a case worker cannot open a session that was never handed off; an admin can; both reads are audited', async () => {
    const c = await citizenCase(['Reisepass']);
    const denied = await desk(`/${c.id}`, bert);
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toMatch(/reisepass/i);
    expect((await desk(`/${c.id}/take`, bert, {})).status).toBe(404);
    expect(stack.logs).toContainEqual(expect.objectContaining({ msg: 'staff read refused', staff: 'bert', session: c.id }));
    const admin = await desk(`/${c.id}`, ada);
    expect(admin.status).toBe(200);
    expect(admin.body.slots.anliegen.value).toBe('reisepass');
    const trail = JSON.stringify((await stack.engine.exportSession(c.id)).events);
    expect(trail).toContain('"action":"read","staff":"ada"');
    expect(trail).not.toContain('"staff":"bert"');
  });

  test('a case worker keeps access to a case they closed; another case worker does not', async () => {
    const c = await citizenCase(['Reisepass', 'Mitarbeiter']);
    await desk(`/${c.id}/take`, bert, {});
    await desk(`/${c.id}/close`, bert, {});
    expect((await desk(`/${c.id}`, bert)).status).toBe(200);
    expect((await desk(`/${c.id}`, erika)).status).toBe(404);
    expect((await desk('?status=closed', erika)).body.cases.map((k: { id: string }) => k.id)).not.toContain(c.id);
    expect((await desk('?status=closed', bert)).body.cases.map((k: { id: string }) => k.id)).toContain(c.id);
  });

  test('an analyst gets no case data', async () => {
    const me = await http(`${stack.url}/desk/api/me`, 'GET', undefined, ana);
    expect(me.body).toEqual({ staff: 'ana', roles: ['analyst'] });
    const list = await desk('', ana);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/caseworker role/);
  });
});
