/** Texts a citizen sees that lack one of the definition's `locales`. */
import type { LocalizedText, ServiceDefinition } from '../../core/definition/schema';
import { report, type VerifyContext } from './problem';

type Words = Partial<Record<string, string[]>>;

/** Every citizen-facing text with its YAML path. */
export function textsOf(def: ServiceDefinition): { path: (string | number)[]; text: LocalizedText }[] {
  const out: { path: (string | number)[]; text: LocalizedText }[] = [];
  const add = (path: (string | number)[], text: LocalizedText | undefined | true): void => {
    if (text !== undefined && text !== true) out.push({ path, text });
  };
  add(['title'], def.title);
  add(['description'], def.description);
  for (const [name, slot] of Object.entries(def.slots)) {
    add(['slots', name, 'label'], slot.label);
    add(['slots', name, 'ask'], slot.ask);
    add(['slots', name, 'hint'], slot.hint);
    if (Array.isArray(slot.valid)) slot.valid.forEach((v, i) => add(['slots', name, 'valid', i, 'hint'], v.hint));
    for (const [id, v] of Object.entries(slot.values ?? {})) add(['slots', name, 'values', id, 'label'], v.label);
  }
  const walk = (steps: ServiceDefinition['flow'], path: (string | number)[]): void => {
    steps.forEach((s, i) => {
      if ('say' in s) add([...path, i, 'say'], s.say);
      if ('handoff' in s) add([...path, i, 'handoff'], s.handoff);
      if ('confirm' in s) add([...path, i, 'ask'], s.ask);
      if ('if' in s) {
        walk(s.then, [...path, i, 'then']);
        if (s.else) walk(s.else, [...path, i, 'else']);
      }
    });
  };
  walk(def.flow, ['flow']);
  for (const [name, o] of Object.entries(def.outcomes)) add(['outcomes', name, 'say'], o.say);
  for (const [name, v] of Object.entries(def.values)) {
    if (typeof v !== 'object' || v === null) continue;
    add(['values', name, 'label'], v.label);
    const tables = [v.table, ...Object.values(v.valid_from ?? {}).map((b) => (typeof b === 'object' && b !== null && 'table' in b ? b.table : undefined))];
    for (const [k, table] of tables.entries()) {
      const at = k === 0 ? ['values', name, 'table'] : ['values', name, 'valid_from', Object.keys(v.valid_from ?? {})[k - 1], 'table'];
      table?.rows.forEach((row, i) => { if (typeof row.then === 'object') add([...at, 'rows', i, 'then'], row.then as LocalizedText); });
    }
  }
  for (const [id, a] of Object.entries(def.answers ?? {})) {
    add(['answers', id, 'say'], a.say);
    add(['answers', id, 'unknown'], a.unknown);
  }
  return out;
}

/** Word lists a citizen's message is matched against (answer and routing keywords), with their YAML path. */
export function wordsOf(def: ServiceDefinition): { path: (string | number)[]; words: Words }[] {
  const out: { path: (string | number)[]; words: Words }[] = [];
  for (const [id, a] of Object.entries(def.answers ?? {})) out.push({ path: ['answers', id, 'keywords'], words: a.keywords });
  if (def.routing?.keywords) out.push({ path: ['routing', 'keywords'], words: def.routing.keywords });
  return out;
}

export function checkTranslations(def: ServiceDefinition, ctx: VerifyContext): void {
  const locales = def.locales ?? ['de', 'en'];
  // Keywords in the citizen's language: without them a question or first message in it is not understood.
  for (const { path, words } of wordsOf(def)) {
    const missing = locales.filter((l) => ((words as Record<string, string[] | undefined>)[l] ?? []).length === 0);
    if (missing.length === 0) continue;
    report(ctx, 'missing_translation', 'warning', path, `${path.join('.')} has no ${missing.join(', ')} words (locales: ${locales.join(', ')})`,
      `add the words citizens use, e.g. ${missing.map((l) => `${l}: [ … ]`).join(', ')}; a message in ${missing.join(', ')} is otherwise matched by the German and English words only`,
      [`${path.join('.')} hat keine Wörter in ${missing.join(', ')} (locales: ${locales.join(', ')})`, `ergänzen Sie die Wörter der Bürgerinnen und Bürger, z. B. ${missing.map((l) => `${l}: [ … ]`).join(', ')}; eine Nachricht in ${missing.join(', ')} wird sonst nur mit den deutschen und englischen Wörtern verglichen`]);
  }
  for (const { path, text } of textsOf(def)) {
    const have = typeof text === 'string' ? ['de'] : Object.entries(text).filter(([, v]) => typeof v === 'string' && v.length > 0).map(([k]) => k);
    const missing = locales.filter((l) => !have.includes(l));
    if (missing.length === 0) continue;
    report(ctx, 'missing_translation', 'warning', path, `${path.join('.')} has no ${missing.join(', ')} text (locales: ${locales.join(', ')})`,
      `write it as { de: "…", ${missing.map((l) => `${l}: "…"`).join(', ')} }; citizens choosing ${missing.join(', ')} get the German text`,
      [`${path.join('.')} hat keinen Text in ${missing.join(', ')} (locales: ${locales.join(', ')})`, `schreiben Sie { de: "…", ${missing.map((l) => `${l}: "…"`).join(', ')} }; wer ${missing.join(', ')} wählt, bekommt sonst den deutschen Text`]);
  }
}
