/**
 * Guarantee 5: no value from the pseudonymisation list reaches an external endpoint. The fake
 * server records every byte it receives; none of the personal values may be among them, while
 * the restored proposals still carry the real values back into the process.
 */
import { resolveLlmConfig } from '../../llm/config';
import { createLlmClient } from '../../llm/client';
import { proposeSlots } from '../../llm/propose';
import { promptMessage, startFakeOpenAI, type FakeOpenAI } from '../../llm/testing/fake-openai';

const SECRETS = {
  name: 'Erika Mustermann',
  email: 'erika.mustermann@example.org',
  phone: '0209 169-1234',
  iban: 'DE89 3704 0044 0532 0130 00',
  taxId: '12 345 678 901',
  idNumber: 'L01X00T47',
  street: 'Ebertstraße 11',
  son: 'Jonas',
  birthDate: '13.05.1990',
};
const MESSAGE = `Guten Tag, mein Name ist ${SECRETS.name}, geboren am ${SECRETS.birthDate}, ich wohne ${SECRETS.street}, 45879 Gelsenkirchen. `
  + `Mail ${SECRETS.email}, Tel ${SECRETS.phone}. Mein Sohn ${SECRETS.son} fängt am 01.08.2027 an. `
  + `IBAN ${SECRETS.iban}, Steuer-ID ${SECRETS.taxId}, Ausweis ${SECRETS.idNumber}.`;
const SLOTS = [
  { name: 'name', type: 'text' as const }, { name: 'email', type: 'email' as const }, { name: 'beginn', type: 'date' as const },
];

let fake: FakeOpenAI;
beforeAll(async () => { fake = await startFakeOpenAI(); });
afterAll(async () => { await fake.close(); });

/** A cooperative model that answers with the placeholders it was given. */
function echoPlaceholders() {
  fake.script((req) => {
    const message = promptMessage(req);
    const name = /\[NAME_\d+\]/.exec(message)?.[0] ?? '';
    const email = /\[EMAIL_\d+\]/.exec(message)?.[0] ?? '';
    return { json: { proposals: [
      { slot: 'name', value: name, evidence: `mein Name ist ${name}` },
      { slot: 'email', value: email, evidence: email },
      { slot: 'beginn', value: '2027-08-01', evidence: '01.08.2027' },
    ], unmapped: [] } };
  });
}

describe('pseudonymisation for external providers', () => {
  test('no personal value leaves the process, and values come back restored', async () => {
    echoPlaceholders();
    // A non-loopback provider is external by default; here the fake stands in for it.
    const client = createLlmClient(resolveLlmConfig({ baseUrl: fake.url, model: 'eu-model', external: true, retries: 0 }));
    const r = await proposeSlots({ message: MESSAGE, locale: 'de', today: '2026-11-20', slots: SLOTS, known: [SECRETS.name] }, { client });
    const sent = fake.requests.map((q) => q.raw).join('\n');
    expect(sent.length).toBeGreaterThan(100);
    for (const [kind, value] of Object.entries(SECRETS)) {
      expect({ kind, leaked: sent.includes(value) || sent.includes(JSON.stringify(value).slice(1, -1)) }).toEqual({ kind, leaked: false });
    }
    expect(sent).toContain('01.08.2027'); // what extraction needs still goes out
    expect(r.ok && r.proposals).toEqual([
      { slot: 'name', value: SECRETS.name, evidence: `mein Name ist ${SECRETS.name}` },
      { slot: 'email', value: SECRETS.email, evidence: SECRETS.email },
      { slot: 'beginn', value: '2027-08-01', evidence: '01.08.2027' },
    ]);
  });

  test('external defaults to true for a non-loopback URL and false for loopback', () => {
    expect(resolveLlmConfig({ baseUrl: 'https://llm.example.eu/v1', model: 'm' }).external).toBe(true);
    expect(resolveLlmConfig({ baseUrl: fake.url, model: 'm' }).external).toBe(false);
    expect(resolveLlmConfig({ baseUrl: fake.url, model: 'm', external: 'true' }).external).toBe(true);
  });

  test('a local (non-external) endpoint gets the message as written', async () => {
    echoPlaceholders();
    fake.requests.length = 0;
    const client = createLlmClient(resolveLlmConfig({ baseUrl: fake.url, model: 'local', retries: 0 }));
    await proposeSlots({ message: MESSAGE, locale: 'de', today: '2026-11-20', slots: SLOTS }, { client });
    expect(fake.requests[0].raw).toContain(SECRETS.email);
  });
});
