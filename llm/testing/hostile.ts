/**
 * A grounded hostile model for the loopback endpoint: for every slot it is asked about it
 * proposes a wrong value that quotes the citizen's own words as evidence. Numbers come from other
 * facts of the message (and one more than said), yes/no is "yes" whatever the clause says, enums
 * take the value whose words occur anywhere (else the last, usually the special case), dates come
 * from other events, text slots get a clause or an instruction; injected names and keys ride
 * along. `round` rotates through the candidates, so a few rounds try different combinations.
 */
import { extractDate, extractEmail, extractInteger, extractMoney, extractNumber, extractPhone, extractPostcode, extractTime, foldText } from '../../core/extract';
import type { Extraction } from '../../core/extract/types';
import { startFakeOpenAI, promptMessage, userContent, type FakeOpenAI, type FakeReply, type RecordedRequest, type Script } from './fake-openai';

interface AskedSlot { name: string; type: string; values?: string[] }
interface Candidate { value: unknown; evidence: string }

const YES_WORDS = /\b(ja|jo|jawohl|genau|klar|gerne?|natürlich|sicher|yes|sure)\b/i;
const MAX_CANDIDATES = 12;

/** The request's fields as the prompt carries them (llm/propose.ts userPrompt). */
export function parseExtractPrompt(req: RecordedRequest): { today: string; locale: string; slots: AskedSlot[]; message: string } {
  const text = userContent(req);
  const line = (key: string): string => new RegExp(`^${key}: (.*)$`, 'm').exec(text)?.[1] ?? '';
  let slots: AskedSlot[] = [];
  try {
    slots = JSON.parse(line('SLOTS') || '[]') as AskedSlot[];
  } catch {
    slots = [];
  }
  return { today: line('TODAY') || '2026-01-01', locale: line('LOCALE') || 'de', slots, message: promptMessage(req) };
}

/** Pieces of the message a model could quote: clauses, short windows around numbers, the whole. */
export function pieces(message: string): string[] {
  const out = new Set<string>();
  for (const clause of message.split(/[,;:!?]\s+|\.\s+|\s+(?:und|aber|oder|and|but|or)\s+/i)) if (clause.trim()) out.add(clause.trim());
  const words = message.split(/\s+/).filter(Boolean);
  words.forEach((w, i) => {
    if (!/\d|^(ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b/i.test(w)) return;
    for (const [a, b] of [[i, i + 1], [i, i + 2], [i - 2, i + 1], [i - 3, i + 1]]) {
      const piece = words.slice(Math.max(0, a), Math.min(words.length, b)).join(' ').replace(/[,.;!?]+$/, '');
      if (piece) out.add(piece);
    }
  });
  out.add(message.trim());
  return [...out];
}

function readings<T>(ex: Extraction<T>): T[] {
  if (ex.kind === 'value') return [ex.value];
  if (ex.kind === 'ambiguous') return ex.options as T[];
  return [];
}

const EXTRACTORS: Record<string, (text: string, ctx: { locale: string; today: string }) => Extraction<unknown>> = {
  integer: extractInteger, number: extractNumber, money: extractMoney, date: extractDate, time: extractTime,
  email: extractEmail, phone: extractPhone, postcode: extractPostcode,
};

function shifted(type: string, value: unknown): unknown {
  if (typeof value === 'number') return type === 'integer' ? value + 1 : value * 2;
  if (type === 'date' && typeof value === 'string') {
    const d = new Date(`${value}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  return undefined;
}

/** Wrong-but-grounded values for one slot, the most dangerous first. */
export function candidates(slot: AskedSlot, message: string, ctx: { locale: string; today: string }): Candidate[] {
  const parts = pieces(message);
  const out: Candidate[] = [];
  const add = (value: unknown, evidence: string): void => {
    if (value === undefined || out.some((c) => JSON.stringify(c) === JSON.stringify({ value, evidence }))) return;
    out.push({ value, evidence });
  };
  const extractor = EXTRACTORS[slot.type];
  if (extractor) {
    for (const p of parts) {
      let found: unknown[] = [];
      try {
        found = readings(extractor(p, ctx));
      } catch {
        found = [];
      }
      for (const v of found) add(v, p);
    }
    for (const c of [...out]) add(shifted(slot.type, c.value), c.evidence);
    if (out.length === 0 && slot.type === 'date') add(ctx.today, message.trim());
    if (out.length === 0 && typeof slot.type === 'string' && ['integer', 'number', 'money'].includes(slot.type)) add(5, message.trim());
  } else if (slot.type === 'boolean') {
    for (const p of [...parts].sort((a, b) => Number(YES_WORDS.test(b)) - Number(YES_WORDS.test(a)))) add(true, p);
  } else if (slot.type === 'enum') {
    const values = [...(slot.values ?? [])].reverse();
    const folded = parts.map((p) => ({ p, f: foldText(p.toLowerCase()) }));
    for (const v of values) {
      const words = v.split('_').filter((w) => w.length >= 3);
      const hit = folded.find(({ f }) => words.some((w) => f.includes(foldText(w))));
      if (hit) add(v, hit.p);
    }
    for (const v of values) add(v, message.trim());
  } else {
    // Free text: a clause the citizen wrote about something else, or the whole message.
    for (const p of parts) add(p, p);
    add('Antrag genehmigt', message.trim());
  }
  return out.slice(0, MAX_CANDIDATES);
}

/** Names no model may fill, sent along anyway. */
const INJECTED = [
  { slot: 'gebuehr', value: 0 }, { slot: 'steuersatz', value: 0 }, { slot: 'gesamt', value: 0 },
  { slot: 'status', value: 'completed' }, { slot: 'approved', value: true },
];

/** The hostile reply to one extraction request; `round` picks among the candidates. */
export function hostileReply(req: RecordedRequest, round = 0): FakeReply {
  const { today, locale, slots, message } = parseExtractPrompt(req);
  const proposals: { slot: string; value: unknown; evidence: string }[] = [];
  slots.forEach((slot, i) => {
    const list = candidates(slot, message, { locale, today });
    if (list.length > 0) proposals.push({ slot: slot.name, ...list[(round + i) % list.length] });
  });
  for (const inj of INJECTED) proposals.push({ ...inj, evidence: message.trim().slice(0, 200) });
  return { json: { proposals, unmapped: [], approved: true, gebuehr: 0 } };
}

/** A script for the loopback server: every request gets the hostile reply of `round`. */
export function hostileScript(round = 0): Script {
  return (req) => hostileReply(req, round);
}

/** Starts a loopback OpenAI-compatible server that answers as the grounded hostile model. */
export function startHostileOpenAI(round = 0): Promise<FakeOpenAI> {
  return startFakeOpenAI(hostileScript(round));
}
