/**
 * Simulated citizens for the load run: each one talks to `serve` over loopback HTTP like a chat
 * client (create a session, answer what the assistant asks, until the booking is done), one
 * conversation after the other; `concurrency` of them at once. Every request is one timed turn.
 */
import { answerFor, fixtureDefinition } from '../host/embedded/test-fixture';
import { percentile } from './types';

/** The fixture's questions and the citizen's answer to each (the last question asked decides). */
const ANSWERS: [string, string][] = Object.entries(fixtureDefinition().slots ?? {}).map(([slot, def]) => [
  String((def as { ask: unknown }).ask), answerFor({ kind: 'slot', slot } as Parameters<typeof answerFor>[0]),
]);

function answerTo(messages: { role: string; text: string }[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'assistant')?.text ?? '';
  return ANSWERS.find(([ask]) => last.includes(ask))?.[1] ?? 'ja';
}

interface TurnBody { id?: string; token?: string; status: string; messages: { role: string; text: string }[]; error?: { code?: string } }

async function post(url: string, body: unknown, token?: string): Promise<{ ms: number; status: number; json: TurnBody }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as TurnBody;
  return { ms: performance.now() - t0, status: res.status, json };
}

/** One conversation to its end; returns the turn latencies, or throws with the failing answer. */
export async function converse(base: string, service: string, turnMs: number[]): Promise<void> {
  const created = await post(`${base}/api/sessions`, { service });
  if (created.status !== 201 || !created.json.id) throw new Error(`create: HTTP ${created.status} ${JSON.stringify(created.json).slice(0, 200)}`);
  turnMs.push(created.ms);
  const { id, token } = created.json;
  let reply = created.json;
  for (let i = 0; i < 15 && reply.status === 'active'; i++) {
    const r = await post(`${base}/api/sessions/${id}/messages`, { text: answerTo(reply.messages) }, token);
    if (r.status !== 200) throw new Error(`turn ${i + 1}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    turnMs.push(r.ms);
    reply = r.json;
  }
  if (reply.status !== 'completed') throw new Error(`the conversation ended ${reply.status}, not completed`);
}

export interface LevelFigures {
  concurrency: number;
  conversations: number;
  failures: number;
  firstFailure?: string;
  seconds: number;
  turnMs: number[];
}

/**
 * `concurrency` citizens, each starting conversations until `seconds` have passed (the ones begun
 * by then are finished and counted); at least `minConversations` in all.
 */
export async function runLevel(base: string, service: string, concurrency: number, seconds: number, minConversations: number): Promise<LevelFigures> {
  const turnMs: number[] = [];
  let conversations = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const t0 = performance.now();
  const enough = () => performance.now() - t0 >= seconds * 1000 && conversations + failures >= minConversations;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (!enough()) {
      try {
        await converse(base, service, turnMs);
        conversations++;
      } catch (e) {
        failures++;
        firstFailure ??= (e as Error).message;
        if (failures > 20 && failures > conversations) return; // broken, not slow: stop this citizen
      }
    }
  }));
  turnMs.sort((a, b) => a - b);
  return { concurrency, conversations, failures, firstFailure, seconds: (performance.now() - t0) / 1000, turnMs };
}

/** p50 and p99 of a level's sorted turn latencies. */
export function latency(l: LevelFigures): { p50: number; p99: number } {
  return { p50: percentile(l.turnMs, 50), p99: percentile(l.turnMs, 99) };
}
