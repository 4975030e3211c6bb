/**
 * The case-worker desk over real HTTP against the real engine: refusals without credentials,
 * then a handed-off web case taken, answered and closed; the answer reaches the citizen's
 * session and every step is in the audit trail with the staff member's name.
 */
import { http, STAFF_TOKEN, STAFF_USER, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack.stop(); });

const bearer = { Authorization: `Bearer ${STAFF_TOKEN}` };
const basic = { Authorization: `Basic ${Buffer.from(`${STAFF_USER.user}:${STAFF_USER.password}`).toString('base64')}` };

describe('staff endpoints refuse without staff credentials', () => {
  test.each([
    ['GET', '/desk/api/cases'],
    ['GET', '/desk/api/cases/s_x'],
    ['POST', '/desk/api/cases/s_x/take'],
    ['POST', '/desk/api/cases/s_x/answer'],
    ['POST', '/desk/api/cases/s_x/close'],
  ])('%s %s → 401', async (method, path) => {
    const none = await http(`${stack.url}${path}`, method, method === 'POST' ? { text: 'x' } : undefined);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const wrong = await http(`${stack.url}${path}`, method, method === 'POST' ? { text: 'x' } : undefined, { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
  });

  test('a citizen capability token is not a staff credential', async () => {
    const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung' });
    const r = await http(`${stack.url}/desk/api/cases`, 'GET', undefined, { Authorization: `Bearer ${created.body.token}` });
    expect(r.status).toBe(401);
  });

  test('the desk page itself carries no data and no inline script', async () => {
    const res = await fetch(`${stack.url}/desk`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('a handed-off case from the web chat', () => {
  test('listed with summary, taken, answered (reaches the citizen), closed — all audited with the staff name', async () => {
    const created = await http(`${stack.url}/api/sessions`, 'POST', { service: 'terminvereinbarung', channel: 'web' });
    const id = created.body.id as string;
    const citizen = { Authorization: `Bearer ${created.body.token}` };
    await http(`${stack.url}/api/sessions/${id}/messages`, 'POST', { text: 'Ich brauche einen Termin für meinen Personalausweis' }, citizen);
    await http(`${stack.url}/api/sessions/${id}/messages`, 'POST', { text: 'Buer' }, citizen);
    const handed = await http(`${stack.url}/api/sessions/${id}/handoff`, 'POST', {}, citizen);
    expect(handed.body.status).toBe('handoff');

    const list = await http(`${stack.url}/desk/api/cases?status=handoff`, 'GET', undefined, bearer);
    expect(list.status).toBe(200);
    const summary = list.body.cases.find((c: { id: string }) => c.id === id);
    expect(summary).toMatchObject({ service: 'terminvereinbarung', channel: 'web', status: 'handoff' });

    const detail = await http(`${stack.url}/desk/api/cases/${id}`, 'GET', undefined, basic);
    expect(detail.status).toBe(200);
    expect(detail.body.slots.anliegen).toMatchObject({ value: 'personalausweis' });
    expect(detail.body.slots.anliegen.evidence).toMatch(/Personalausweis/i);
    expect(detail.body.slots.standort).toMatchObject({ value: 'buer' });
    expect(detail.body.openQuestions.length).toBeGreaterThan(0);
    expect(detail.body.handoffReason).toBeTruthy();
    expect(detail.body.attachments).toEqual([]);

    const bad = await http(`${stack.url}/desk/api/cases/${id}/answer`, 'POST', { text: '' }, bearer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/text/);

    expect((await http(`${stack.url}/desk/api/cases/${id}/take`, 'POST', {}, bearer)).status).toBe(200);
    const answer = 'Guten Tag, ich habe Ihnen einen Termin am Freitag um 10 Uhr in Buer reserviert.';
    const answered = await http(`${stack.url}/desk/api/cases/${id}/answer`, 'POST', { text: answer }, bearer);
    expect(answered.status).toBe(200);

    // The citizen's chat page polls the session view: the staff answer is in the transcript.
    const view = await http(`${stack.url}/api/sessions/${id}`, 'GET', undefined, citizen);
    expect(view.body.transcript).toContainEqual(expect.objectContaining({ role: 'staff', text: answer }));

    const taken = await http(`${stack.url}/desk/api/cases?status=all`, 'GET', undefined, bearer);
    expect(taken.body.cases.find((c: { id: string }) => c.id === id).takenBy).toBe('erika');

    expect((await http(`${stack.url}/desk/api/cases/${id}/close`, 'POST', {}, bearer)).status).toBe(200);

    const exported = await stack.engine.exportSession(id);
    const staffEntries = JSON.stringify(exported.events);
    expect(staffEntries).toMatch(/"staff":"erika"/);
    for (const action of ['take', 'answer', 'close']) expect(staffEntries).toContain(`"action":"${action}"`);
    expect(stack.logs).toContainEqual(expect.objectContaining({ msg: 'staff action', action: 'answer', staff: 'erika', session: id }));
  });

  test('unknown case → 404 with a hint, bad status filter → 400', async () => {
    const missing = await http(`${stack.url}/desk/api/cases/s_doesnotexist`, 'GET', undefined, bearer);
    expect(missing.status).toBe(404);
    const filter = await http(`${stack.url}/desk/api/cases?status=weird`, 'GET', undefined, bearer);
    expect(filter.status).toBe(400);
    expect(filter.body.error.message).toMatch(/handoff, taken, all or closed/);
  });
});
