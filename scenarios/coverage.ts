/**
 * Scenario coverage: which steps, transitions, outcomes and decision-table rows of a definition
 * the scenarios exercised, read from the audit trail the core wrote for each session.
 */
import { END_STATE, flattenFlow, type FlatFlow } from '../core/compiler';
import type { CompiledService, FlatStep, SessionSnapshot, TrailEntry } from '../core/session/types';
import { flowEdges, tablesOf } from '../audit/verify';
import { evaluateValues, rowId } from '../core/rules';

export interface CoverageItem { total: number; covered: number; uncovered: string[] }

export interface CoverageReport {
  service: string;
  steps: CoverageItem;
  transitions: CoverageItem;
  outcomes: CoverageItem;
  rows: CoverageItem;
}

/** What a set of sessions touched. */
export interface Covered { steps: Set<string>; transitions: Set<string>; outcomes: Set<string>; rows: Set<string> }

export function emptyCovered(): Covered {
  return { steps: new Set(), transitions: new Set(), outcomes: new Set(), rows: new Set() };
}

const edgeKey = (from: string, to: string, label?: string): string => `${from} -> ${to}${label ? ` (${label})` : ''}`;

/** Key of a table row: value, version and row id, e.g. `gebuehr@2026-02-07:ab_24`. */
export const rowKey = (value: string, version: string | undefined, row: string): string => `${value}${version ? `@${version}` : ''}:${row}`;

/** Everything there is to cover in a definition. */
export function coverageUniverse(compiled: CompiledService): { flat: FlatFlow; steps: string[]; transitions: string[]; outcomes: string[]; rows: string[] } {
  const flat = flattenFlow(compiled.definition);
  const transitions = flowEdges(flat).map((e) => edgeKey(e.from, e.to, e.label));
  const rows = tablesOf(compiled.definition).flatMap((t) => t.table.rows.map((r, i) => rowKey(t.value, t.version, rowId(r, i))));
  return { flat, steps: [...flat.order], transitions, outcomes: Object.keys(compiled.definition.outcomes), rows };
}

/**
 * Follows the flat flow from `start` to the state `to`, taking `if` branches as the trail
 * decided them. Returns the steps and edges passed, or undefined when `to` is not reached.
 */
function walk(flat: FlatFlow, start: string, to: string, decisions: Map<string, boolean>): { steps: string[]; edges: string[] } | undefined {
  const steps: string[] = [];
  const edges: string[] = [];
  let cur = start;
  for (let i = 0; i < 200; i++) {
    if (cur === to) return { steps: [...steps, cur], edges };
    if (cur === END_STATE) return to === END_STATE ? { steps, edges } : undefined;
    const s: FlatStep | undefined = flat.steps[cur];
    if (!s) return undefined;
    steps.push(cur);
    let next: string;
    if (s.kind === 'if') {
      const d = decisions.get(cur);
      if (d === undefined) return undefined;
      next = d ? s.then : s.else;
      edges.push(edgeKey(cur, next, d ? 'then' : 'else'));
    } else if (s.kind === 'outcome') {
      return to === `outcome_${s.outcome}` ? { steps, edges } : undefined;
    } else if (s.kind === 'handoff') {
      return to === 'handoff' ? { steps, edges } : undefined;
    } else if (s.kind === 'say') {
      next = s.next;
      edges.push(edgeKey(cur, next));
    } else return undefined; // a waiting step that is not the target
    cur = next;
  }
  return undefined;
}

/** Adds what one session's trail (per event, in order) covered. */
export function addCoverage(covered: Covered, flat: FlatFlow, events: TrailEntry[][]): void {
  const decisions = new Map<string, boolean>();
  for (const trail of events) {
    // The core records a move first and the conditions it decided on the way after it.
    for (const t of trail) if (t.type === 'rule' && t.rule.startsWith('if:') && typeof t.result === 'boolean') decisions.set(t.rule.slice(3), t.result);
    for (const t of trail) {
      if (t.type === 'rule') {
        if (t.row !== undefined) for (const r of Array.isArray(t.row) ? t.row : [t.row]) covered.rows.add(rowKey(t.rule, t.version, r));
      }
      if (t.type === 'outcome') covered.outcomes.add(t.outcome);
      if (t.type === 'state' && typeof t.to === 'string') {
        const from = typeof t.from === 'string' ? t.from : null;
        const fromStep = from ? flat.steps[from] : undefined;
        const starts: { start: string; edge?: string }[] = [];
        if (fromStep && fromStep.kind !== 'if' && fromStep.kind !== 'outcome' && fromStep.kind !== 'handoff') starts.push({ start: fromStep.next, edge: edgeKey(from as string, fromStep.next) });
        starts.push({ start: flat.initial });
        for (const { start, edge } of starts) {
          const path = walk(flat, start, t.to, decisions);
          if (!path) continue;
          if (edge) covered.transitions.add(edge);
          for (const s of path.steps) if (flat.steps[s]) covered.steps.add(s);
          for (const e of path.edges) covered.transitions.add(e);
          break;
        }
        if (flat.steps[t.to]) covered.steps.add(t.to);
      }
    }
  }
}

/**
 * Rows the final data of a session selects. The trail cites only the rules behind a decision,
 * so a scenario that stops before the decision still covers the rows its answers select.
 */
export function addValueCoverage(covered: Covered, compiled: CompiledService, snapshot: SessionSnapshot): void {
  const scope: Record<string, unknown> = { ...snapshot.values };
  for (const [k, v] of Object.entries(snapshot.slots)) scope[k] = v.value;
  for (const name of Object.keys(compiled.definition.values ?? {})) delete scope[name];
  try {
    const { trail } = evaluateValues(compiled.definition, scope, { referenceDate: snapshot.referenceDate });
    for (const t of trail) if (t.row !== undefined) for (const r of Array.isArray(t.row) ? t.row : [t.row]) covered.rows.add(rowKey(t.rule, t.version, r));
  } catch {
    // A rule error is the session's own finding; coverage just counts less.
  }
}

function item(all: string[], got: Set<string>): CoverageItem {
  const uncovered = all.filter((x) => !got.has(x));
  return { total: all.length, covered: all.length - uncovered.length, uncovered };
}

/** The report for a definition given what its scenarios covered. */
export function coverageReport(compiled: CompiledService, covered: Covered): CoverageReport {
  const u = coverageUniverse(compiled);
  return {
    service: compiled.id,
    steps: item(u.steps, covered.steps),
    transitions: item(u.transitions, covered.transitions),
    outcomes: item(u.outcomes, covered.outcomes),
    rows: item(u.rows, covered.rows),
  };
}

const pct = (c: CoverageItem): string => (c.total === 0 ? '–' : `${Math.round((100 * c.covered) / c.total)}%`);

/** The report as text, naming every uncovered item. */
export function formatCoverage(r: CoverageReport): string {
  const parts: [string, CoverageItem][] = [['steps', r.steps], ['transitions', r.transitions], ['outcomes', r.outcomes], ['table rows', r.rows]];
  const lines = [`coverage of ${r.service}: ${parts.map(([n, c]) => `${n} ${c.covered}/${c.total} (${pct(c)})`).join(', ')}`];
  for (const [n, c] of parts) if (c.uncovered.length) lines.push(`  uncovered ${n}: ${c.uncovered.join(', ')}`);
  return lines.join('\n');
}
