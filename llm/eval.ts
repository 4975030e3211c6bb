/**
 * `amtsweg eval extraction`: runs a labelled set of utterances through the deterministic
 * extractors (and, with a client, the LLM for what they left open, accepted by the same pure
 * rules as in a session) and reports per-slot precision and recall, LLM calls per turn and
 * tokens per completed request (an utterance whose every expected slot came out right).
 */
import fs from 'node:fs';
import { acceptProposals } from '../core/llm/accept';
import { checkSlot, deterministicFill, needsModel, type Filled } from '../core/llm/deterministic';
import type { ExtractSlotSpec } from '../core/llm/types';
import type { CompiledService } from '../core/session/types';
import type { LlmClient } from './client';
import { proposeSlots } from './propose';

export interface EvalCase {
  service: string;
  /** Slots asked in this turn; the first is the one the question was about. */
  slots: string[];
  text: string;
  expected: Record<string, unknown>;
  today?: string;
  locale?: string;
  tags?: string[];
}

export interface EvalProblem { line: number; message: string }

export interface SlotScore { slot: string; tp: number; fp: number; fn: number; precision: number; recall: number }

export interface EvalReport {
  mode: 'deterministic' | 'llm';
  utterances: number;
  perSlot: SlotScore[];
  overall: SlotScore;
  /** Utterances where every expected slot was filled right and nothing else was filled. */
  completed: number;
  llmCalls: number;
  llmCallsPerTurn: number;
  tokens: number;
  tokensPerCompleted: number;
  /** Proposals the acceptance rules dropped, by reason. */
  rejected: Record<string, number>;
  /** Utterances with at least one wrong or extra value (for reading the set). */
  misses: { line: number; text: string; expected: Record<string, unknown>; got: Record<string, unknown> }[];
}

/** Reads a JSONL file; every bad line is a problem with its number, none stops the others. */
export function loadEvalSet(file: string, services: CompiledService[]): { cases: (EvalCase & { line: number })[]; problems: EvalProblem[] } {
  const text = fs.readFileSync(file, 'utf8');
  const byId = new Map(services.map((s) => [s.id, s]));
  const cases: (EvalCase & { line: number })[] = [];
  const problems: EvalProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim().length === 0) return;
    let c: EvalCase;
    try {
      c = JSON.parse(raw) as EvalCase;
    } catch {
      problems.push({ line, message: 'not valid JSON; each line must be one object { "service", "slots", "text", "expected" }' });
      return;
    }
    if (!c || typeof c !== 'object' || typeof c.service !== 'string' || typeof c.text !== 'string' || !Array.isArray(c.slots) || !c.expected || typeof c.expected !== 'object') {
      problems.push({ line, message: 'needs "service" (string), "slots" (array of slot names), "text" (string) and "expected" (object)' });
      return;
    }
    const svc = byId.get(c.service);
    if (!svc) {
      problems.push({ line, message: `unknown service "${c.service}"; known: ${[...byId.keys()].join(', ')}` });
      return;
    }
    const unknown = [...c.slots, ...Object.keys(c.expected)].filter((n) => !svc.definition.slots[n]);
    if (unknown.length > 0) {
      problems.push({ line, message: `service ${c.service} has no slot ${unknown.map((u) => `"${u}"`).join(', ')}` });
      return;
    }
    if (c.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(c.today)) {
      problems.push({ line, message: '"today" must be written YYYY-MM-DD' });
      return;
    }
    cases.push({ ...c, line });
  });
  return { cases, problems };
}

function score(slot: string, tp: number, fp: number, fn: number): SlotScore {
  return { slot, tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Runs the set. `today` of a case defaults to `defaultToday`. */
export async function runEval(
  cases: (EvalCase & { line?: number })[], services: CompiledService[], opts: { client?: LlmClient | null; defaultToday: string },
): Promise<EvalReport> {
  const byId = new Map(services.map((s) => [s.id, s]));
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (slot: string, k: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(slot) ?? { tp: 0, fp: 0, fn: 0 };
    c[k] += 1;
    counts.set(slot, c);
  };
  let completed = 0;
  let llmCalls = 0;
  let tokens = 0;
  const rejected: Record<string, number> = {};
  const misses: EvalReport['misses'] = [];
  for (const c of cases) {
    const def = byId.get(c.service)?.definition;
    if (!def) continue;
    const ctx = { locale: c.locale ?? 'de', today: c.today ?? opts.defaultToday };
    const got: Filled[] = deterministicFill(def, c.slots, c.text, ctx);
    const open = c.slots.filter((n) => !got.some((g) => g.slot === n));
    if (opts.client && needsModel(c.slots, got, c.text)) {
      const specs: ExtractSlotSpec[] = open.map((n) => ({
        name: n, type: def.slots[n].type, ...(def.slots[n].description ? { description: def.slots[n].description } : {}),
        ...(def.slots[n].values ? { values: Object.keys(def.slots[n].values ?? {}) } : {}),
      }));
      llmCalls += 1;
      const r = await proposeSlots({ message: c.text, locale: ctx.locale, today: ctx.today, slots: specs }, { client: opts.client });
      if (r.ok) {
        tokens += (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0);
        const acc = acceptProposals({
          def, message: c.text, asked: open, filled: got.map((g) => g.slot), locale: ctx.locale, today: ctx.today,
          proposals: r.proposals, validate: (slot, value) => checkSlot(def, slot, value, ctx.today),
        });
        got.push(...acc.accepted);
        for (const x of acc.rejected) rejected[x.reason] = (rejected[x.reason] ?? 0) + 1;
      } else {
        rejected[`call:${r.error.code}`] = (rejected[`call:${r.error.code}`] ?? 0) + 1;
      }
    }
    let perfect = true;
    for (const slot of new Set([...c.slots, ...Object.keys(c.expected)])) {
      const g = got.find((x) => x.slot === slot);
      const want = Object.prototype.hasOwnProperty.call(c.expected, slot);
      if (g && want && same(g.value, c.expected[slot])) bump(slot, 'tp');
      else {
        if (g) bump(slot, 'fp');
        if (want) bump(slot, 'fn');
        if (g || want) perfect = false;
      }
    }
    if (perfect) completed += 1;
    else misses.push({ line: c.line ?? 0, text: c.text, expected: c.expected, got: Object.fromEntries(got.map((g) => [g.slot, g.value])) });
  }
  const perSlot = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([slot, c]) => score(slot, c.tp, c.fp, c.fn));
  const sum = perSlot.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    mode: opts.client ? 'llm' : 'deterministic', utterances: cases.length, perSlot, overall: score('(all)', sum.tp, sum.fp, sum.fn),
    completed, llmCalls, llmCallsPerTurn: cases.length ? llmCalls / cases.length : 0, tokens, tokensPerCompleted: completed ? tokens / completed : 0,
    rejected, misses,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);

/** The report as a plain-text table. */
export function formatEvalReport(r: EvalReport): string {
  const width = Math.max(12, ...r.perSlot.map((s) => s.slot.length));
  const head = `${'slot'.padEnd(width)}  precision  recall    tp   fp   fn`;
  const row = (s: SlotScore) => `${s.slot.padEnd(width)}  ${pct(s.precision)}   ${pct(s.recall)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`;
  const lines = [
    `extraction eval (${r.mode}): ${r.utterances} utterances, ${r.completed} completed (${pct(r.utterances ? r.completed / r.utterances : 0).trim()})`,
    '', head, ...r.perSlot.map(row), '-'.repeat(head.length), row(r.overall), '',
    `LLM calls per turn: ${r.llmCallsPerTurn.toFixed(2)} (${r.llmCalls} calls)`,
    `tokens per completed request: ${r.tokensPerCompleted.toFixed(0)} (${r.tokens} tokens)`,
  ];
  const rej = Object.entries(r.rejected);
  if (rej.length > 0) lines.push(`rejected proposals: ${rej.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return lines.join('\n');
}
