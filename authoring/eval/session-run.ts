/**
 * One extraction line through the pure session core, as a live session runs it: a session is
 * started, placed at the line's context (values already known, the question just asked), and
 * the message is sent with `step`. With an LLM client the `llm.propose` and `llm.answer` effects the core emits
 * are carried out like a host does and their results fed back. What the line observes is the
 * snapshot before and after: values set, values cleared, the authored answer given.
 */
import { LLM_ACTION, LLM_ANSWER_ACTION } from '../../core/llm';
import { awaitsReadBack, resettle, step } from '../../core/session';
import type { CompiledService, Effect, SessionSnapshot, StepResult } from '../../core/session/types';
import type { LlmClient } from '../../llm/client';
import { chooseAnswer } from '../../llm/answer';
import { proposeSlots } from '../../llm/propose';
import { SUMMARY, type ExtractionLine } from './lines';

export interface Observed {
  /** Slots whose value is new or different after the message. */
  set: Record<string, unknown>;
  /** Slots that had a value before and none after. */
  cleared: string[];
  /** Of `set`, the slots whose value waits for its read-back: it counts only once the citizen confirms it. */
  awaiting: string[];
  /** The authored answer id given (null: honestly none; undefined: no question answered). */
  answer?: string | null;
  llmCalls: number;
  /** What the session waits for afterwards (for reading failures). */
  pendingAfter: string;
  /** The assistant's reply (for reading failures). */
  reply: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Puts a fresh snapshot where the line's question was asked: the known values filled, derived
 * values and the flow position recomputed by the core (`resettle`), then the asked question (a
 * slot or the summary) made the pending one. Without "pending" the flow's own next question is.
 */
function placeAt(compiled: CompiledService, s: SessionSnapshot, line: ExtractionLine, now: string): SessionSnapshot {
  let out = copy(s);
  if (Object.keys(line.filled).length > 0) {
    for (const [name, value] of Object.entries(line.filled)) {
      out.slots[name] = { value, source: 'extractor', evidence: String(value), turn: 0, confirmed: true, by: 'eval' };
    }
    out = resettle(compiled, out, now).snapshot;
  }
  if (line.pending === undefined) return out;
  const steps = Object.values(compiled.steps ?? {});
  if (line.pending === SUMMARY) {
    const summary = steps.find((st) => st.kind === 'confirm');
    if (!summary) throw new Error(`${compiled.id} has no summary step`);
    out.state = summary.id;
    out.pending = { kind: 'confirm_summary', step: summary.id };
    return out;
  }
  const pending = line.pending;
  const collect = steps.find((st) => st.kind === 'collect' && st.slots.includes(pending));
  if (!collect) throw new Error(`${compiled.id}: slot ${pending} is collected by no step`);
  out.state = collect.id;
  out.pending = { kind: 'slot', slot: pending };
  return out;
}

function describe(p: SessionSnapshot['pending'], status: string): string {
  if (status !== 'active') return status;
  if (!p) return 'nothing';
  if (p.kind === 'slot' || p.kind === 'confirm_slot' || p.kind === 'disambiguate') return `${p.kind}:${p.slot}`;
  if (p.kind === 'effect') return 'effect';
  return p.kind;
}

const MAX_MODEL_ROUNDS = 3;

/** Runs the line; `now` is 09:00 UTC of the line's reference date. */
export async function runExtractionLine(compiled: CompiledService, line: ExtractionLine, client: LlmClient | null = null): Promise<Observed> {
  const now = `${line.today}T09:00:00.000Z`;
  const started = step(compiled, null, {
    type: 'start', sessionId: 'eval', referenceDate: line.today, locale: line.locale as never, channel: 'api', ...(client ? { llm: true } : {}),
  }, now);
  const before = placeAt(compiled, started.snapshot, line, now);
  let r: StepResult = step(compiled, before, { type: 'message', text: line.text }, now);
  const trail = [...r.trail];
  const messages = [...r.messages];
  let llmCalls = 0;
  for (let round = 0; round < MAX_MODEL_ROUNDS; round += 1) {
    const ask = r.effects.find((e): e is Extract<Effect, { kind: 'action' }> => e.kind === 'action' && (e.name === LLM_ACTION || e.name === LLM_ANSWER_ACTION));
    if (!ask) break;
    let result: unknown = { ok: false, error: { code: 'no_llm', message: '' } };
    if (client) {
      llmCalls += 1;
      result = ask.name === LLM_ANSWER_ACTION ? await chooseAnswer(ask.input, { client }) : await proposeSlots(ask.input, { client });
    }
    r = step(compiled, r.snapshot, { type: 'effect.result', effectId: ask.id, ok: true, result }, now);
    trail.push(...r.trail);
    messages.push(...r.messages);
  }
  const after = r.snapshot;
  const set: Record<string, unknown> = {};
  for (const [name, st] of Object.entries(after.slots)) {
    if (!before.slots[name] || !same(before.slots[name].value, st.value)) set[name] = st.value;
  }
  const cleared = Object.keys(before.slots).filter((n) => !after.slots[n]);
  const awaiting = Object.keys(set).filter((n) => awaitsReadBack(compiled, after, n));
  const answered = trail.filter((e): e is Extract<typeof e, { type: 'answer' }> => e.type === 'answer');
  return {
    set, cleared, awaiting, llmCalls,
    ...(answered.length > 0 ? { answer: answered[answered.length - 1].answer } : {}),
    pendingAfter: describe(after.pending, after.status),
    reply: messages.map((m) => m.text).join('\n'),
  };
}
