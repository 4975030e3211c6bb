/**
 * The Begründung of a decision (§ 39 VwVfG): the decision, the essential facts with their source
 * and confirmation, the reasons as sentences citing the norms, what the citizen can do next (with
 * the Rechtsbehelfsbelehrung of an act), the course of the case and the proof of integrity. Only
 * facts a rule or the result used are listed; every name is the definition's label in the
 * reader's language; every value is formatted for people.
 */
import type { LegalRef, ServiceDefinition } from '../../core/definition/schema';
import { conditionOf, renderTextFor, type CompiledService, type OutcomeView, type RuleEvaluation, type SessionSnapshot, type SlotState } from '../../core/session';
import type { AuditBundle } from '../bundle-schema';
import { describeCell, formatDate, formatPeriod, formatSessionValue, localText } from './format';
import { TEXTS, type ExplainLang, type Texts } from './texts';

/** A paragraph: plain text, optionally with a bold lead. Renderers escape both. */
export interface Para { lead?: string; text: string }
export interface Section { heading: string; paragraphs: Para[]; list?: string[]; table?: { head: string[]; rows: string[][] } }
export interface Doc { title: string; lang: ExplainLang; meta: [string, string][]; sections: Section[] }

const ref = (r: LegalRef): string => (typeof r === 'string' ? r : r.ref);
const humanize = (name: string): string => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

class Namer {
  constructor(private readonly def: ServiceDefinition, private readonly lang: ExplainLang) {}

  /** The label of a slot or derived value; the name made readable only when the definition has none. */
  label(name: string): string {
    if (name === 'today') return TEXTS[this.lang].today;
    const slot = this.def.slots[name] as { label?: Parameters<typeof localText>[0] } | undefined;
    const value = this.def.values?.[name] as { label?: Parameters<typeof localText>[0] } | undefined;
    const label = slot?.label ?? (value && typeof value === 'object' ? value.label : undefined);
    return label ? localText(label, this.lang) : humanize(name);
  }

  hasLabel(name: string): boolean {
    const value = this.def.values?.[name];
    return Boolean((this.def.slots[name] as { label?: unknown } | undefined)?.label ?? (value && typeof value === 'object' ? (value as { label?: unknown }).label : undefined));
  }

  /** The label of an enum value of any slot ("vor_ort" → "Foto vor Ort"). */
  enumLabel(v: string): string {
    for (const slot of Object.values(this.def.slots)) {
      const values = (slot as { values?: Record<string, { label?: Parameters<typeof localText>[0] }> }).values;
      if (values?.[v]?.label) return localText(values[v].label, this.lang);
    }
    return v;
  }
}

/** The last evaluation of each rule, in the order rules were first evaluated. */
function finalRules(bundle: AuditBundle): RuleEvaluation[] {
  const last = new Map<string, RuleEvaluation>();
  for (const r of bundle.rules) last.set(r.rule, r as unknown as RuleEvaluation);
  return [...last.values()];
}

/** Names the decision used: inputs of every rule applied, the result's values, and the slots behind a reported action result. */
function usedNames(def: ServiceDefinition, rules: RuleEvaluation[], outcome: OutcomeView | null): Set<string> {
  const used = new Set<string>();
  for (const r of rules) for (const k of Object.keys(r.inputs)) used.add(k);
  if (outcome) {
    // What the result reports; names its text merely prints (an address it is sent to) are not grounds.
    for (const k of Object.keys(outcome.values ?? {})) used.add(k);
  }
  // An action whose result the decision reports (a booking) used the slots it was given.
  const walk = (steps: unknown[]): void => {
    for (const s of steps as Record<string, unknown>[]) {
      if (typeof s.result === 'string' && used.has(s.result) && s.with && typeof s.with === 'object') {
        for (const v of Object.values(s.with as Record<string, unknown>)) if (typeof v === 'string' && /^[a-z][a-z0-9_]*$/.test(v) && v in def.slots) used.add(v);
      }
      for (const k of ['then', 'else', 'steps']) if (Array.isArray(s[k])) walk(s[k] as unknown[]);
    }
  };
  walk((def as unknown as { flow?: unknown[] }).flow ?? []);
  return used;
}

function joinList(items: string[], l: Texts): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${l.and}${items[items.length - 1]}`;
}

/** A FEEL condition with labels for names and words for operators, in one pass (labels are not re-read). */
function readableCondition(cond: string, names: Namer, l: Texts, lang: ExplainLang): string {
  const words: Record<string, string> = lang === 'de' ? { and: 'und', or: 'oder', not: 'nicht', true: 'ja', false: 'nein', null: 'leer' } : { and: 'and', or: 'or', not: 'not', true: 'yes', false: 'no', null: 'empty' };
  const ops: Record<string, string> = { '>=': '≥', '<=': '≤', '!=': '≠' };
  return cond.replace(/"([^"]*)"|\b([a-z][a-z0-9_]*)\b|(>=|<=|!=)/g, (_m, str: string | undefined, word: string | undefined, op: string | undefined) => {
    if (str !== undefined) return l.q(names.enumLabel(str));
    if (word !== undefined) return words[word] ?? l.q(names.label(word));
    return ops[op!] ?? op!;
  });
}

interface Ctx { def: ServiceDefinition; compiled: CompiledService; snapshot: SessionSnapshot | null; lang: ExplainLang; l: Texts; names: Namer }

const show = (c: Ctx, name: string, value: unknown): string => formatSessionValue(c.compiled, c.snapshot, name, value, c.lang);

function inputsText(c: Ctx, r: RuleEvaluation): string {
  return joinList(Object.entries(r.inputs).map(([k, v]) => (k === 'today' ? `${c.l.today} (${formatDate(String(v), c.lang)})` : `${c.l.q(c.names.label(k))} (${show(c, k, v)})`)), c.l);
}

/** The table row the rule matched, looked up in the version that applied. */
function matchedRows(def: ServiceDefinition, r: RuleEvaluation): { when: Record<string, unknown> }[] {
  const declared = def.values?.[r.rule];
  if (!declared || typeof declared !== 'object' || r.row === undefined) return [];
  const body = r.version && declared.valid_from ? declared.valid_from[r.version] : declared;
  const table = body && typeof body === 'object' && 'table' in body ? body.table : undefined;
  if (!table) return [];
  const ids = Array.isArray(r.row) ? r.row : [r.row];
  return table.rows.filter((row, i) => ids.includes(row.id ?? `r${i + 1}`));
}

function ruleSentence(c: Ctx, r: RuleEvaluation): string {
  const { l, names, lang } = c;
  const basis = joinList(r.legal_basis ?? [], l);
  if (r.rule.startsWith('if:')) {
    const cond = conditionOf(c.compiled, r.rule.slice(3));
    const text = cond ? readableCondition(cond, names, l, lang) : names.label(r.rule.slice(3));
    const seen = Object.entries(r.inputs).map(([k, v]) => `${l.q(names.label(k))} = ${show(c, k, v)}`);
    const sentence = l.check(text, r.result === true, seen.length ? l.here(seen.join('; ')) : '');
    return basis ? `${sentence} (${basis})` : sentence;
  }
  const label = names.label(r.rule);
  const version = r.version ? l.version(formatDate(r.version, lang)) : '';
  const rows = matchedRows(c.def, r);
  if (rows.length > 0) {
    const conds = rows.flatMap((row) => Object.entries(row.when).map(([k, cell]) => {
      const d = describeCell(`${names.label(k)}`, cell, lang, (v) => names.enumLabel(v));
      return d && k in r.inputs && typeof r.inputs[k] !== 'boolean' ? `${d} (${l.here(show(c, k, r.inputs[k]))})` : d;
    }).filter((x): x is string => Boolean(x)));
    const cond = conds.length ? joinList(conds, l) : inputsText(c, r);
    return typeof r.result === 'boolean' ? l.tableBool(basis, label, r.result, version, cond) : l.table(basis, label, show(c, r.rule, r.result), version, cond);
  }
  if (typeof r.result === 'boolean') return l.exprBool(basis, label, r.result, version, inputsText(c, r));
  return l.expr(basis, label, show(c, r.rule, r.result), version, inputsText(c, r));
}

function factRows(c: Ctx, bundle: AuditBundle, used: Set<string>): string[][] {
  const { l, names } = c;
  return Object.entries(bundle.slots as Record<string, SlotState>)
    .filter(([name, s]) => used.has(name) && s.value !== null && s.value !== undefined)
    .map(([name, s]) => {
      const how = l.how[s.source] ?? s.source;
      const origin = s.source === 'staff' ? l.staffEntered : `${s.evidence ? l.said(s.turn, s.evidence) : ''}${s.evidence ? ', ' : ''}${how}`;
      return [names.label(name), show(c, name, s.value), origin.replace(/^./, (x) => x.toUpperCase()), s.source === 'staff' ? l.staffEntered : s.confirmed ? l.confirmed : l.no];
    });
}

function resultSection(c: Ctx, bundle: AuditBundle, outcome: OutcomeView | null): Section {
  const { l, def, lang } = c;
  if (!outcome) return { heading: l.result, paragraphs: [{ text: l.noOutcome(l.status[bundle.session.status] ?? bundle.session.status) }] };
  const declared = def.outcomes[outcome.id];
  const text = declared?.say && c.snapshot ? renderTextFor(c.compiled, c.snapshot, declared.say, lang) : outcome.text;
  const paragraphs: Para[] = [{ lead: `${l.kind[outcome.kind] ?? l.kind.information}.`, text }];
  const isBooking = (v: unknown): boolean => v !== null && typeof v === 'object' && ('beginn' in v || 'start' in v);
  const labelOf = (k: string, v: unknown): string => (c.names.hasLabel(k) || !isBooking(v) ? c.names.label(k) : l.appointment);
  const values = Object.entries(outcome.values ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${labelOf(k, v)}: ${show(c, k, v)}`);
  const basis = (declared?.legal_basis ?? []).map(ref);
  if (basis.length) paragraphs.push({ lead: `${l.basis}:`, text: joinList(basis, l) });
  if (declared && ['administrative_act', 'refusal'].includes(declared.kind)) {
    paragraphs.push({ text: outcome.automated && declared.automation_permitted_by ? l.automated(ref(declared.automation_permitted_by)) : l.notAutomated });
  }
  return { heading: l.result, paragraphs, list: values.length ? values : undefined };
}

function nextSection(c: Ctx, bundle: AuditBundle, outcome: OutcomeView | null): Section {
  const { l, def, lang } = c;
  if (!outcome) return { heading: l.next, paragraphs: [{ text: l.nextSteps[bundle.session.status] ?? l.nextSteps.active }] };
  const declared = def.outcomes[outcome.id];
  const isAct = declared ? ['administrative_act', 'refusal'].includes(declared.kind) : false;
  if (isAct && outcome.automated) {
    const remedy = declared?.rechtsbehelfsbelehrung && c.snapshot ? renderTextFor(c.compiled, c.snapshot, declared.rechtsbehelfsbelehrung, lang) : undefined;
    return { heading: `${l.next}: ${l.remedy}`, paragraphs: [{ text: remedy ?? l.nextSteps.noRemedy }] };
  }
  const kind = isAct || outcome.kind === 'proposal' ? 'proposal' : outcome.kind;
  return { heading: l.next, paragraphs: [{ text: l.nextSteps[kind] ?? l.nextSteps.information }] };
}

function courseSection(c: Ctx, snapshot: SessionSnapshot | null): Section | undefined {
  const { l } = c;
  const paragraphs: Para[] = [];
  if (snapshot?.handoff) {
    const reason = snapshot.handoff.reason.split(':')[0];
    paragraphs.push({ text: l.handoff[reason] ?? l.handoff.other });
    if (snapshot.handoff.takenBy) paragraphs.push({ text: l.handoffBy(snapshot.handoff.takenBy) });
  }
  if (snapshot?.cancelled) paragraphs.push({ text: l.cancelledBy });
  const list = snapshot?.unmapped?.length ? snapshot.unmapped.map((u) => `„${u}“`) : undefined;
  if (list) paragraphs.push({ text: l.unmapped });
  return paragraphs.length ? { heading: l.course, paragraphs, list } : undefined;
}

/** Builds the Begründung of a checked, replayed bundle. */
export function buildDocument(bundle: AuditBundle, compiled: CompiledService, lang: ExplainLang): Doc {
  const l = TEXTS[lang];
  const def = compiled.definition;
  const snapshot = bundle.snapshot as unknown as SessionSnapshot | null;
  const c: Ctx = { def, compiled, snapshot, lang, l, names: new Namer(def, lang) };
  const doc: Doc = {
    title: `${l.title}: ${localText(def.title, lang)}`,
    lang,
    meta: [
      [l.case, bundle.session.id], [l.service, `${localText(def.title, lang)} (${def.service} ${def.version})`],
      [l.refDate, formatDate(bundle.session.referenceDate, lang)], [l.channel, l.channels[bundle.session.channel] ?? bundle.session.channel],
      [l.period, formatPeriod(bundle.session.startedAt, bundle.session.updatedAt, lang)],
    ],
    sections: [],
  };
  if (bundle.purged) {
    doc.sections.push({ heading: l.result, paragraphs: [{ text: l.purged }] });
  } else {
    const outcome = bundle.outcome as unknown as OutcomeView | null;
    const rules = finalRules(bundle);
    const used = usedNames(def, rules, outcome);
    doc.sections.push(resultSection(c, bundle, outcome));
    const rows = factRows(c, bundle, used);
    doc.sections.push({
      heading: l.facts,
      paragraphs: [{ text: rows.length ? l.factsLead : l.noFacts }],
      table: rows.length ? { head: [l.fact, l.value, l.source, l.confirmedCol], rows } : undefined,
    });
    if (rules.length) doc.sections.push({ heading: l.reasons, paragraphs: rules.map((r) => ({ text: ruleSentence(c, r) })) });
    doc.sections.push(nextSection(c, bundle, outcome));
    const course = courseSection(c, snapshot);
    if (course) doc.sections.push(course);
  }
  const sig = bundle.integrity.signature;
  doc.sections.push({
    heading: l.integrity,
    paragraphs: [
      { lead: `${l.definition}:`, text: bundle.definition.hash },
      { lead: `${l.chain(bundle.chain.length)}:`, text: bundle.chain.head },
      { lead: `${l.content}:`, text: bundle.integrity.contentHash },
      sig ? { lead: `${l.signature}:`, text: sig.keyId } : { text: l.unsigned },
    ],
  });
  return doc;
}
