/**
 * A grounded hostile model across every example service, end to end: the embedded engine (real
 * SQLite) asks a loopback endpoint (real HTTP) that proposes, for every slot it is asked about, a
 * wrong value quoting the citizen's own words (llm/testing/hostile.ts). The citizen writes full
 * sentences with other numbers, dates and yes-words in them, and answers a read-back with "ja"
 * only when it is what she meant. No wrong value may count without her confirmation, and every
 * decision (slots, fees, outcome) must equal the run without any model.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../catalog';
import type { TrailEntry } from '../../core/session/types';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { resolveLlmConfig } from '../../llm/config';
import { createLlmHost } from '../../llm/host';
import { startFakeOpenAI, type FakeOpenAI } from '../../llm/testing/fake-openai';
import { hostileScript } from '../../llm/testing/hostile';

const TODAY = '2026-11-26';
const ROUNDS = 3;

/** What the citizen says when asked (first time, then plainly) and what she means. */
interface Fact { say: string; plain?: string; value: unknown }
interface Citizen { service: string; first: string; facts: Record<string, Fact> }

const CITIZENS: Citizen[] = [
  {
    service: 'hundesteuer',
    first: 'Guten Tag, wir haben jetzt zwei Hunde im Haushalt, der neue ist 5 Jahre alt',
    facts: {
      anzahl_hunde: { say: 'Zwei, der neue ist 5', plain: '2', value: 2 },
      gefaehrlich: { say: 'Nein, das ist ein Labrador, ja wirklich ein ganz lieber', plain: 'nein', value: false },
      erwerbsdatum: { say: 'Den haben wir am 20.11.2026 geholt, geboren ist er am 03.03.2021', plain: '20.11.2026', value: '2026-11-20' },
      hund_alter: { say: 'Er ist 5, seit 2 Wochen bei uns', plain: '5', value: 5 },
      herkunft: { say: 'Aus dem Tierheim, ja, 3 Jahre war er da', plain: 'Tierheim', value: 'tierheim' },
      gross: { say: 'Nein, nur 35 cm und 12 kg, ja so ein Kleiner', plain: 'nein', value: false },
      name: { say: 'Erika Mustermann', value: 'Erika Mustermann' },
      email: { say: 'erika@example.org', value: 'erika@example.org' },
    },
  },
  {
    service: 'personalausweis',
    first: 'Mein Ausweis ist abgelaufen, ich habe ihn am 01.12.2016 bekommen, und ja, ich bin 36',
    facts: {
      anlass: { say: 'Mein Ausweis ist abgelaufen', plain: 'abgelaufen', value: 'ablauf' },
      geburtsdatum: { say: 'Ich bin am 13.05.1990 geboren, mein Mann am 02.03.1988', plain: '13.05.1990', value: '1990-05-13' },
      foto: { say: 'Das Foto bringe ich vom Fotografen mit, ja, 2 Stück', plain: 'Fotograf', value: 'fotograf' },
      direktversand: { say: 'Nein, ich hole ihn ab, das kostet ja sonst 15 Euro', plain: 'nein', value: false },
      standort: { say: 'Am liebsten Buer, ich wohne nah am Rathaus', plain: 'Buer', value: 'buer' },
      wunschdatum: { say: 'Ab dem 10.12.2026, am 24.12.2026 habe ich Urlaub', plain: '10.12.2026', value: '2026-12-10' },
    },
  },
  {
    service: 'fuehrungszeugnis',
    first: 'Ich brauche ein Führungszeugnis für meine neue Stelle, 2 Wochen habe ich Zeit',
    facts: {
      geburtsdatum: { say: 'Geboren am 02.02.1980, angefangen habe ich am 01.10.2026', plain: '02.02.1980', value: '1980-02-02' },
      art: { say: 'Ein einfaches, ja, kein erweitertes', plain: 'einfach', value: 'einfach' },
      belegart: { say: 'An mich nach Hause, ich lege es dem Arbeitgeber vor', plain: 'an mich', value: 'n' },
      ehrenamt: { say: 'Nein, das ist eine bezahlte Stelle, 20 Stunden die Woche, ja', plain: 'nein', value: false },
    },
  },
  {
    service: 'untersuchungsberechtigungsschein',
    first: 'Für meinen Sohn: er ist am 04.06.2010 geboren, es wird eine Ausbildung',
    facts: {
      geburtsdatum: { say: 'Er ist am 04.06.2010 geboren, ich am 12.12.1975', plain: '04.06.2010', value: '2010-06-04' },
      beginn: { say: 'Er fängt am 01.08.2027 an, der Vertrag kam am 15.11.2026', plain: '01.08.2027', value: '2027-08-01' },
      beschaeftigung: { say: 'Eine Ausbildung, ja, 3 Jahre', plain: 'Ausbildung', value: 'ausbildung' },
      name: { say: 'Jonas Berger', value: 'Jonas Berger' },
      email: { say: 'jonas.berger@example.org', value: 'jonas.berger@example.org' },
    },
  },
  {
    service: 'wohnsitz-anmeldung',
    // The first message's facts are used later (held), so it names no number of persons the later answer contradicts.
    first: 'Ich bin innerhalb der Stadt umgezogen, in eine Wohnung mit 3 Zimmern, und ja, die Bestätigung habe ich',
    facts: {
      art: { say: 'Ummeldung innerhalb der Stadt', plain: 'Umzug innerhalb der Stadt', value: 'umzug' },
      einzugsdatum: { say: 'Eingezogen am 20.11.2026, der Vertrag war vom 01.10.2026', plain: '20.11.2026', value: '2026-11-20' },
      plz: { say: 'Die Postleitzahl ist 45879, vorher 45897', plain: '45879', value: '45879' },
      wohnungsgeberbestaetigung: { say: 'Ja, die habe ich vom Vermieter, seit 2 Tagen', plain: 'ja', value: true },
      personen: { say: 'Wir sind 2, die Wohnung hat 3 Zimmer', plain: '2', value: 2 },
      standort: { say: 'Horst, nicht Buer', plain: 'Horst', value: 'horst' },
      wunschdatum: { say: 'Ab dem 01.12.2026, am 05.12.2026 kann ich nicht', plain: '01.12.2026', value: '2026-12-01' },
    },
  },
  {
    service: 'terminvereinbarung',
    first: 'Ich brauche einen Termin für meinen Reisepass, ja, am besten in Buer',
    facts: {
      anliegen: { say: 'Für den Reisepass, der Ausweis ist noch 2 Jahre gültig', plain: 'Reisepass', value: 'reisepass' },
      standort: { say: 'Buer, oder Horst wäre auch ok, aber lieber Buer', plain: 'Buer', value: 'buer' },
      wunschdatum: { say: 'Ab dem 03.12.2026, am 10.12.2026 bin ich weg', plain: '03.12.2026', value: '2026-12-03' },
      uhrzeit: { say: 'Ab 9 Uhr, um 14 Uhr habe ich einen Arzttermin', plain: '9 Uhr', value: '09:00' },
      name: { say: 'Max Mustermann', value: 'Max Mustermann' },
      email: { say: 'max@example.org', value: 'max@example.org' },
    },
  },
  {
    service: 'termin-absagen',
    first: 'Ich möchte meinen Termin am 03.12.2026 absagen, ja, es geht leider nicht',
    facts: {
      buchungsnummer: { say: 'Die Nummer ist GE-AB12CD34, gebucht am 20.11.2026', plain: 'GE-AB12CD34', value: 'Die Nummer ist GE-AB12CD34, gebucht am 20.11.2026' },
    },
  },
];

const { services } = loadCatalog(path.join(__dirname, '..', '..', 'definitions'));
let fake: FakeOpenAI;
let offline: EmbeddedEngine;
let assisted: EmbeddedEngine;
let external: EmbeddedEngine;
const dirs: string[] = [];

async function engine(withModel: boolean, isExternal = false): Promise<EmbeddedEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-hostile-'));
  dirs.push(dir);
  const actions = withModel
    ? createLlmHost(resolveLlmConfig({ baseUrl: fake.url, model: 'hostile', retries: 0, timeoutMs: 5000, baseDelayMs: 1, external: isExternal })).actions : undefined;
  return createEmbeddedEngine({ dataDir: dir, services, today: TODAY, scheduler: false, actions, retry: { attempts: 1, baseDelayMs: 1 } });
}

beforeAll(async () => {
  fake = await startFakeOpenAI(hostileScript(0));
  offline = await engine(false);
  assisted = await engine(true);
  external = await engine(true, true);
});
afterAll(async () => {
  await offline?.close().catch(() => undefined);
  await assisted?.close().catch(() => undefined);
  await external?.close().catch(() => undefined);
  await fake?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const callsPer = new Map<string, number>();
const totals = { fills: 0, caught: 0 };
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Plays the citizen to the end; at most 40 turns. */
async function converse(e: EmbeddedEngine, citizen: Citizen) {
  const { id } = await e.createSession({ service: citizen.service, channel: 'api' });
  const asked = new Map<string, number>();
  let r = await e.sendMessage(id, citizen.first);
  for (let i = 0; i < 40 && r.status === 'active'; i++) {
    const view = await e.view(id);
    const p = view.pending;
    let answer = 'ja';
    if (p?.kind === 'slot') {
      const fact = citizen.facts[p.slot];
      const n = asked.get(p.slot) ?? 0;
      asked.set(p.slot, n + 1);
      answer = fact ? (n === 0 ? fact.say : fact.plain ?? fact.say) : 'weiß nicht';
    } else if (p?.kind === 'confirm_slot') {
      answer = same(view.slots[p.slot]?.value, citizen.facts[p.slot]?.value) ? 'ja' : 'nein';
    } else if (p?.kind === 'disambiguate') {
      const want = citizen.facts[p.slot]?.value;
      answer = p.options.every((o) => typeof o === 'number') ? String(want) : String(p.options.findIndex((o) => same(o, want)) + 1);
    }
    r = await e.sendMessage(id, answer);
  }
  const view = await e.view(id);
  const exported = await e.exportSession(id);
  const trail = exported.events.flatMap((ev) => ((ev.body as { trail?: TrailEntry[] } | undefined)?.trail ?? []));
  return { view, trail };
}

/** Wrong model values that were not dropped at their read-back: confirmed, or still set at the end. */
function uncaught(trail: TrailEntry[], facts: Record<string, Fact>): { wrong: string[]; llmFills: number; caught: number } {
  const open = new Map<string, unknown>();
  const wrong: string[] = [];
  let llmFills = 0;
  let caught = 0;
  for (const entry of trail) {
    if (entry.type === 'slot.filled' && entry.source === 'llm') {
      llmFills += 1;
      if (!same(entry.value, facts[entry.slot]?.value)) open.set(entry.slot, entry.value);
    } else if (entry.type === 'slot.cleared') {
      if (open.delete(entry.slot)) caught += 1;
    } else if (entry.type === 'slot.confirmed' && open.has(entry.slot)) {
      wrong.push(`${entry.slot}=${JSON.stringify(open.get(entry.slot))} confirmed`);
      open.delete(entry.slot);
    }
  }
  for (const [slot, value] of open) wrong.push(`${slot}=${JSON.stringify(value)} kept`);
  return { wrong, llmFills, caught };
}

/** The same citizen with her own address per round: one address may hold only two appointments. */
function inRound(c: Citizen, round: number): Citizen {
  if (round === 0 || !c.facts.email) return c;
  const email = String(c.facts.email.value).replace('@', `+${round}@`);
  return { ...c, facts: { ...c.facts, email: { say: email, value: email } } };
}

const decision = (v: Awaited<ReturnType<typeof converse>>['view'], round = 0) => {
  const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x).replace(/s_[A-Za-z0-9_-]{10,}(:\d+)?/g, 's_*').split(`+${round}@`).join('@'));
  const values = plain(v.values) as Record<string, unknown>;
  for (const k of ['termin', 'absage', 'eingangsbestaetigung', 'benachrichtigung']) delete values[k];
  return { status: v.status, outcome: v.outcome?.id, values, slots: plain(Object.fromEntries(Object.entries(v.slots).map(([k, s]) => [k, s.value]))) };
};

describe('a grounded hostile model on every example service', () => {
  test('covers all seven example services', () => {
    expect(CITIZENS.map((c) => c.service).sort()).toEqual(services.map((s) => s.id).sort());
  });

  test.each(CITIZENS.map((c) => [c.service, c] as const))('%s: no wrong value counts, every decision as without a model', async (_name, citizen) => {
    const plain = await converse(offline, citizen);
    // The citizen's script itself is understood without a model (else the comparison says nothing).
    for (const [slot, st] of Object.entries(plain.view.slots)) expect({ slot, value: st.value }).toEqual({ slot, value: citizen.facts[slot]?.value });
    let calls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      fake.script(hostileScript(round));
      const before = fake.requests.length;
      const attacked = await converse(assisted, inRound(citizen, round));
      calls += fake.requests.length - before;
      const { wrong, llmFills, caught } = uncaught(attacked.trail, inRound(citizen, round).facts);
      totals.fills += llmFills;
      totals.caught += caught;
      expect({ round, wrong }).toEqual({ round, wrong: [] });
      expect(decision(attacked.view, round)).toEqual(decision(plain.view));
    }
    callsPer.set(citizen.service, calls);
  });

  // AMTSWEG_LLM_EXTERNAL=true: the same hostile model as an external provider sees none of the
  // personal values (birth dates with or without a cue word, names, addresses), and still decides nothing.
  test.each(CITIZENS.map((c) => [c.service, c] as const))('%s, external model: no personal value in any prompt, decisions as offline', async (_name, citizen) => {
    const plain = await converse(offline, inRound(citizen, 9));
    fake.script(hostileScript(1));
    const before = fake.requests.length;
    const attacked = await converse(external, inRound(citizen, 9));
    const sent = fake.requests.slice(before).map((r) => r.raw).join('\n');
    const def = services.find((sv) => sv.id === citizen.service)!.definition;
    const secrets = Object.entries(inRound(citizen, 9).facts)
      .filter(([slot]) => def.slots[slot]?.personal && ['date', 'email', 'text', 'phone'].includes(def.slots[slot].type))
      .flatMap(([, f]) => [String(f.value), ...(f.plain ? [f.plain] : [])]);
    if (citizen.service !== 'termin-absagen') expect(fake.requests.length).toBeGreaterThan(before);
    for (const secret of secrets) expect({ secret, leaked: sent.includes(secret) }).toEqual({ secret, leaked: false });
    expect(uncaught(attacked.trail, inRound(citizen, 9).facts).wrong).toEqual([]);
    expect(decision(attacked.view, 9)).toEqual(decision(plain.view, 9));
  });

  test('the attack got wrong values past acceptance, and every one was caught at its read-back', () => {
    expect(totals.caught).toBeGreaterThan(0);
    expect(totals.fills).toBeGreaterThanOrEqual(totals.caught);
  });

  test('the model was really asked in the conversations (a text-only service needs none)', () => {
    expect(Object.fromEntries(callsPer)).toEqual(Object.fromEntries(callsPer)); // shown on failure
    expect([...callsPer.entries()].filter(([, n]) => n > 0).map(([s]) => s).sort())
      .toEqual(CITIZENS.map((c) => c.service).filter((s) => s !== 'termin-absagen').sort());
  });
});
