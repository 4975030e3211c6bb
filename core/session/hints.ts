/** Failed answers: counting attempts, the hint to show, and statements kept for a person. */
import type { Command } from '../extract/types';
import { reasonMessage } from '../extract/errors';
import { enterHandoff } from './flow';
import { localized, msg, typeHint } from './messages';
import type { Validation } from './scope';
import type { Turn } from './turn';
import { foldText } from '../extract';

/** Records a failed answer; after `max_attempts` the session goes to a person. */
export function fail(t: Turn, key: string, notice: string[]): void {
  const n = (t.s.attempts[key] ?? 0) + 1;
  t.s.attempts[key] = n;
  if (n >= t.def.settings.max_attempts) {
    enterHandoff(t, 'too_many_attempts', msg(t.s.locale, 'handoff_attempts'));
    return;
  }
  t.notice.push(...notice);
}

/**
 * A longer statement that fills no slot may carry facts the automation does not capture; it is
 * kept for the case worker (§ 24 Abs. 1 S. 3 VwVfG). Short non-answers ("blau") are not.
 */
export function noteUnmapped(t: Turn, text: string, commands: Set<Command>): void {
  if (commands.size > 0) return;
  const words = text.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length >= 6) t.s.unmapped.push(text.trim().slice(0, 500));
}

export function slotHint(t: Turn, name: string, validation?: Validation, reason?: string): string[] {
  const slot = t.def.slots[name];
  const locale = t.s.locale;
  const lead = reason ? reasonMessage(reason, locale) : validation ? msg(locale, 'invalid') : msg(locale, 'not_understood');
  const specific = validation && !validation.ok && validation.hint ? validation.hint : slot.hint;
  const options = slot.values ? Object.values(slot.values).map((v) => localized(v.label, locale)) : [];
  const hint = specific ? localized(specific, locale) : reason ? '' : typeHint(locale, slot.type, options);
  return [lead, hint].filter((s) => s.length > 0);
}

/**
 * Whether a message only names this service ("Ich habe mir einen Hund gekauft" in the dog-tax
 * service): the citizen is answering "what do you need?", not the first question yet. Checked
 * against the definition's routing keywords and title, only before anything was collected.
 */
export function namesOwnService(t: Turn, pending: string, text: string): boolean {
  if (Object.keys(t.s.slots).length > 0 || (t.s.attempts[pending] ?? 0) > 0) return false;
  // Every language's keywords: a Turkish first message names the service in Turkish.
  const words = Object.values(t.def.routing?.keywords ?? {}).flat().filter((w): w is string => typeof w === 'string');
  const folded = ` ${foldText(text.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return words.some((w) => {
    const k = foldText(w.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return k.length >= 3 && folded.includes(` ${k} `);
  });
}

