/** Texts a citizen sees that lack one of the definition's `locales`. */
import type { LocalizedText, ServiceDefinition } from '../../core/definition/schema';
import { report, type VerifyContext } from './problem';

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
  return out;
}

export function checkTranslations(def: ServiceDefinition, ctx: VerifyContext): void {
  const locales = def.locales ?? ['de', 'en'];
  for (const { path, text } of textsOf(def)) {
    const have = typeof text === 'string' ? ['de'] : Object.entries(text).filter(([, v]) => typeof v === 'string' && v.length > 0).map(([k]) => k);
    const missing = locales.filter((l) => !have.includes(l));
    if (missing.length === 0) continue;
    report(ctx, 'missing_translation', 'warning', path, `${path.join('.')} has no ${missing.join(', ')} text (locales: ${locales.join(', ')})`,
      `write it as { de: "…", ${missing.map((l) => `${l}: "…"`).join(', ')} }; citizens choosing ${missing.join(', ')} get the German text`,
      [`${path.join('.')} hat keinen Text in ${missing.join(', ')} (locales: ${locales.join(', ')})`, `schreiben Sie { de: "…", ${missing.map((l) => `${l}: "…"`).join(', ')} }; wer ${missing.join(', ')} wählt, bekommt sonst den deutschen Text`]);
  }
}
