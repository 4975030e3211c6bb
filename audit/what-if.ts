/**
 * What-if: the recorded citizen facts (messages, buttons, timers, recorded action results) of
 * past cases run under another definition. Reports the cases whose outcome or values change,
 * with the rules and rows that decided differently.
 */
import { step } from '../core/session';
import type { CompiledService, Effect, RuleEvaluation, SessionEvent, SessionSnapshot, TrailEntry } from '../core/session/types';
import type { AuditBundle } from './bundle-schema';
import { canonicalJson } from './canonical';

export interface RuleChange {
  rule: string;
  before?: { result: unknown; row?: string | string[]; version?: string; inputs: Record<string, unknown> };
  after?: { result: unknown; row?: string | string[]; version?: string; inputs: Record<string, unknown> };
}

export interface CaseChange {
  file: string;
  sessionId: string;
  referenceDate: string;
  changed: boolean;
  before: { status: string; outcome: string | null };
  after: { status: string; outcome: string | null };
  /** Values (slots, derived values, outcome values) that differ: name → [before, after]. */
  values: Record<string, [unknown, unknown]>;
  rules: RuleChange[];
  notes: string[];
  error?: string;
}

export interface WhatIfReport {
  definition: { file: string; service: string; version: string; hash: string };
  total: number;
  changed: number;
  unchanged: number;
  /** Inputs that could not be evaluated: another service, a broken replay, or not readable at all. */
  failed: number;
  cases: CaseChange[];
  /** Files that could not be read as bundles (broken, tampered, not a bundle). */
  unreadable: { file: string; message: string }[];
}

type ActionEffect = Extract<Effect, { kind: 'action' }>;

/** The last evaluation of each rule in a trail. */
function lastRules(trails: TrailEntry[][]): Map<string, RuleEvaluation> {
  const out = new Map<string, RuleEvaluation>();
  for (const trail of trails) for (const t of trail) if (t.type === 'rule') out.set(t.rule, t);
  return out;
}

function view(r: RuleEvaluation | undefined, compiled: CompiledService): RuleChange['before'] {
  if (!r) return undefined;
  return { result: r.result, inputs: maskInputs(compiled, r.inputs), ...(r.row !== undefined ? { row: r.row } : {}), ...(r.version ? { version: r.version } : {}) };
}

/**
 * The values of a case: decisive ones (the citizen's facts and what the outcome reports) and the
 * other derived values. A derived value that differs only makes a finished case changed when the
 * citizen was told something else or a rule decided otherwise (a running case has not decided
 * yet, so there any value counts): a referral that never used or
 * showed a deadline is not changed because the deadline's formula changed.
 */
function valuesOf(s: SessionSnapshot | null, outcome: Record<string, unknown> | null | undefined): { decisive: Record<string, unknown>; derived: Record<string, unknown> } {
  const decisive: Record<string, unknown> = {};
  if (s) for (const [k, v] of Object.entries(s.slots)) decisive[k] = v.value;
  if (outcome && outcome.values && typeof outcome.values === 'object') Object.assign(decisive, outcome.values);
  const derived: Record<string, unknown> = {};
  if (s) for (const [k, v] of Object.entries(s.values)) if (!(k in decisive)) derived[k] = v;
  return { decisive, derived };
}

function differing(a: Record<string, unknown>, b: Record<string, unknown>, compiled: CompiledService): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)) out[k] = [mask(compiled, k, a[k] ?? null), mask(compiled, k, b[k] ?? null)];
  }
  return out;
}

const PERSONAL = '(personal data)';

/** Personal slots are never printed: their values become a marker, both sides alike. */
function mask(compiled: CompiledService, name: string, v: unknown): unknown {
  return compiled.definition.slots[name]?.personal && v !== null && v !== undefined ? PERSONAL : v;
}

function maskInputs(compiled: CompiledService, inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, mask(compiled, k, v)]));
}

/** Which members of two action inputs differ (names only: the values may be personal). */
function changedKeys(a: unknown, b: unknown): string[] {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => canonicalJson(x[k] ?? null) !== canonicalJson(y[k] ?? null)).sort();
}

/** Replays one case under `compiled`, feeding recorded action results to the matching new actions. */
export function whatIfCase(bundle: AuditBundle, file: string, compiled: CompiledService): CaseChange {
  const before = { status: bundle.session.status, outcome: (bundle.outcome?.id as string | undefined) ?? null };
  const base = { file, sessionId: bundle.session.id, referenceDate: bundle.session.referenceDate, before };
  const failed = (error: string): CaseChange => ({ ...base, changed: false, after: { status: 'unknown', outcome: null }, values: {}, rules: [], notes: [], error });
  if (bundle.purged) return failed('personal data purged after retention; the case cannot be re-evaluated');
  if (bundle.session.service !== compiled.id) return failed(`the case is service "${bundle.session.service}", the definition is "${compiled.id}"`);

  const notes: string[] = [];
  const recordedAction = new Map<string, string>();
  for (const e of bundle.events) for (const f of (e.effects ?? []) as unknown as Effect[]) if (f.kind === 'action') recordedAction.set(f.id, f.name);
  const open: ActionEffect[] = [];
  const trails: TrailEntry[][] = [];
  const said: string[] = [];
  let snapshot: SessionSnapshot | null = null;
  for (const e of bundle.events) {
    let event = e.event as unknown as SessionEvent;
    if (event.type === 'effect.result') {
      const name = recordedAction.get(event.effectId);
      const idx = open.findIndex((a) => a.name === name);
      if (idx < 0) {
        notes.push(`the recorded result of action ${name ?? event.effectId} was not used: the new definition does not ask for it at this point`);
        continue;
      }
      const [action] = open.splice(idx, 1);
      const recordedId = event.effectId;
      const recordedInput = bundle.effects.find((f) => f.effectId === recordedId)?.input;
      if (recordedInput !== undefined && canonicalJson(recordedInput) !== canonicalJson(action.input)) {
        notes.push(`action ${action.name} now gets other input (${changedKeys(recordedInput, action.input).join(', ')} changed); the recorded result was reused`);
      }
      event = { ...event, effectId: action.id };
    }
    try {
      const r = step(compiled, snapshot, event, e.at);
      snapshot = r.snapshot;
      trails.push(r.trail);
      said.push(...r.messages.map((m) => m.text));
      for (const f of r.effects) if (f.kind === 'action') open.push(f);
    } catch (err) {
      notes.push(`event ${e.seq} (${e.type}) does not apply under the new definition: ${(err as Error).message}`);
    }
  }
  for (const a of open) notes.push(`the new definition asks for action ${a.name}, which the recorded case never ran; its result is unknown`);

  const after = { status: snapshot?.status ?? 'unknown', outcome: snapshot?.outcome?.id ?? null };
  const oldRules = lastRules(bundle.events.map((e) => (e.trail ?? []) as unknown as TrailEntry[]));
  const newRules = lastRules(trails);
  const oldValues = valuesOf(bundle.snapshot as unknown as SessionSnapshot, bundle.outcome);
  const newValues = valuesOf(snapshot, snapshot?.outcome as unknown as Record<string, unknown> | null);
  const decisive = differing(oldValues.decisive, newValues.decisive, compiled);
  const derived = differing(oldValues.derived, newValues.derived, compiled);
  const told = canonicalJson(bundle.events.flatMap((e) => (e.messages ?? []).map((m) => m.text))) !== canonicalJson(said);
  const rules: RuleChange[] = [];
  for (const name of [...new Set([...oldRules.keys(), ...newRules.keys()])]) {
    const a = view(oldRules.get(name), compiled);
    const b = view(newRules.get(name), compiled);
    const key = (x: typeof a) => canonicalJson(x ? { result: x.result, row: x.row ?? null, version: x.version ?? null } : null);
    if (key(a) !== key(b)) rules.push({ rule: name, ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) });
  }
  const changed = before.outcome !== after.outcome || before.status !== after.status || Object.keys(decisive).length > 0 || rules.length > 0
    // A running case has not decided yet: every value it will decide with counts.
    || (Object.keys(derived).length > 0 && (told || before.status === 'active'));
  return { ...base, changed, after, values: changed ? { ...decisive, ...derived } : {}, rules: changed ? rules : [], notes };
}

/**
 * Runs every case under the new definition and counts the changes. `unreadable` are inputs that
 * could not even be read as bundles: they count as not evaluated, so the summary adds up.
 */
export function whatIf(bundles: { file: string; bundle: AuditBundle }[], compiled: CompiledService, file: string, unreadable: { file: string; message: string }[] = []): WhatIfReport {
  const cases = bundles.map(({ file: f, bundle }) => whatIfCase(bundle, f, compiled));
  const failedCases = cases.filter((c) => c.error).length;
  const changed = cases.filter((c) => c.changed).length;
  return {
    definition: { file, service: compiled.id, version: compiled.version, hash: compiled.hash },
    total: cases.length + unreadable.length, changed, unchanged: cases.length - changed - failedCases, failed: failedCases + unreadable.length, cases, unreadable,
  };
}

const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

function ruleLine(r: RuleChange): string {
  const side = (x: RuleChange['before']) => (x ? `${show(x.result)}${x.row !== undefined ? ` (row ${Array.isArray(x.row) ? x.row.join('+') : x.row}${x.version ? `, version ${x.version}` : ''})` : x.version ? ` (version ${x.version})` : ''}` : 'not evaluated');
  return `    rule ${r.rule}: ${side(r.before)} → ${side(r.after)}`;
}

/** The report as text for a designer. */
export function formatWhatIf(report: WhatIfReport): string {
  const lines = [`What-if against ${report.definition.file} (${report.definition.service} ${report.definition.version}, ${report.definition.hash.slice(0, 12)}…):`];
  for (const c of report.cases) {
    if (c.error) { lines.push(`  FAILED    ${c.sessionId} (${c.file}): ${c.error}`); continue; }
    if (!c.changed) { lines.push(`  unchanged ${c.sessionId} (${c.file})`); continue; }
    const outcome = c.before.outcome !== c.after.outcome || c.before.status !== c.after.status
      ? `outcome ${c.before.outcome ?? c.before.status} → ${c.after.outcome ?? c.after.status}` : `outcome ${c.after.outcome ?? c.after.status} (same)`;
    lines.push(`  CHANGED   ${c.sessionId} (${c.file}, reference date ${c.referenceDate}): ${outcome}`);
    for (const [k, [a, b]] of Object.entries(c.values)) lines.push(`    ${k}: ${show(a)} → ${show(b)}`);
    for (const r of c.rules) lines.push(ruleLine(r));
    for (const n of c.notes) lines.push(`    note: ${n}`);
  }
  for (const u of report.unreadable) lines.push(`  FAILED    ${u.message}`);
  lines.push('', `${report.total} case(s): ${report.changed} changed, ${report.unchanged} unchanged, ${report.failed} could not be evaluated.`);
  return lines.join('\n');
}
