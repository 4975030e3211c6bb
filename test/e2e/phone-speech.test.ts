/**
 * The phone surface as a city runs it, over real HTTP with signed webhooks: every verb array
 * amtsweg answers with validates against jambonz's published verb schemas
 * (@jambonz/verb-specifications); a caller is asked to say or press, never to write; dates,
 * times and booking numbers are spoken naturally; key 0 puts the caller through, or — without a
 * transfer number — tells them the office's number instead of just hanging up.
 */
import { mountVoice, signWebhook } from '../../channels/phone';
import { startStack, VOICE_SECRET, type Stack } from './harness';

// The package ships no types: its validate(logger, verbs) throws on the first invalid verb.
const { validate } = require('@jambonz/verb-specifications') as { validate(logger: unknown, verbs: unknown[]): void };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    extraMount: (app, engine) => {
      mountVoice(app, { engine, secret: VOICE_SECRET, service: 'terminvereinbarung', basePath: '/voice-transfer', transferNumber: '+49 209 169-0' });
      mountVoice(app, { engine, secret: VOICE_SECRET, service: 'terminvereinbarung', basePath: '/voice-office', officePhone: '0209 169-0', officeHours: 'Montag bis Freitag von 8 bis 16 Uhr' });
    },
  });
});
afterAll(async () => { await stack.stop(); });

type Verb = { verb: string; text?: string; say?: { text: string } };
const quiet = { info() {}, debug() {}, error() {}, warn() {} };
const checked: string[] = [];

/** A signed webhook call; every answer must be a valid jambonz application. */
async function post(path: string, body: Record<string, unknown>): Promise<Verb[]> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Amtsweg-Signature': signWebhook({ method: 'POST', path, query: '', body: raw }, VOICE_SECRET, Date.now() / 1000) },
    body: raw,
  });
  expect(res.status).toBe(200);
  const verbs = (await res.json()) as Verb[];
  expect(() => validate(quiet, verbs)).not.toThrow();
  checked.push(...verbs.map((v) => v.verb));
  return verbs;
}
const spoken = (verbs: Verb[]) => verbs.map((v) => v.text ?? v.say?.text ?? '').join(' ');
const speech = (transcript: string) => ({ reason: 'speechDetected', speech: { alternatives: [{ transcript, confidence: 0.9 }] } });

test('a whole booking call: valid verbs, spoken wording, dates and booking number said naturally', async () => {
  const call_sid = 'speech-1';
  const all: string[] = [];
  all.push(spoken(await post('/voice/call', { call_sid, from: '+4920955501' })));
  for (const p of [speech('Personalausweis'), speech('Buer'), speech('fünfzehnter Dezember zweitausendsechsundzwanzig'), speech('ab vierzehn Uhr dreißig'),
    speech('Erika Mustermann'), speech('erika punkt mustermann at example punkt org'), { reason: 'dtmfDetected', digits: '1' }, speech('ja')]) {
    all.push(spoken(await post('/voice/action', { call_sid, ...p })));
  }
  const text = all.join('\n');
  expect(text).not.toMatch(/schreib/i);
  expect(text).toMatch(/sagen Sie jederzeit „Mitarbeiter“ oder drücken Sie die 0/);
  // The date question's example and the caller's date, as dates, never digit by digit.
  expect(text).toMatch(/Zum Beispiel „morgen“ oder „15\. Dezember 2026“/);
  expect(text).not.toMatch(/2 0 2 6/);
  expect(text).toMatch(/15\. Dezember 2026/);
  expect(text).toMatch(/14 Uhr 30/);
  // The booking number letter by letter.
  expect(all[all.length - 1]).toMatch(/Ihr Termin ist gebucht: \d+\. Dezember 2026 um \d+ Uhr( \d+)?.*Buchungsnummer lautet <say-as interpret-as="characters">GE<\/say-as><break time="250ms"\/><say-as interpret-as="characters">[A-Z0-9]+<\/say-as>/s);
});

test('key 0 with a transfer number: put through, and the office number should nobody answer', async () => {
  await post('/voice-transfer/call', { call_sid: 'speech-2' });
  const verbs = await post('/voice-transfer/action', { call_sid: 'speech-2', reason: 'dtmfDetected', digits: '0' });
  expect(verbs.map((v) => v.verb)).toEqual(['say', 'dial', 'say', 'hangup']);
  expect(verbs[1]).toMatchObject({ target: [{ type: 'phone', number: '+49 209 169-0' }] });
  expect(spoken(verbs)).toMatch(/Ich verbinde Sie jetzt/);
  expect(spoken(verbs)).not.toMatch(/meldet sich hier/);
});

test('key 0 without a transfer number: the caller hears the office number and hours, not just a hang-up', async () => {
  await post('/voice-office/call', { call_sid: 'speech-3' });
  const verbs = await post('/voice-office/action', { call_sid: 'speech-3', reason: 'dtmfDetected', digits: '0' });
  expect(verbs.map((v) => v.verb)).toEqual(['say', 'hangup']);
  expect(spoken(verbs)).toMatch(/nicht direkt verbinden.*Ihren Angaben.*direkt unter 0 2 0 9 1 6 9 0.*Montag bis Freitag von 8 bis 16 Uhr/s);
  expect((await stack.engine.listCases({ status: 'handoff' })).some((c) => c.channel === 'phone')).toBe(true);
});

test('silence, an unknown call and yes/no prompts are valid verbs too', async () => {
  await post('/voice/call', { call_sid: 'speech-4' });
  for (let i = 0; i < 3; i++) await post('/voice/action', { call_sid: 'speech-4', reason: 'timeout' });
  expect(spoken(await post('/voice/action', { call_sid: 'unknown', ...speech('hallo') }))).toMatch(/nicht bekannt/);
  expect(new Set(checked)).toEqual(new Set(['gather', 'say', 'hangup', 'dial']));
});

describe('every language of the city on the phone', () => {
  const { VOICE_LOCALES, VOICE_TEXTS, WRITE_WORDS, RECOGNIZER_LANGUAGE } = require('../../channels/phone') as typeof import('../../channels/phone');
  test.each([...VOICE_LOCALES])('%s: a call, silence, key 0 and an unknown call give valid verbs in that language, never "write"', async (locale) => {
    const call_sid = `locale-${locale}`;
    const path = `/voice-office/call?locale=${locale}`;
    const raw = JSON.stringify({ call_sid, from: '+4920955599' });
    const res = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Amtsweg-Signature': signWebhook({ method: 'POST', path: '/voice-office/call', query: `locale=${locale}`, body: raw }, VOICE_SECRET, Date.now() / 1000) },
      body: raw,
    });
    expect(res.status).toBe(200);
    const first = (await res.json()) as (Verb & { recognizer?: { language: string }; say?: { text: string; synthesizer?: { language: string } } })[];
    expect(() => validate(quiet, first)).not.toThrow();
    expect(first[0]).toMatchObject({ verb: 'gather', recognizer: { language: RECOGNIZER_LANGUAGE[locale] }, say: { synthesizer: { language: RECOGNIZER_LANGUAGE[locale] } } });
    const heard = [spoken(first)];
    expect(heard[0]).toContain(VOICE_TEXTS[locale].humanHint);
    heard.push(spoken(await post('/voice-office/action', { call_sid, reason: 'timeout' })));
    expect(heard[1]).toContain(VOICE_TEXTS[locale].notHeard);
    const handed = await post('/voice-office/action', { call_sid, reason: 'dtmfDetected', digits: '0' });
    expect(handed.map((v) => v.verb)).toEqual(['say', 'hangup']);
    heard.push(spoken(handed));
    expect(heard[2]).toContain(VOICE_TEXTS[locale].noTransfer);
    expect(heard[2]).toContain('0 2 0 9 1 6 9 0');
    expect(heard.join('\n')).not.toMatch(WRITE_WORDS[locale]);
  });
});
