/**
 * A whole phone call as jambonz would post it (signed webhooks, speech transcripts, DTMF), over
 * real HTTP against the real engine, plus the refusals of unsigned or wrongly signed calls.
 */
import { signVoiceRequest, signWebhook } from '../../channels/phone';
import { startStack, VOICE_SECRET, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack.stop(); });

type Verb = { verb: string; text?: string; say?: { text: string }; actionHook?: string; numDigits?: number; input?: string[] };

async function post(path: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(headers ?? { 'Amtsweg-Signature': sign(path, raw) }) },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

function sign(pathAndQuery: string, raw: string, secret = VOICE_SECRET, at = Date.now() / 1000): string {
  const [path, query] = pathAndQuery.split('?');
  return signWebhook({ method: 'POST', path, query, body: raw }, secret, at);
}

function spoken(verbs: Verb[]): string {
  return verbs.map((v) => v.text ?? v.say?.text ?? '').join(' ');
}

function sessionCount(): number {
  return (stack.engine.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}

const speech = (transcript: string) => ({ reason: 'speechDetected', speech: { alternatives: [{ transcript, confidence: 0.9 }] } });

describe('a scripted call books an appointment', () => {
  test('greeting, spoken answers, DTMF confirmation, outcome read back, hangup', async () => {
    const call_sid = 'call-0001';
    const start = await post('/voice/call', { call_sid, from: '+4920912345', to: '+492091690', direction: 'inbound', call_status: 'ringing' });
    expect(start.status).toBe(200);
    const greet = start.body as Verb[];
    expect(greet).toHaveLength(1);
    expect(greet[0]).toMatchObject({ verb: 'gather', input: ['speech', 'digits'], actionHook: '/voice/action' });
    expect(spoken(greet)).toMatch(/^<speak>.*KI-Assistent.*Taste 0.*Wofür brauchen Sie den Termin/s);

    const turns: [Record<string, unknown>, RegExp][] = [
      [speech('Ich brauche einen Termin für meinen Personalausweis'), /BÜRGERcenter/],
      [speech('in Buer'), /Ab welchem Tag/],
      [speech('ab dem zweiten Dezember zweitausendsechsundzwanzig'), /Uhrzeit/],
      [speech('ab zehn Uhr'), /Namen/],
      [speech('Erika Mustermann'), /E-Mail-Adresse/],
      [speech('erika punkt mustermann at example punkt org'), /erika Punkt mustermann at example Punkt org.*Stimmt das.*drücken Sie 1 für Ja/s],
      [{ reason: 'dtmfDetected', digits: '1' }, /2\. Dezember 2026.*10 Uhr.*Stimmt alles/s],
      [speech('ja'), /Ihr Termin ist gebucht/],
    ];
    let last: Verb[] = greet;
    for (const [payload, expected] of turns) {
      const r = await post('/voice/action', { call_sid, ...payload });
      expect(r.status).toBe(200);
      last = r.body;
      expect(spoken(last)).toMatch(expected);
    }
    expect(last.map((v) => v.verb)).toEqual(['say', 'hangup']);
    // The booking number is read out letter by letter; no markup from the message leaks into the SSML.
    expect(spoken(last)).toMatch(/^<speak>(?:[^<]|<break time="\d+ms"\/>|<say-as interpret-as="characters">[A-Z0-9]+<\/say-as>)*<\/speak>/);

    const cases = await stack.engine.listCases({ status: 'all' });
    expect(cases.find((c) => c.channel === 'phone')).toBeUndefined();
    const status = await post('/voice/status', { call_sid, call_status: 'completed' });
    expect(status.body).toEqual({ ok: true });
    const after = await post('/voice/action', { call_sid, ...speech('hallo') });
    expect(after.body.map((v: Verb) => v.verb)).toEqual(['say', 'hangup']);
  });

  test('silence re-asks, key 0 hands the call to a person', async () => {
    const call_sid = 'call-0002';
    await post('/voice/call', { call_sid });
    const silent = await post('/voice/action', { call_sid, reason: 'timeout' });
    expect(spoken(silent.body)).toMatch(/nicht verstanden.*Wofür brauchen Sie den Termin/s);
    expect(silent.body[0].verb).toBe('gather');
    const human = await post('/voice/action', { call_sid, reason: 'dtmfDetected', digits: '0' });
    expect(human.body.map((v: Verb) => v.verb)).toEqual(['say', 'hangup']);
    const cases = await stack.engine.listCases({ status: 'handoff' });
    expect(cases.some((c) => c.channel === 'phone')).toBe(true);
  });
});

describe('a staff answer reaches a caller', () => {
  test('handed off by key 0, answered at the desk, read out when the citizen calls again', async () => {
    const caller = '+49 209 555 0101';
    await post('/voice/call', { call_sid: 'call-0003', from: caller });
    await post('/voice/action', { call_sid: 'call-0003', ...speech('Reisepass') });
    const human = await post('/voice/action', { call_sid: 'call-0003', reason: 'dtmfDetected', digits: '0' });
    expect(human.body.map((v: Verb) => v.verb)).toEqual(['say', 'hangup']);
    await post('/voice/status', { call_sid: 'call-0003', call_status: 'completed' });

    const [phoneCase] = (await stack.engine.listCases({ status: 'handoff' })).filter((c) => c.channel === 'phone');
    await stack.engine.staffAction(phoneCase.id, { type: 'take', staff: 'erika' });
    await stack.engine.staffAction(phoneCase.id, { type: 'answer', staff: 'erika', text: 'Ihr Reisepass liegt ab Montag im Hans-Sachs-Haus zur Abholung bereit.' });

    const again = await post('/voice/call', { call_sid: 'call-0004', from: caller });
    expect(spoken(again.body)).toMatch(/Nachricht vom Bürgerservice.*Reisepass liegt ab Montag/s);
    // A different caller gets a new conversation, not someone else's message.
    const other = await post('/voice/call', { call_sid: 'call-0005', from: '+49 209 555 0202' });
    expect(spoken(other.body)).not.toMatch(/Reisepass liegt/);
    expect(spoken(other.body)).toMatch(/Wofür brauchen Sie den Termin/);
  });
});

describe('the webhook refuses calls it cannot trust', () => {
  test.each([
    ['no signature', {}],
    ['wrong signature', { 'Amtsweg-Signature': sign('/voice/call', '{"call_sid":"evil"}', 'some-other-secret-value') }],
    ['signature of an old request', { 'Amtsweg-Signature': sign('/voice/call', '{"call_sid":"evil"}', VOICE_SECRET, Date.now() / 1000 - 3600) }],
    ['jambonz signature, not enabled', { 'Jambonz-Signature': signVoiceRequest('{"call_sid":"evil"}', VOICE_SECRET, Date.now() / 1000) }],
    ['wrong bearer', { Authorization: 'Bearer guess' }],
  ])('%s → 401, no session created', async (_name, headers) => {
    const before = sessionCount();
    const r = await post('/voice/call', { call_sid: 'evil' }, headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(r.body.error.message).toMatch(/AMTSWEG_VOICE_SECRET/);
    expect(sessionCount()).toBe(before);
    expect(stack.logs).toContainEqual(expect.objectContaining({ msg: 'voice webhook refused', code: 'unauthorized' }));
  });

  test('a body that is not JSON → 400', async () => {
    const raw = 'not json';
    const res2 = await fetch(`${stack.url}/voice/call`, { method: 'POST', headers: { 'Amtsweg-Signature': sign('/voice/call', raw) }, body: raw });
    expect(res2.status).toBe(400);
    expect((await res2.json()).error.message).toMatch(/not a JSON object/);
  });
});
