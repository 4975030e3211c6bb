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
  /** Cases that could not be evaluated (another service, a broken replay). */
  failed: number;
  cases: CaseChange[];
}

type ActionEffect = Extract<Effect, { kind: 'action' }>;

/** The last evaluation of each rule in a trail. */
function lastRules(trails: TrailEntry[][]): Map<string, RuleEvaluation> {
  const out = new Map<string, RuleEvaluation>();
  for (const trail of trails) for (const t of trail) if (t.type === 'rule') out.set(t.rule, t);
  return out;
}

function view(r: RuleEvaluation | undefined): RuleChange['before'] {
  if (!r) return undefined;
  return { result: r.result, inputs: r.inputs, ...(r.row !== undefined ? { row: r.row } : {}), ...(r.version ? { version: r.version } : {}) };
}

function valuesOf(s: SessionSnapshot | null): Record<string, unknown> {
  if (!s) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.slots)) out[k] = v.value;
  for (const [k, v] of Object.entries(s.values)) out[k] = v;
  return out;
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
        notes.push(`action ${action.name} now gets other input (${canonicalJson(action.input)} instead of ${canonicalJson(recordedInput)}); the recorded result was reused`);
      }
      event = { ...event, effectId: action.id };
    }
    try {
      const r = step(compiled, snapshot, event, e.at);
      snapshot = r.snapshot;
      trails.push(r.trail);
      for (const f of r.effects) if (f.kind === 'action') open.push(f);
    } catch (err) {
      notes.push(`event ${e.seq} (${e.type}) does not apply under the new definition: ${(err as Error).message}`);
    }
  }
  for (const a of open) notes.push(`the new definition asks for action ${a.name}, which the recorded case never ran; its result is unknown`);

  const after = { status: snapshot?.status ?? 'unknown', outcome: snapshot?.outcome?.id ?? null };
  const oldValues = valuesOf(bundle.snapshot as unknown as SessionSnapshot);
  const newValues = valuesOf(snapshot);
  if (bundle.outcome) Object.assign(oldValues, Object.fromEntries(Object.entries((bundle.outcome.values as Record<string, unknown>) ?? {}).map(([k, v]) => [k, v])));
  if (snapshot?.outcome) Object.assign(newValues, snapshot.outcome.values);
  const values: Record<string, [unknown, unknown]> = {};
  for (const k of [...new Set([...Object.keys(oldValues), ...Object.keys(newValues)])].sort()) {
    if (canonicalJson(oldValues[k] ?? null) !== canonicalJson(newValues[k] ?? null)) values[k] = [oldValues[k] ?? null, newValues[k] ?? null];
  }
  const oldRules = lastRules(bundle.events.map((e) => (e.trail ?? []) as unknown as TrailEntry[]));
  const newRules = lastRules(trails);
  const rules: RuleChange[] = [];
  for (const name of [...new Set([...oldRules.keys(), ...newRules.keys()])]) {
    const a = view(oldRules.get(name));
    const b = view(newRules.get(name));
    const key = (x: typeof a) => canonicalJson(x ? { result: x.result, row: x.row ?? null, version: x.version ?? null } : null);
    if (key(a) !== key(b)) rules.push({ rule: name, ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) });
  }
  const changed = before.outcome !== after.outcome || before.status !== after.status || Object.keys(values).length > 0;
  return { ...base, changed, after, values, rules, notes };
}

/** Runs every case under the new definition and counts the changes. */
export function whatIf(bundles: { file: string; bundle: AuditBundle }[], compiled: CompiledService, file: string): WhatIfReport {
  const cases = bundles.map(({ file: f, bundle }) => whatIfCase(bundle, f, compiled));
  const failed = cases.filter((c) => c.error).length;
  const changed = cases.filter((c) => c.changed).length;
  return {
    definition: { file, service: compiled.id, version: compiled.version, hash: compiled.hash },
    total: cases.length, changed, unchanged: cases.length - changed - failed, failed, cases,
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
  lines.push('', `${report.total} case(s): ${report.changed} changed, ${report.unchanged} unchanged, ${report.failed} could not be evaluated.`);
  return lines.join('\n');
}
