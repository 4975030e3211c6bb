/**
 * Data minimisation and the legal frame: personal slots that nothing uses or that lack a
 * purpose (Art. 5 DSGVO), and administrative acts without a permitting norm or with
 * discretion, which cannot be issued automatically (§ 35a VwVfG).
 */
import type { LocalizedText, ServiceDefinition } from '../../core/definition/schema';
import { referencedNames, tableReferencedNames } from '../../core/rules';
import { report, type VerifyContext } from './problem';

function feelNames(expr: string, kind: 'expression' | 'unaryTest' = 'expression'): string[] {
  try {
    return referencedNames(expr, { kind });
  } catch {
    return [];
  }
}

function templateNames(text: LocalizedText | undefined | true): string[] {
  if (text === undefined || text === true) return [];
  const all = typeof text === 'string' ? [text] : Object.values(text).filter((t): t is string => typeof t === 'string');
  return all.flatMap((t) => [...t.matchAll(/\{\s*([a-z][a-z0-9_]*)/g)].map((m) => m[1]));
}

/**
 * Names used by a decision, an action, an outcome or a text the citizen sees — everything but a
 * slot's own question and validation, which do not make collecting it necessary.
 */
export function usesByName(def: ServiceDefinition): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (names: string[], where: string): void => {
    for (const n of names) uses.set(n, [...(uses.get(n) ?? []), where]);
  };
  for (const [name, slot] of Object.entries(def.slots)) {
    if (slot.when) add(feelNames(slot.when).filter((n) => n !== name), `slots.${name}.when`);
    const valid = typeof slot.valid === 'string' ? [slot.valid] : (slot.valid ?? []).map((v) => v.rule);
    for (const v of valid) add(feelNames(v).filter((n) => n !== name), `slots.${name}.valid`);
    add(templateNames(slot.ask).filter((n) => n !== name), `slots.${name}.ask`);
  }
  for (const [name, raw] of Object.entries(def.values ?? {})) {
    const bodies: unknown[] = typeof raw === 'string' ? [raw] : [raw.expr, raw.table ? { table: raw.table } : undefined, ...Object.values(raw.valid_from ?? {})];
    for (const b of bodies) {
      if (typeof b === 'string') add(feelNames(b), `values.${name}`);
      else if (b && typeof b === 'object' && 'expr' in b) add(feelNames((b as { expr: string }).expr), `values.${name}`);
      else if (b && typeof b === 'object' && 'table' in b) {
        try {
          add(tableReferencedNames((b as { table: import('../../core/definition/schema').DecisionTable }).table, (n) => n in def.slots || n in (def.values ?? {})), `values.${name}`);
        } catch { /* reported by validate */ }
      }
    }
  }
  const walk = (steps: ServiceDefinition['flow'], path: string): void => {
    steps.forEach((s, i) => {
      const at = `${path}[${i}]`;
      if ('if' in s) {
        add(feelNames(s.if), `${at}.if`);
        walk(s.then, `${at}.then`);
        if (s.else) walk(s.else, `${at}.else`);
      }
      if ('action' in s) for (const [k, e] of Object.entries(s.with ?? {})) add(feelNames(e), `${at}.with.${k}`);
      if ('say' in s) add(templateNames(s.say), `${at}.say`);
      if ('handoff' in s) add(templateNames(s.handoff), `${at}.handoff`);
      if ('confirm' in s && s.ask) add(templateNames(s.ask), `${at}.ask`);
    });
  };
  walk(def.flow, 'flow');
  for (const [name, o] of Object.entries(def.outcomes)) {
    add(o.values ?? [], `outcomes.${name}.values`);
    add(templateNames(o.say), `outcomes.${name}.say`);
  }
  return uses;
}

export function checkPrivacy(def: ServiceDefinition, ctx: VerifyContext): void {
  const uses = usesByName(def);
  for (const [name, slot] of Object.entries(def.slots)) {
    if (!slot.personal) continue;
    if (!slot.purpose) {
      report(ctx, 'personal_without_purpose', 'error', ['slots', name, 'personal'], `personal slot ${name} has no purpose`,
        'add `purpose:` saying why this personal data is needed (Art. 5 Abs. 1 lit. b, c DSGVO)',
        [`das personenbezogene Feld ${name} hat keinen Zweck (purpose)`, 'ergänzen Sie `purpose:` mit dem Grund, warum diese Daten nötig sind (Art. 5 Abs. 1 lit. b, c DSGVO)']);
    }
    if (!uses.has(name)) {
      report(ctx, 'personal_unused', 'error', ['slots', name], `personal slot ${name} is collected but no rule, action, outcome or text uses it`,
        'use it in a rule, an action input or an outcome, or do not collect it (data minimisation, Art. 5 Abs. 1 lit. c DSGVO)',
        [`das personenbezogene Feld ${name} wird erhoben, aber keine Regel, Aktion, kein Ergebnis und kein Text verwendet es`, 'verwenden Sie es in einer Regel, einer Aktion oder einem Ergebnis, oder erheben Sie es nicht (Datenminimierung, Art. 5 Abs. 1 lit. c DSGVO)']);
    }
  }
  for (const [name, o] of Object.entries(def.outcomes)) {
    if (o.kind !== 'administrative_act') continue;
    if (!o.automation_permitted_by) {
      report(ctx, 'act_without_norm', 'warning', ['outcomes', name, 'kind'],
        `outcome ${name} is an administrative act without automation_permitted_by: it will be a proposal for a case worker, not issued automatically`,
        'name the norm that permits a fully automated act (§ 35a VwVfG), e.g. automation_permitted_by: "§ 155 Abs. 4 AO", or make it kind: proposal',
        [`Ergebnis ${name} ist ein Verwaltungsakt ohne automation_permitted_by: es wird ein Vorschlag für die Sachbearbeitung, kein automatisch erlassener Bescheid`, 'nennen Sie die Norm, die den vollautomatisierten Erlass zulässt (§ 35a VwVfG), oder machen Sie es zu kind: proposal']);
    }
    if (o.discretion) {
      report(ctx, 'act_with_discretion', 'warning', ['outcomes', name, 'discretion'],
        `outcome ${name} involves discretion (Ermessen): it can never be issued automatically and will be a proposal for a case worker`,
        'keep it as a proposal, or remove discretion: true if the law leaves no discretion',
        [`Ergebnis ${name} hat Ermessen: es wird nie automatisch erlassen, sondern ist ein Vorschlag für die Sachbearbeitung`, 'lassen Sie es als Vorschlag, oder entfernen Sie discretion: true, wenn das Gesetz kein Ermessen lässt']);
    }
  }
}
