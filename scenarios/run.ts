/**
 * Runs scenarios against any `Engine` (embedded or Temporal), so the same conversations serve
 * designers' scenario tests and the engine parity suite.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Engine, SessionView, TurnResult } from '../host/types';
import { Scenario, ScenarioFile, type TurnExpectation } from './schema';
import type { z } from 'zod';

type Expectation = z.infer<typeof TurnExpectation>;

export interface ScenarioResult {
  name: string;
  sessionId: string;
  passed: boolean;
  failures: string[];
  /** Citizen and assistant messages in order, for parity comparisons and reports. */
  transcript: { role: string; text: string }[];
  final: SessionView;
}

/** Reads and checks a `*.scenarios.yaml` file; throws an Error naming the file and the field. */
export function loadScenarioFile(file: string): ScenarioFile {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = ScenarioFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}

function pendingText(view: SessionView): string {
  return JSON.stringify(view.pending ?? null);
}

function checkExpectation(where: string, exp: Expectation | undefined, reply: TurnResult, view: SessionView, failures: string[]): void {
  if (!exp) return;
  const pending = view.pending;
  if (exp.asks !== undefined) {
    const ok = exp.asks === null
      ? !pending || pending.kind !== 'slot'
      : pending?.kind === 'slot' && pending.slot === exp.asks;
    if (!ok) failures.push(`${where}: expected to ask for ${exp.asks}, pending is ${pendingText(view)}`);
  }
  if (exp.confirms !== undefined) {
    const ok = exp.confirms === 'summary'
      ? pending?.kind === 'confirm_summary'
      : pending?.kind === 'confirm_slot' && pending.slot === exp.confirms;
    if (!ok) failures.push(`${where}: expected to confirm ${exp.confirms}, pending is ${pendingText(view)}`);
  }
  if (exp.says !== undefined) {
    const text = reply.messages.map((m) => m.text).join('\n');
    for (const s of Array.isArray(exp.says) ? exp.says : [exp.says]) {
      if (!text.includes(s)) failures.push(`${where}: reply does not contain "${s}"; it was: ${text}`);
    }
  }
  if (exp.says_not !== undefined) {
    const text = reply.messages.map((m) => m.text).join('\n');
    for (const s of Array.isArray(exp.says_not) ? exp.says_not : [exp.says_not]) {
      if (text.includes(s)) failures.push(`${where}: reply contains "${s}", which it must not; it was: ${text}`);
    }
  }
  if (exp.status !== undefined && reply.status !== exp.status) {
    failures.push(`${where}: expected status ${exp.status}, got ${reply.status}`);
  }
}

/** The value of a slot or derived value in a session view (derived values win). */
export function valueOf(view: SessionView, name: string): unknown {
  if (name in view.values) return view.values[name];
  return view.slots[name]?.value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Runs one scenario as a citizen would, on a fresh session. */
export async function runScenario(engine: Engine, service: string, scenario: Scenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const transcript: { role: string; text: string }[] = [];
  const created = await engine.createSession({ service, locale: scenario.locale, channel: scenario.channel ?? 'api' });
  for (const m of created.messages) transcript.push({ role: m.role, text: m.text });
  checkExpectation('greeting', scenario.greeting, created, await engine.view(created.id), failures);

  let last: TurnResult = created;
  for (const [i, turn] of scenario.turns.entries()) {
    const where = `turn ${i + 1} (${turn.citizen !== undefined ? JSON.stringify(turn.citizen) : turn.event})`;
    if (turn.citizen !== undefined) transcript.push({ role: 'citizen', text: turn.citizen });
    else transcript.push({ role: 'event', text: turn.event! });
    try {
      if (turn.citizen !== undefined) last = await engine.sendMessage(created.id, turn.citizen);
      else if (turn.event === 'handoff') last = await engine.requestHandoff(created.id);
      else last = await engine.cancel(created.id);
    } catch (err) {
      failures.push(`${where}: the engine refused the turn: ${(err as Error).message}`);
      break;
    }
    for (const m of last.messages) transcript.push({ role: m.role, text: m.text });
    checkExpectation(where, turn.expect, last, await engine.view(created.id), failures);
  }

  const final = await engine.view(created.id);
  if (scenario.status && final.status !== scenario.status) failures.push(`end: expected status ${scenario.status}, got ${final.status}`);
  if (scenario.outcome && final.outcome?.id !== scenario.outcome) failures.push(`end: expected outcome ${scenario.outcome}, got ${final.outcome?.id ?? 'none'}`);
  if (scenario.outcome_kind && final.outcome?.kind !== scenario.outcome_kind) failures.push(`end: expected outcome kind ${scenario.outcome_kind}, got ${final.outcome?.kind ?? 'none'}`);
  for (const [name, want] of Object.entries(scenario.values ?? {})) {
    const got = valueOf(final, name);
    if (!sameValue(got, want)) failures.push(`end: expected ${name} = ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return { name: scenario.name, sessionId: created.id, passed: failures.length === 0, failures, transcript, final };
}

/**
 * Runs every scenario of a file. `engineFor(today)` supplies an engine whose reference date is
 * `today` (scenarios may override the file's date); engines are reused per date.
 */
export async function runScenarioFile(
  file: ScenarioFile,
  engineFor: (today: string) => Promise<Engine>,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of file.scenarios) {
    const engine = await engineFor(scenario.today ?? file.today);
    results.push(await runScenario(engine, file.service, scenario));
  }
  return results;
}
