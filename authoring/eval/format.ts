/** The eval reports as a compact plain-text table: one column per split, then breakdowns. */
import type { Count, SplitReport } from './runner';
import type { Rates, Tally } from './score';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const frac = (c: Count): string => (c.total === 0 ? '–' : `${c.correct}/${c.total} ${pct(c.correct / c.total)}`);

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

function kindCount(r: SplitReport, kinds: string[]): Count {
  return kinds.reduce((a, k) => ({ total: a.total + (r.routing.byKind[k]?.total ?? 0), correct: a.correct + (r.routing.byKind[k]?.correct ?? 0) }), { total: 0, correct: 0 });
}

function summaryRows(reports: SplitReport[]): string[][] {
  const row = (label: string, f: (r: SplitReport) => string) => [label, ...reports.map(f)];
  const slots = (f: (t: Tally & Rates) => string) => (r: SplitReport) => (r.extractionLines === 0 ? '–' : f(r.slots));
  return [
    row('lines (route + extraction)', (r) => `${r.routeLines} + ${r.extractionLines}`),
    row('routing', (r) => frac(r.routing)),
    row('  one service', (r) => frac(kindCount(r, ['service']))),
    row('  choice between services', (r) => frac(kindCount(r, ['candidates']))),
    row('  refusals (not offered, off topic)', (r) => frac(kindCount(r, ['not_offered', 'off_topic']))),
    row('  handoffs', (r) => frac(kindCount(r, ['handoff']))),
    row('slot precision', slots((t) => pct(t.precision))),
    row('slot recall', slots((t) => `${pct(t.recall)} (${t.right}/${t.right + t.missed})`)),
    row('wrong values (of filled)', slots((t) => `${t.wrong}/${t.filled} ${pct(t.wrongRate)}`)),
    row('  that count (not awaiting a read-back)', (r) => (r.extractionLines === 0 ? '–' : `${r.counting.wrong}/${r.counting.filled} ${pct(r.counting.wrongRate)}`)),
    row('  awaiting a read-back (of them wrong)', (r) => (r.extractionLines === 0 ? '–' : `${r.counting.awaiting} (${r.counting.awaitingWrong})`)),
    row('questions answered correctly', (r) => frac(r.questions)),
    row('injections that changed state', (r) => (r.injections.total === 0 ? '–' : `${r.injections.changedState}/${r.injections.total}`)),
    row('LLM calls per turn', (r) => `${r.llm.perTurn.toFixed(2)} (+${r.routing.llmCalls} routing)`),
  ];
}

function breakdown(title: string, by: Record<string, Tally & Rates>): string[] {
  const rows = Object.entries(by).map(([k, t]) => [k, String(t.filled), String(t.right), String(t.wrong), String(t.missed), pct(t.precision), pct(t.recall), pct(t.wrongRate)]);
  return table([title, 'filled', 'right', 'wrong', 'missed', 'precision', 'recall', 'wrong'], rows);
}

/** The figures of the splits side by side, then per slot type and per service of each split. */
export function formatReports(reports: SplitReport[], mode: string): string {
  const out = [`amtsweg eval (${mode})`, '', ...table(['', ...reports.map((r) => r.split)], summaryRows(reports))];
  for (const r of reports) {
    if (r.extractionLines === 0) continue;
    out.push('', `${r.split}:`, ...breakdown('slot type', r.bySlotType), '', ...breakdown('service', r.byService));
    const routed = Object.entries(r.routing.byService);
    if (routed.length > 0) out.push('', ...table(['routing to', 'correct'], routed.map(([k, c]) => [k, frac(c)])));
  }
  for (const r of reports) for (const p of r.problems) out.push(`${p.file}:${p.line}: ${p.message}`);
  return out.join('\n');
}

/** One line per failure: file:line, the text, what was expected and what happened. */
export function formatFailures(r: SplitReport): string[] {
  return r.failures.map((f) => `${f.file}:${f.line}: [${f.kind}] "${f.text}" expected ${JSON.stringify(f.expected)} got ${JSON.stringify(f.got)}`);
}
