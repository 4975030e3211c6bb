/** Failed answers: counting attempts, the hint to show, and statements kept for a person. */
import type { Command } from '../extract/types';
import { reasonMessage } from '../extract/errors';
import { enterHandoff } from './flow';
import { localized, msg, typeHint } from './messages';
import type { Validation } from './scope';
import type { Turn } from './turn';

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
