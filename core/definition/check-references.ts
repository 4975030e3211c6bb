/** Names a definition uses outside FEEL: collected and confirmed slots, outcomes, templates, table columns, actions. */
import { referencedNames } from '../rules';
import { parseTemplate, templateParts } from '../template';
import { allNames, declaredNames, entriesOf, flowSteps, isObject, localizedStrings, tableRows, valueBodies, type Path } from './raw-access';
import type { Reporter } from './report';
import { didYouMean } from './suggest';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}/g;

/** Texts that may carry {name} placeholders, with their paths. */
export function templateTexts(raw: unknown): { text: string; path: Path }[] {
  const out: { text: string; path: Path }[] = [];
  const r = isObject(raw) ? raw : {};
  for (const [name, slot] of entriesOf(r.slots)) {
    if (!isObject(slot)) continue;
    out.push(...localizedStrings(slot.ask, ['slots', name, 'ask']), ...localizedStrings(slot.hint, ['slots', name, 'hint']));
    if (Array.isArray(slot.valid)) slot.valid.forEach((v, i) => { if (isObject(v)) out.push(...localizedStrings(v.hint, ['slots', name, 'valid', i, 'hint'])); });
  }
  for (const [name, o] of entriesOf(r.outcomes)) {
    if (!isObject(o)) continue;
    out.push(...localizedStrings(o.say, ['outcomes', name, 'say']), ...localizedStrings(o.rechtsbehelfsbelehrung, ['outcomes', name, 'rechtsbehelfsbelehrung']));
  }
  for (const { step, path } of flowSteps(raw)) {
    out.push(...localizedStrings(step.say, [...path, 'say']), ...localizedStrings(step.ask, [...path, 'ask']));
    if (step.handoff !== true) out.push(...localizedStrings(step.handoff, [...path, 'handoff']));
  }
  return out;
}

/**
 * What a definition may call: an action name, or a name with the inputs it takes (then `with:`
 * keys are checked too). Plain data, so the pure loader can check actions registered elsewhere.
 */
export type ActionSpec = string | { name: string; inputs?: { required?: readonly string[]; optional?: readonly string[] } };

function checkActionInputs(spec: ActionSpec | undefined, step: Record<string, unknown>, path: (string | number)[], r: Reporter): void {
  if (!spec || typeof spec === 'string' || !spec.inputs) return;
  const required = spec.inputs.required ?? [];
  const allowed = [...required, ...(spec.inputs.optional ?? [])];
  const given = isObject(step.with) ? Object.keys(step.with) : [];
  for (const key of given) {
    if (!allowed.includes(key)) {
      r.add('unknown_action_input', { name: key, action: spec.name, suggestion: didYouMean(key, allowed), known: allowed }, [...path, 'with', key], 'key');
    }
  }
  for (const key of required) {
    if (!given.includes(key)) r.add('missing_action_input', { name: key, action: spec.name, known: allowed }, [...path, isObject(step.with) ? 'with' : 'action'], 'key');
  }
}

/** Checks every name used outside FEEL; `specs`, if given, are the registered actions. */
export function checkReferences(raw: unknown, r: Reporter, specs?: readonly ActionSpec[]): void {
  const actions = specs?.map((a) => (typeof a === 'string' ? a : a.name));
  const names = declaredNames(raw);
  const slotNames = [...names.slots.keys()];
  const readable = new Set(allNames(names));
  const outcomeNames = [...names.outcomes];
  const slotRef = (name: unknown, path: Path): void => {
    if (typeof name !== 'string' || names.slots.has(name)) return;
    r.add('unknown_slot', { name, suggestion: didYouMean(name, slotNames), known: slotNames }, path);
  };
  const nameRef = (name: unknown, path: Path, anchor: 'value' | { char: number } = 'value'): void => {
    if (typeof name !== 'string' || readable.has(name)) return;
    r.add('unknown_name', { name, suggestion: didYouMean(name, readable) }, path, anchor);
  };

  const usedOutcomes = new Set<string>();
  for (const { step, path } of flowSteps(raw)) {
    if (Array.isArray(step.collect)) step.collect.forEach((s, i) => slotRef(s, [...path, 'collect', i]));
    if (Array.isArray(step.confirm)) step.confirm.forEach((s, i) => nameRef(s, [...path, 'confirm', i]));
    if (typeof step.outcome === 'string') {
      usedOutcomes.add(step.outcome);
      if (!names.outcomes.has(step.outcome)) {
        r.add('unknown_outcome', { name: step.outcome, suggestion: didYouMean(step.outcome, outcomeNames), known: outcomeNames }, [...path, 'outcome']);
      }
    }
    if (actions && typeof step.action === 'string' && !actions.includes(step.action)) {
      r.add('unknown_action', { name: step.action, suggestion: didYouMean(step.action, actions), known: actions }, [...path, 'action'], 'value', { code: 'unknown_action' });
    } else if (specs && typeof step.action === 'string') {
      checkActionInputs(specs.find((a) => typeof a !== 'string' && a.name === step.action), step, path, r);
    }
  }

  checkResultOrder(raw, names.results, r);

  const r0 = isObject(raw) ? raw : {};
  for (const [name, o] of entriesOf(r0.outcomes)) {
    if (!isObject(o)) continue;
    if (Array.isArray(o.values)) o.values.forEach((v, i) => nameRef(v, ['outcomes', name, 'values', i]));
    if (isObject(raw) && Array.isArray(r0.flow) && !usedOutcomes.has(name)) r.add('unused_outcome', {}, ['outcomes', name], 'key', { severity: 'warning' });
  }

  for (const { text, path } of templateTexts(raw)) {
    const parsed = parseTemplate(text);
    if (!parsed.ok) {
      r.add('template_syntax', { detail: parsed.problem.message, fix: parsed.problem.hint }, path, { char: parsed.problem.at });
      continue;
    }
    for (const { path: p, at } of templateParts(parsed.nodes).paths) {
      const head = p.split('.')[0];
      nameRef(head, path, { char: text.indexOf(head, at) });
    }
  }

  for (const b of valueBodies(raw)) {
    if (!b.table) continue;
    for (const { row, path } of tableRows(b.table, b.path)) {
      for (const [input] of entriesOf(row.when)) {
        if (readable.has(input)) continue;
        const row = Number(path[path.length - 1]) + 1;
        const place = `${r.place(['values', b.name])}, ${r.lang === 'de' ? 'Zeile' : 'row'} ${row}`;
        r.add('unknown_table_input', { name: input, place, suggestion: didYouMean(input, readable) }, [...path, 'when', input], 'key');
      }
    }
  }
}

/** Flags a step that reads an action result before any action producing it ran (in flow order). */
function checkResultOrder(raw: unknown, results: Set<string>, r: Reporter): void {
  if (results.size === 0) return;
  const ready = new Set<string>();
  const warn = (name: string, path: Path, anchor: 'value' | { char: number }): void => {
    if (results.has(name) && !ready.has(name)) r.add('result_before_action', { name }, path, anchor, { severity: 'warning' });
  };
  for (const { step, path } of flowSteps(raw)) {
    if (typeof step.if === 'string') for (const n of referencedNames(step.if)) warn(n, [...path, 'if'], 'value');
    for (const [k, e] of entriesOf(step.with)) if (typeof e === 'string') for (const n of referencedNames(e)) warn(n, [...path, 'with', k], 'value');
    const texts = [...localizedStrings(step.say, [...path, 'say']), ...localizedStrings(step.ask, [...path, 'ask'])];
    if (step.handoff !== true) texts.push(...localizedStrings(step.handoff, [...path, 'handoff']));
    for (const { text, path: tp } of texts) for (const m of text.matchAll(PLACEHOLDER)) warn(m[1], tp, { char: (m.index ?? 0) + 1 });
    if (typeof step.result === 'string') ready.add(step.result);
  }
}
